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
 *
 * Hand-counted (paper) points. Dots on the wall are seen by everyone in the room, and whoever
 * counted them knows each group's paper points per card; so paper can never hide a ballot cast
 * on a device, nor a device ballot hide a paper count. Each source (devices, paper) is therefore
 * held to the rule above on its own, as if it were a vote of its own, and a merged figure is
 * published only where both of its parts may be:
 *  3. A source with fewer than T voters (some, but too few) is withheld: its points are in no
 *     figure, and the results say only that it was (`paper.withheld`). Paper voters are the
 *     people entered per group, or else the fewest the points can come from under the vote's
 *     budget and cap (paper.ts). If what remains has fewer than T voters, rule 1 applies.
 *  4. A group is shown apart only if every remaining source it voted in shows it apart under
 *     rule 2 with that source's counts alone. Dropping a group from one source's shown groups
 *     only adds a part of at least T voters to that source's rest, so each source's rest stays
 *     empty or at least T.
 * So the device part of every published figure (a card's total minus its `paper` points, a shown
 * group's figure minus that group's counted dots, the rest) stands for at least T device voters
 * or none, and its paper part for at least T paper voters or none: subtracting the wall from the
 * results isolates no one, whoever counted it. What it costs: a group that voted on devices and
 * on paper is split only if at least T of it did each; and one or two people voting on devices
 * beside a paper room are not counted (nothing else would keep their ballots secret).
 */
import type * as Y from 'yjs'

import { GROUPS, type Group } from '../policy/roles.ts'
import { type PaperInput, paperVoters } from './paper.ts'

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
  /** Of `total`, the points counted by hand (present when paper was entered for the vote). */
  paper?: number
}

export interface Disagreement {
  cardId: string
  /** Largest difference between two shown groups' shares of their points (0 to 1). */
  spread: number
}

export type VoteSource = 'devices' | 'paper'

