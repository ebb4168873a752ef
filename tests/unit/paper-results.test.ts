/**
 * Hand-counted (paper) points in the results (shared/votes/results.ts, rules 3 and 4): merged
 * with the device ballots per card and group, marked as paper, and held to the secrecy rule on
 * their own, so that subtracting the dots on the wall (known to whoever counted them) from the
 * published figures isolates no group below the threshold.
 */
import { describe, expect, it } from 'vitest'
import { fewestVoters, type PaperCount, type PaperInput, paperVoters } from '../../shared/votes/paper.ts'
import {
  type Ballot,
  computeResults,
  GROUPS,
  type Group,
  type VoteResults,
} from '../../shared/votes/results.ts'

const meta = { phaseId: 'p', method: 'dots' as const, revealedAt: 1 }
const rule = { budget: 5, cap: 3 }

function ballots(group: Group, people: number, cardId: string, points: number, from = 0): Ballot[] {
  return Array.from({ length: people }, (_, i) => ({
    participantId: `${group}${from + i}`,
    group,
    cardId,
    points,
  }))
}

const paper = (counts: PaperCount[], voters: PaperInput['voters'] = {}): PaperInput => ({
  counts,
  voters,
  rule,
})

/**
 * What someone who counted the wall works out: per card, the published figures minus the paper
 * points they counted: the device part of the total, of each shown group, and of the rest.
 */
function deviceParts(r: VoteResults, counts: PaperCount[]) {
  const wall = (cardId: string, group?: Group) =>
    counts
      .filter((c) => c.cardId === cardId && (group === undefined || c.group === group))
      .reduce((sum, c) => sum + c.points, 0)
  return r.cards.map((card) => {
    const shown = GROUPS.filter((g) => card.byGroup[g] !== null)
    const byGroup = Object.fromEntries(shown.map((g) => [g, (card.byGroup[g] ?? 0) - wall(card.cardId, g)]))
    const total = card.total - wall(card.cardId)
    const rest = total - shown.reduce((sum, g) => sum + (byGroup[g] ?? 0), 0)
    return { cardId: card.cardId, total, byGroup, rest }
  })
}

