/**
 * Vote results: totals per card and the split by stakeholder group (citizens, councillors,
 * staff), with the cards where the groups disagree most. A group with fewer voters than the
 * minimum is not shown apart, so nobody's vote can be singled out. Shared by the server, which
 * computes results at the reveal, and by the minutes, which render them.
 */
import type * as Y from 'yjs'

import { GROUPS, type Group } from '../policy/roles.ts'

export { GROUPS, type Group }
export const DEFAULT_MIN_GROUP_SIZE = 3
export const ROOT_RESULTS = 'results'

export interface Ballot {
  participantId: string
  group: Group
  cardId: string
  points: number
}

export interface CardResult {
  cardId: string
  total: number
  /** Points from each shown group; null where the group is too small to show. */
  byGroup: Record<Group, number | null>
}

export interface Disagreement {
  cardId: string
  /** Largest difference between two shown groups' shares of their points (0 to 1). */
  spread: number
}

export interface VoteResults {
  phaseId: string
  method: 'dots' | 'points'
  minGroupSize: number
  voters: { total: number; byGroup: Record<Group, number> }
  /** Groups with fewer voters than minGroupSize: counted in totals, not shown apart. */
  hiddenGroups: Group[]
  cards: CardResult[]
  disagreements: Disagreement[]
  revealedAt: number
}

function emptyGroups<T>(value: T): Record<Group, T> {
  return { citizen: value, councillor: value, staff: value }
}

export function computeResults(
  ballots: Ballot[],
  meta: { phaseId: string; method: 'dots' | 'points'; revealedAt: number },
  minGroupSize = DEFAULT_MIN_GROUP_SIZE,
): VoteResults {
  const votersByGroup: Record<Group, Set<string>> = {
    citizen: new Set(),
    councillor: new Set(),
    staff: new Set(),
  }
  const pointsByGroup = emptyGroups(0)
  const perCard = new Map<string, { total: number; byGroup: Record<Group, number> }>()
  for (const b of ballots) {
    votersByGroup[b.group].add(b.participantId)
    pointsByGroup[b.group] += b.points
    const card = perCard.get(b.cardId) ?? { total: 0, byGroup: emptyGroups(0) }
    card.total += b.points
    card.byGroup[b.group] += b.points
    perCard.set(b.cardId, card)
  }
  const shown = GROUPS.filter((g) => votersByGroup[g].size >= minGroupSize)
  const hiddenGroups = GROUPS.filter((g) => votersByGroup[g].size > 0 && votersByGroup[g].size < minGroupSize)
  const cards: CardResult[] = [...perCard]
    .map(([cardId, card]) => ({
      cardId,
      total: card.total,
      byGroup: {
        citizen: shown.includes('citizen') ? card.byGroup.citizen : null,
        councillor: shown.includes('councillor') ? card.byGroup.councillor : null,
        staff: shown.includes('staff') ? card.byGroup.staff : null,
      },
    }))
    .sort((a, b) => b.total - a.total || (a.cardId < b.cardId ? -1 : 1))
  const disagreements: Disagreement[] =
    shown.length < 2
      ? []
      : cards
          .map((card) => {
            const shares = shown.map((g) =>
              pointsByGroup[g] > 0 ? (card.byGroup[g] ?? 0) / pointsByGroup[g] : 0,
            )
            return { cardId: card.cardId, spread: Math.max(...shares) - Math.min(...shares) }
          })
          .filter((d) => d.spread > 0)
          .sort((a, b) => b.spread - a.spread)
          .slice(0, 3)
  return {
    phaseId: meta.phaseId,
    method: meta.method,
    minGroupSize,
    voters: {
      total: new Set(ballots.map((b) => b.participantId)).size,
      byGroup: {
        citizen: votersByGroup.citizen.size,
        councillor: votersByGroup.councillor.size,
        staff: votersByGroup.staff.size,
      },
    },
    hiddenGroups,
    cards,
    disagreements,
    revealedAt: meta.revealedAt,
  }
}

export function resultsOf(board: Y.Doc): Y.Map<VoteResults> {
  return board.getMap<VoteResults>(ROOT_RESULTS)
}

/** Revealed results on a board, in the order they were revealed. */
export function readResults(board: Y.Doc): VoteResults[] {
  return [...resultsOf(board).values()]
    .filter((r): r is VoteResults => typeof r === 'object' && r !== null && Array.isArray(r.cards))
    .sort((a, b) => a.revealedAt - b.revealedAt)
}
