/**
 * Vote results and their secrecy rule (shared/votes/results.ts): totals, the split by group,
 * the threshold max(3, minGroupSize), and that no group below it can be read off the results,
 * alone or as "totals minus the groups shown".
 */
import { describe, expect, it } from 'vitest'
import {
  type Ballot,
  computeResults,
  GROUPS,
  type Group,
  type VoteResults,
} from '../../shared/votes/results.ts'

const meta = { phaseId: 'p', method: 'dots' as const, revealedAt: 1 }

function ballots(group: Group, people: number, cardId: string, points: number, from = 0): Ballot[] {
  return Array.from({ length: people }, (_, i) => ({
    participantId: `${group}${from + i}`,
    group,
    cardId,
    points,
  }))
}

/** What anyone can compute from published results: per card, totals minus every shown group. */
function residual(r: VoteResults): Record<string, number> {
  const out: Record<string, number> = {}
  for (const card of r.cards) {
    const rest = card.total - GROUPS.reduce((sum, g) => sum + (card.byGroup[g] ?? 0), 0)
    if (rest !== 0) out[card.cardId] = rest
  }
  return out
}

function figuresOf(all: Ballot[], group: Group): Record<string, number> {
  const out: Record<string, number> = {}
  for (const b of all) if (b.group === group) out[b.cardId] = (out[b.cardId] ?? 0) + b.points
  return out
}