describe('paper votes in the results', () => {
  it('merges paper with device ballots per card and group, and marks the paper points', () => {
    const all = [...ballots('citizen', 3, 'bus', 2), ...ballots('staff', 4, 'wlan', 1)]
    const counts: PaperCount[] = [
      { cardId: 'bus', group: 'citizen', points: 9 },
      { cardId: 'wlan', group: 'citizen', points: 3 },
      { cardId: 'rathaus', group: 'staff', points: 15 },
    ]
    const r = computeResults(all, meta, 3, paper(counts, { citizen: 4, staff: 3 }))
    expect(r.tooFewVoters).toBe(false)
    expect(r.cards).toEqual([
      { cardId: 'bus', total: 15, byGroup: { citizen: 15, councillor: null, staff: 0 }, paper: 9 },
      { cardId: 'rathaus', total: 15, byGroup: { citizen: 0, councillor: null, staff: 15 }, paper: 15 },
      { cardId: 'wlan', total: 7, byGroup: { citizen: 3, councillor: null, staff: 4 }, paper: 3 },
    ])
    expect(r.voters).toEqual({ total: 14, byGroup: { citizen: 7, councillor: null, staff: 7 } })
    expect(r.paper).toEqual({ points: 27, voters: 7, withheld: [] })
  })

  it('leaves results without paper exactly as before', () => {
    const all = [...ballots('citizen', 4, 'bus', 3), ...ballots('councillor', 3, 'wlan', 2)]
    const r = computeResults(all, meta)
    expect(r.paper).toBeNull()
    expect(r.cards.every((c) => !('paper' in c))).toBe(true)
    expect(computeResults(all, meta, 3, paper([]))).toEqual(r)
  })

  it('stops the subtraction attack with paper: one councillor on a device beside counted dots', () => {
    const lone: Ballot = { participantId: 'rat', group: 'councillor', cardId: 'rathaus', points: 3 }
    const all = [lone, ...ballots('citizen', 3, 'bus', 2), ...ballots('staff', 3, 'wlan', 1)]
    // Ten councillors voted on paper: adding them to the councillors' count would show the
    // group, and its figure minus the counted dots would be the one device ballot.
    const counts: PaperCount[] = [
      { cardId: 'rathaus', group: 'councillor', points: 20 },
      { cardId: 'bus', group: 'councillor', points: 10 },
    ]
    const r = computeResults(all, meta, 3, paper(counts, { councillor: 10 }))
    expect(r.voters.byGroup.councillor).toBeNull()
    for (const part of deviceParts(r, counts)) {
      expect(part.byGroup.councillor).toBeUndefined()
      // Nowhere does the lone ballot stand alone: the rest holds it with three staff ballots.
      if (part.cardId === 'rathaus') expect(part.rest).toBe(3)
      if (part.cardId === 'wlan') expect(part.rest).toBe(3)
    }
    expect(r.hiddenGroups).toEqual(['councillor', 'staff'])
    expect(r.voters.byGroup).toEqual({ citizen: 3, councillor: null, staff: null })
  })

  it('never shows a small group that voted only on paper', () => {
    const all = [...ballots('citizen', 4, 'bus', 2), ...ballots('staff', 3, 'wlan', 1)]
    // One councillor's three dots (one person at most 3 on a card), beside six citizens on paper.
    const counts: PaperCount[] = [
      { cardId: 'rathaus', group: 'councillor', points: 3 },
      { cardId: 'bus', group: 'citizen', points: 12 },
    ]
    const r = computeResults(all, meta, 3, paper(counts, { citizen: 6 }))
    expect(paperVoters(paper(counts, { citizen: 6 }))).toEqual({ citizen: 6, councillor: 1, staff: 0 })
    expect(r.voters.byGroup.councillor).toBeNull()
    // The citizens join the councillor on the paper side (else paper minus citizens = one
    // person's dots), so they are not shown apart either; staff voted on devices only.
    expect(r.voters.byGroup).toEqual({ citizen: null, councillor: null, staff: 3 })
    expect(r.hiddenGroups).toEqual(['citizen', 'councillor'])
    const rathaus = r.cards.find((c) => c.cardId === 'rathaus')
    expect(rathaus).toEqual({
      cardId: 'rathaus',
      total: 3,
      byGroup: { citizen: null, councillor: null, staff: 0 },
      paper: 3,
    })
    expect(r.paper?.voters).toBe(7)
  })

  it('withholds one or two device ballots beside a paper room, and says so', () => {
    const all = [...ballots('citizen', 1, 'bus', 3), ...ballots('councillor', 1, 'wlan', 2)]
    const counts: PaperCount[] = [
      { cardId: 'bus', group: 'citizen', points: 20 },
      { cardId: 'wlan', group: 'staff', points: 15 },
    ]
    const r = computeResults(all, meta, 3, paper(counts))
    // 20 dots on one card need at least 7 people (3 each at most), 15 at least 5.
    expect(r.paper).toEqual({ points: 35, voters: 12, withheld: ['devices'] })
    // Only the wall is in the figures: nothing of the two device ballots.
    expect(r.cards.map((c) => [c.cardId, c.total, c.paper])).toEqual([
      ['bus', 20, 20],
      ['wlan', 15, 15],
    ])
    expect(r.voters).toEqual({ total: 12, byGroup: { citizen: 7, councillor: null, staff: 5 } })
  })

  it('withholds paper from fewer people than the threshold, and counts the devices', () => {
    const all = ballots('citizen', 5, 'bus', 2)
    const counts: PaperCount[] = [{ cardId: 'wlan', group: 'staff', points: 4 }]
    const r = computeResults(all, meta, 3, paper(counts))
    expect(r.paper).toEqual({ points: 0, voters: null, withheld: ['paper'] })
    expect(r.cards).toEqual([
      { cardId: 'bus', total: 10, byGroup: { citizen: 10, councillor: null, staff: null }, paper: 0 },
    ])
    // Both too few: nothing at all.
    const none = computeResults(ballots('citizen', 2, 'bus', 2), meta, 3, paper(counts))
    expect(none).toMatchObject({ tooFewVoters: true, cards: [], paper: null })
  })

  it('counts paper voters as entered, or the fewest the points need under budget and cap', () => {
    expect(fewestVoters(12, 3, rule)).toBe(3)
    expect(fewestVoters(4, 4, rule)).toBe(2)
    expect(fewestVoters(1, 1, rule)).toBe(1)
    expect(fewestVoters(0, 0, rule)).toBe(0)
    const counts: PaperCount[] = [
      { cardId: 'bus', group: 'citizen', points: 9 },
      { cardId: 'wlan', group: 'staff', points: 1 },
    ]
    // An entered count wins (also a smaller one); a count without points adds nobody.
    expect(paperVoters(paper(counts, { citizen: 2, councillor: 8 }))).toEqual({
      citizen: 2,
      councillor: 0,
      staff: 1,
    })
  })

  it('holds for many random votes: every device and paper part stands for T voters or none', () => {
    let seed = 7
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    for (let trial = 0; trial < 3000; trial++) {
      const minGroupSize = 1 + random(5)
      const threshold = Math.max(3, minGroupSize)
      const all: Ballot[] = []
      const d: Record<Group, number> = { citizen: 0, councillor: 0, staff: 0 }
      for (const g of GROUPS) {
        d[g] = random(3) === 0 ? 0 : random(7)
        for (let i = 0; i < d[g]; i++)
          all.push({ participantId: `${g}${i}`, group: g, cardId: `c${random(4)}`, points: 1 + random(3) })
      }
      const counts: PaperCount[] = []
      const entered: PaperInput['voters'] = {}
      for (const g of GROUPS) {
        if (random(2) === 0) continue
        for (let c = 0; c < 4; c++)
          if (random(2) === 0) counts.push({ cardId: `c${c}`, group: g, points: 1 + random(9) })
        if (random(2) === 0) entered[g] = 1 + random(6)
      }
      const input = paper(counts, entered)
      const p = paperVoters(input)
      const r = computeResults(all, meta, minGroupSize, input)
      const nd = GROUPS.reduce((s, g) => s + d[g], 0)
      const np = GROUPS.reduce((s, g) => s + p[g], 0)
      const devicesIn = nd >= threshold
      const paperIn = np >= threshold
      if (!devicesIn && !paperIn) {
        expect(r.tooFewVoters).toBe(true)
        expect(r.cards).toEqual([])
        continue
      }
      if (counts.length > 0) {
        expect(r.paper?.withheld.includes('devices')).toBe(nd > 0 && !devicesIn)
        expect(r.paper?.withheld.includes('paper')).toBe(np > 0 && !paperIn)
      }
      const shown = GROUPS.filter((g) => r.voters.byGroup[g] !== null)
      const dIn = (g: Group) => (devicesIn ? d[g] : 0)
      const pIn = (g: Group) => (paperIn ? p[g] : 0)
      for (const g of shown) {
        // Each part of a shown group: at least T voters, or none.
        expect(dIn(g) === 0 || dIn(g) >= threshold).toBe(true)
        expect(pIn(g) === 0 || pIn(g) >= threshold).toBe(true)
        expect(r.voters.byGroup[g]).toBe(dIn(g) + pIn(g))
      }
      // Each part of the rest: at least T voters, or none.
      const rest = GROUPS.filter((g) => !shown.includes(g))
      const restD = rest.reduce((s, g) => s + dIn(g), 0)
      const restP = rest.reduce((s, g) => s + pIn(g), 0)
      expect(restD === 0 || restD >= threshold).toBe(true)
      expect(restP === 0 || restP >= threshold).toBe(true)
      // The figures are right: the device parts the wall-counter works out are the ballots.
      const wallCounts = paperIn ? counts : []
      for (const part of deviceParts(r, wallCounts)) {
        const mine = (g?: Group) =>
          devicesIn
            ? all
                .filter((b) => b.cardId === part.cardId && (g === undefined || b.group === g))
                .reduce((s, b) => s + b.points, 0)
            : 0
        expect(part.total).toBe(mine())
        for (const g of shown) expect(part.byGroup[g]).toBe(mine(g))
        expect(part.rest).toBe(rest.reduce((s, g) => s + mine(g), 0))
      }
    }
  })
})
