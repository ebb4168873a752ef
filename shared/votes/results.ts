/**
 * Vote results: totals per card and the split by stakeholder group (citizens, councillors,
 * staff), with the cards where the groups disagree most. Shared by the server, which computes
 * results once at the first reveal, and by the board and the minutes, which render them.
 *
 * The secrecy rule. Let T = max(3, minGroupSize) and N the number of voters.
 *  1. N < T: no per-card figures and no voter counts at all, only that there were too few voters
 *     (`tooFewVoters`). With one or two voters the totals are the ballots.
 *  2. Otherwise the per-card totals are published. A group is shown apart (its per-card figures
 *     and its voter count) only if it has at least T voters AND the rest (the voting groups not
 *     shown apart, whose figures are the totals minus the shown groups) is empty or has at least
 *     T voters. If a group below T voted and the rest would have fewer than T voters, the shown
 *     group with the fewest voters joins the rest too; if then none is shown, only the totals
 *     remain.
 * So every published aggregate (each shown group, the rest, the total) stands for at least T
 * voters, and a non-empty rest always holds at least two groups (a rest of one group would be a
 * group of at least T, which is shown): no group below T can be isolated as "totals minus shown
 * groups". The rest's groups get no voter count (only "fewer than T, or merged with such a
 * group"), so neither a small group's count nor its figures follow from the total.
 * What no aggregate can prevent: a voter knows their own ballot, so a published sum of k voters
 * tells each of them the sum of the other k - 1; T >= 3 keeps that at least two people.
 * Ballots carry the group the voter had when casting, and the server stores the results of the
 * first reveal, so a role change or a repeated reveal cannot move anyone between groups.
 */
import type * as Y from 'yjs'

import { GROUPS, type Group } from '../policy/roles.ts'

export { GROUPS, type Group }
/** No aggregate of fewer voters than this is ever published, whatever the setting says. */
export const MIN_GROUP_SIZE_FLOOR = 3
export const DEFAULT_MIN_GROUP_SIZE = MIN_GROUP_SIZE_FLOOR
export const ROOT_RESULTS = 'results'

export interface Ballot {
  participantId: string
  /** The voter's group when the ballot was cast. */
  group: Group
  cardId: string
  points: number
}

export interface CardResult {
  cardId: string
  total: number
  /** Points from each group shown apart; null where the group is not shown apart. */
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
  /** The fewest voters any published figure stands for: max(3, the setting at the reveal). */
  minGroupSize: number
  /** Fewer than minGroupSize voters in all: no per-card figures, no counts. */
  tooFewVoters: boolean
  /** The number of voters (null when too few), and of each group shown apart (null otherwise). */
  voters: { total: number | null; byGroup: Record<Group, number | null> }
  /** Groups that voted but are not shown apart: counted in the totals only. */
  hiddenGroups: Group[]
  cards: CardResult[]
  disagreements: Disagreement[]
  revealedAt: number
}

/** The smallest number of voters a published figure may stand for. */
export function groupThreshold(minGroupSize: number): number {
  return Number.isFinite(minGroupSize)
    ? Math.max(MIN_GROUP_SIZE_FLOOR, Math.floor(minGroupSize))
    : MIN_GROUP_SIZE_FLOOR
}

function emptyGroups<T>(value: T): Record<Group, T> {
  return { citizen: value, councillor: value, staff: value }
}

/** The groups shown apart, by the rule in the header. */
function shownGroups(counts: Record<Group, number>, threshold: number): Group[] {
  const voted = GROUPS.filter((g) => counts[g] > 0)
  let shown = voted.filter((g) => counts[g] >= threshold)
  const restVoters = voted.filter((g) => !shown.includes(g)).reduce((sum, g) => sum + counts[g], 0)
  if (restVoters > 0 && restVoters < threshold) {
    // The fewest-voter shown group joins the rest (ties: the later group in GROUPS), which then
    // has at least `threshold` voters from at least two groups.
    const smallest = [...shown].sort(
      (a, b) => counts[a] - counts[b] || GROUPS.indexOf(b) - GROUPS.indexOf(a),
    )[0]
    shown = shown.filter((g) => g !== smallest)
  }
  return shown
}

export function computeResults(
  ballots: Ballot[],
  meta: { phaseId: string; method: 'dots' | 'points'; revealedAt: number },
  minGroupSize = DEFAULT_MIN_GROUP_SIZE,
): VoteResults {
  const threshold = groupThreshold(minGroupSize)
  // One group per voter: the store keeps a ballot's rows in one group; should two disagree,
  // the first decides, so nobody counts in two groups.
  const groupOfVoter = new Map<string, Group>()
  const counts = emptyGroups(0)
  const pointsByGroup = emptyGroups(0)
  const perCard = new Map<string, { total: number; byGroup: Record<Group, number> }>()
  for (const b of ballots) {
    if (!(b.points > 0) || !GROUPS.includes(b.group)) continue
    let group = groupOfVoter.get(b.participantId)
    if (!group) {
      group = b.group
      groupOfVoter.set(b.participantId, group)
      counts[group] += 1
    }
    pointsByGroup[group] += b.points
    const card = perCard.get(b.cardId) ?? { total: 0, byGroup: emptyGroups(0) }
    card.total += b.points
    card.byGroup[group] += b.points
    perCard.set(b.cardId, card)
  }
  const base = { phaseId: meta.phaseId, method: meta.method, minGroupSize: threshold }
  const total = groupOfVoter.size
  if (total < threshold) {
    return {
      ...base,
      tooFewVoters: true,
      voters: { total: null, byGroup: emptyGroups(null) },
      hiddenGroups: [],
      cards: [],
      disagreements: [],
      revealedAt: meta.revealedAt,
    }
  }
  const shown = shownGroups(counts, threshold)
  const pick = (values: Record<Group, number>) => {
    const out = emptyGroups<number | null>(null)
    for (const g of shown) out[g] = values[g]
    return out
  }
  const cards: CardResult[] = [...perCard]
    .map(([cardId, card]) => ({ cardId, total: card.total, byGroup: pick(card.byGroup) }))
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
    ...base,
    tooFewVoters: false,
    voters: { total, byGroup: pick(counts) },
    hiddenGroups: GROUPS.filter((g) => counts[g] > 0 && !shown.includes(g)),
    cards,
    disagreements,
    revealedAt: meta.revealedAt,
  }
}

export function resultsOf(board: Y.Doc): Y.Map<VoteResults> {
  return board.getMap<VoteResults>(ROOT_RESULTS)
}

/** Revealed results on a board, in the order they were revealed (older boards' results too). */
export function readResults(board: Y.Doc): VoteResults[] {
  return [...resultsOf(board).values()]
    .filter((r): r is VoteResults => typeof r === 'object' && r !== null && Array.isArray(r.cards))
    .map((r) => ({ ...r, tooFewVoters: r.tooFewVoters === true }))
    .sort((a, b) => a.revealedAt - b.revealedAt)
}