describe('computeResults', () => {
  it('totals per card, split by the groups big enough to show', () => {
    const all = [...ballots('citizen', 4, 'bus', 3), ...ballots('councillor', 3, 'wlan', 2)]
    const r = computeResults(all, meta)
    expect(r.tooFewVoters).toBe(false)
    expect(r.cards).toEqual([
      { cardId: 'bus', total: 12, byGroup: { citizen: 12, councillor: 0, staff: null } },
      { cardId: 'wlan', total: 6, byGroup: { citizen: 0, councillor: 6, staff: null } },
    ])
    expect(r.hiddenGroups).toEqual([])
    expect(r.voters).toEqual({ total: 7, byGroup: { citizen: 4, councillor: 3, staff: null } })
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

  it('stops the subtraction attack: one councillor, three citizens, three staff', () => {
    const councillor: Ballot = { participantId: 'rat', group: 'councillor', cardId: 'rathaus', points: 3 }
    const all = [councillor, ...ballots('citizen', 3, 'bus', 2), ...ballots('staff', 3, 'wlan', 1)]
    const r = computeResults(all, meta)
    // Before: citizens and staff were shown, so totals minus both were the councillor's ballot.
    expect(residual(r)).not.toEqual({ rathaus: 3 })
    // Staff (the smaller shown group) joins the councillor in the rest: 4 voters, 2 groups.
    expect(residual(r)).toEqual({ rathaus: 3, wlan: 3 })
    expect(r.cards.find((c) => c.cardId === 'rathaus')?.byGroup).toEqual({
      citizen: 0,
      councillor: null,
      staff: null,
    })
    expect(r.voters).toEqual({ total: 7, byGroup: { citizen: 3, councillor: null, staff: null } })
    expect(r.hiddenGroups).toEqual(['councillor', 'staff'])
    expect(r.disagreements).toEqual([])
  })

  it('shows only totals when a small group has just one other group to hide in', () => {
    const all = [
      { participantId: 'rat', group: 'councillor' as const, cardId: 'rathaus', points: 3 },
      ...ballots('citizen', 5, 'bus', 2),
    ]
    const r = computeResults(all, meta)
    expect(r.cards).toEqual([
      { cardId: 'bus', total: 10, byGroup: { citizen: null, councillor: null, staff: null } },
      { cardId: 'rathaus', total: 3, byGroup: { citizen: null, councillor: null, staff: null } },
    ])
    expect(r.voters).toEqual({ total: 6, byGroup: { citizen: null, councillor: null, staff: null } })
    expect(r.hiddenGroups).toEqual(['citizen', 'councillor'])
  })

  it('keeps the split when the small groups together reach the threshold', () => {
    const all = [
      ...ballots('councillor', 1, 'rathaus', 3),
      ...ballots('staff', 2, 'wlan', 1),
      ...ballots('citizen', 5, 'bus', 2),
    ]
    const r = computeResults(all, meta)
    expect(r.voters.byGroup).toEqual({ citizen: 5, councillor: null, staff: null })
    expect(residual(r)).toEqual({ rathaus: 3, wlan: 2 })
  })

  it('publishes no per-card figure with fewer than three voters in all', () => {
    for (const all of [
      ballots('staff', 1, 'bus', 3),
      [...ballots('citizen', 1, 'bus', 1), ...ballots('staff', 1, 'wlan', 3)],
    ]) {
      const r = computeResults(all, meta)
      expect(r.tooFewVoters).toBe(true)
      expect(r.cards).toEqual([])
      expect(r.voters).toEqual({ total: null, byGroup: { citizen: null, councillor: null, staff: null } })
      expect(r.hiddenGroups).toEqual([])
    }
  })

  it('never goes below three, whatever minGroupSize says', () => {
    const r = computeResults(ballots('staff', 1, 'bus', 3), meta, 1)
    expect(r.minGroupSize).toBe(3)
    expect(r.tooFewVoters).toBe(true)
    const two = computeResults(
      [...ballots('citizen', 2, 'bus', 1), ...ballots('staff', 3, 'bus', 3)],
      meta,
      2,
    )
    expect(two.voters.byGroup.citizen).toBeNull()
    expect(two.voters.byGroup.staff).toBeNull()
  })

  it('applies a larger minGroupSize to every published figure', () => {
    const one = computeResults(ballots('citizen', 4, 'bus', 1), meta, 5)
    expect(one.tooFewVoters).toBe(true)
    const two = computeResults(
      [...ballots('citizen', 4, 'bus', 1), ...ballots('staff', 4, 'wlan', 1)],
      meta,
      5,
    )
    expect(two.cards.map((c) => c.total)).toEqual([4, 4])
    expect(two.voters).toEqual({ total: 8, byGroup: { citizen: null, councillor: null, staff: null } })
  })

  it('counts a voter in one group only, even if the rows disagree', () => {
    const all: Ballot[] = [
      ...ballots('citizen', 3, 'bus', 1),
      { participantId: 'citizen0', group: 'councillor', cardId: 'wlan', points: 2 },
    ]
    const r = computeResults(all, meta)
    expect(r.voters).toEqual({ total: 3, byGroup: { citizen: 3, councillor: null, staff: null } })
    expect(r.hiddenGroups).toEqual([])
  })

  it('holds the rule for many random votes: no group below the threshold can be derived', () => {
    let seed = 42
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    for (let trial = 0; trial < 2000; trial++) {
      const minGroupSize = 1 + random(6)
      const threshold = Math.max(3, minGroupSize)
      const all: Ballot[] = []
      const counts: Record<Group, number> = { citizen: 0, councillor: 0, staff: 0 }
      for (const g of GROUPS) {
        counts[g] = random(8)
        for (let i = 0; i < counts[g]; i++)
          all.push({ participantId: `${g}${i}`, group: g, cardId: `c${random(4)}`, points: 1 + random(3) })
      }
      const r = computeResults(all, meta, minGroupSize)
      const total = counts.citizen + counts.councillor + counts.staff
      expect(r.minGroupSize).toBe(threshold)
      if (total < threshold) {
        expect(r.tooFewVoters).toBe(true)
        expect(r.cards).toEqual([])
        expect(r.voters.total).toBeNull()
        continue
      }
      const shown = GROUPS.filter((g) => r.voters.byGroup[g] !== null)
      for (const g of shown) expect(counts[g]).toBeGreaterThanOrEqual(threshold)
      for (const g of GROUPS) {
        // Per-card figures exactly where the count is published.
        for (const card of r.cards) expect(card.byGroup[g] === null).toBe(!shown.includes(g))
      }
      const rest = GROUPS.filter((g) => counts[g] > 0 && !shown.includes(g))
      const restVoters = rest.reduce((sum, g) => sum + counts[g], 0)
      expect(r.hiddenGroups).toEqual(rest)
      if (rest.length > 0) {
        expect(rest.length).toBeGreaterThanOrEqual(2)
        expect(restVoters).toBeGreaterThanOrEqual(threshold)
      }
      for (const g of GROUPS) {
        if (counts[g] === 0 || counts[g] >= threshold) continue
        expect(r.voters.byGroup[g]).toBeNull()
        expect(residual(r)).not.toEqual(figuresOf(all, g))
      }
    }
  })
})