/** Hand-counted points in the results; present only when paper was entered for the vote. */
export interface PaperSummary {
  /** Points counted by hand in the published figures (0 when withheld). */
  points: number
  /** People who voted on paper (entered, or the fewest the points need); null when withheld. */
  voters: number | null
  /** Sources with fewer than minGroupSize voters, left out of every figure (rule 3). */
  withheld: VoteSource[]
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
  /** Null when no paper was entered for the vote, or too few voted for any figure. */
  paper: PaperSummary | null
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

/** The groups shown apart, by rule 2, for one source's counts. */
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

/** One source's points per card and group, and its voters per group. */
interface Tally {
  perCard: Map<string, Record<Group, number>>
  voters: Record<Group, number>
}

function tallyBallots(ballots: Ballot[]): Tally {
  // One group per voter: the store keeps a ballot's rows in one group; should two disagree,
  // the first decides, so nobody counts in two groups.
  const groupOfVoter = new Map<string, Group>()
  const tally: Tally = { perCard: new Map(), voters: emptyGroups(0) }
  for (const b of ballots) {
    if (!(b.points > 0) || !GROUPS.includes(b.group)) continue
    let group = groupOfVoter.get(b.participantId)
    if (!group) {
      group = b.group
      groupOfVoter.set(b.participantId, group)
      tally.voters[group] += 1
    }
    const card = tally.perCard.get(b.cardId) ?? emptyGroups(0)
    card[group] += b.points
    tally.perCard.set(b.cardId, card)
  }
  return tally
}

function tallyPaper(paper: PaperInput): Tally {
  const tally: Tally = { perCard: new Map(), voters: paperVoters(paper) }
  for (const c of paper.counts) {
    if (!(c.points > 0) || !GROUPS.includes(c.group)) continue
    const card = tally.perCard.get(c.cardId) ?? emptyGroups(0)
    card[c.group] += c.points
    tally.perCard.set(c.cardId, card)
  }
  return tally
}

const sumOf = (counts: Record<Group, number>) => GROUPS.reduce((sum, g) => sum + counts[g], 0)

export function computeResults(
  ballots: Ballot[],
  meta: { phaseId: string; method: 'dots' | 'points'; revealedAt: number },
  minGroupSize = DEFAULT_MIN_GROUP_SIZE,
  paperInput?: PaperInput,
): VoteResults {
  const threshold = groupThreshold(minGroupSize)
  const sources: Record<VoteSource, Tally> = {
    devices: tallyBallots(ballots),
    paper: paperInput ? tallyPaper(paperInput) : { perCard: new Map(), voters: emptyGroups(0) },
  }
  const hasPaper = paperInput !== undefined && sources.paper.perCard.size > 0
  // Rule 3: a source with some but fewer than T voters is left out.
  const withheld = (['devices', 'paper'] as const).filter((s) => {
    const n = sumOf(sources[s].voters)
    return n > 0 && n < threshold
  })
  const counted = (['devices', 'paper'] as const).filter(
    (s) => !withheld.includes(s) && sumOf(sources[s].voters) > 0,
  )
  const counts = emptyGroups(0)
  for (const s of counted) for (const g of GROUPS) counts[g] += sources[s].voters[g]
  const total = sumOf(counts)
  const base = { phaseId: meta.phaseId, method: meta.method, minGroupSize: threshold }
  if (total < threshold) {
    return {
      ...base,
      tooFewVoters: true,
      voters: { total: null, byGroup: emptyGroups(null) },
      hiddenGroups: [],
      cards: [],
      disagreements: [],
      revealedAt: meta.revealedAt,
      paper: null,
    }
  }
  // Rule 4: shown apart only where every counted source the group voted in shows it apart.
  const shownBy = new Map(counted.map((s) => [s, shownGroups(sources[s].voters, threshold)]))
  const shown = GROUPS.filter(
    (g) =>
      counts[g] > 0 && counted.every((s) => sources[s].voters[g] === 0 || (shownBy.get(s) ?? []).includes(g)),
  )
  const perCard = new Map<string, { total: number; paper: number; byGroup: Record<Group, number> }>()
  const pointsByGroup = emptyGroups(0)
  for (const s of counted) {
    for (const [cardId, points] of sources[s].perCard) {
      const card = perCard.get(cardId) ?? { total: 0, paper: 0, byGroup: emptyGroups(0) }
      for (const g of GROUPS) {
        card.total += points[g]
        card.byGroup[g] += points[g]
        pointsByGroup[g] += points[g]
        if (s === 'paper') card.paper += points[g]
      }
      perCard.set(cardId, card)
    }
  }
  const pick = (values: Record<Group, number>) => {
    const out = emptyGroups<number | null>(null)
    for (const g of shown) out[g] = values[g]
    return out
  }
  const cards: CardResult[] = [...perCard]
    .map(([cardId, card]) => ({
      cardId,
      total: card.total,
      byGroup: pick(card.byGroup),
      ...(hasPaper ? { paper: card.paper } : {}),
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
  const paperCounted = counted.includes('paper')
  return {
    ...base,
    tooFewVoters: false,
    voters: { total, byGroup: pick(counts) },
    hiddenGroups: GROUPS.filter((g) => counts[g] > 0 && !shown.includes(g)),
    cards,
    disagreements,
    revealedAt: meta.revealedAt,
    paper: hasPaper
      ? {
          points: cards.reduce((sum, c) => sum + (c.paper ?? 0), 0),
          voters: paperCounted ? sumOf(sources.paper.voters) : null,
          withheld: [...withheld],
        }
      : null,
  }
}

export function resultsOf(board: Y.Doc): Y.Map<VoteResults> {
  return board.getMap<VoteResults>(ROOT_RESULTS)
}

/** Revealed results on a board, in the order they were revealed (older boards' results too). */
export function readResults(board: Y.Doc): VoteResults[] {
  return [...resultsOf(board).values()]
    .filter((r): r is VoteResults => typeof r === 'object' && r !== null && Array.isArray(r.cards))
    .map((r) => ({ ...r, tooFewVoters: r.tooFewVoters === true, paper: r.paper ?? null }))
    .sort((a, b) => a.revealedAt - b.revealedAt)
}
