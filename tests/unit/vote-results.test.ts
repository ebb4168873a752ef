/** Vote results: totals, the split by group, the minimum group size and disagreements. */
import { describe, expect, it } from 'vitest'
import { type Ballot, computeResults } from '../../shared/votes/results.ts'

const meta = { phaseId: 'p', method: 'dots' as const, revealedAt: 1 }

function ballots(group: Ballot['group'], people: number, cardId: string, points: number): Ballot[] {
  return Array.from({ length: people }, (_, i) => ({ participantId: `${group}${i}`, group, cardId, points }))
}

describe('computeResults', () => {
  it('totals per card, split by the groups big enough to show', () => {
    const all = [
      ...ballots('citizen', 4, 'bus', 3),
      ...ballots('councillor', 3, 'wlan', 2),
      ...ballots('staff', 2, 'bus', 1),
    ]
    const r = computeResults(all, meta)
    expect(r.cards).toEqual([
      { cardId: 'bus', total: 14, byGroup: { citizen: 12, councillor: 0, staff: null } },
      { cardId: 'wlan', total: 6, byGroup: { citizen: 0, councillor: 6, staff: null } },
    ])
    expect(r.hiddenGroups).toEqual(['staff'])
    expect(r.voters).toEqual({ total: 9, byGroup: { citizen: 4, councillor: 3, staff: 2 } })
  })

  it('names the cards where the groups disagree most', () => {
    const all = [
      ...ballots('citizen', 3, 'bus', 3),
      ...ballots('councillor', 3, 'wlan', 3),
      ...ballots('staff', 3, 'bus', 3),
    ]
    const r = computeResults(all, meta)
    expect(r.disagreements.map((d) => d.cardId)).toEqual(['bus', 'wlan'])
    expect(r.disagreements[0]?.spread).toBe(1)
  })

  it('shows no group apart below the minimum, and nobody can be singled out', () => {
    const r = computeResults([...ballots('citizen', 2, 'bus', 1), ...ballots('staff', 1, 'bus', 3)], meta)
    expect(r.cards[0]).toEqual({
      cardId: 'bus',
      total: 5,
      byGroup: { citizen: null, councillor: null, staff: null },
    })
    expect(r.hiddenGroups).toEqual(['citizen', 'staff'])
    expect(r.disagreements).toEqual([])
    expect(computeResults(ballots('staff', 1, 'bus', 3), meta, 1).cards[0]?.byGroup.staff).toBe(3)
  })
})
