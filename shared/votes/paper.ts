/**
 * Hand-counted dots ("Papier"): points an assistant or facilitator counted on the wall, per card
 * and group, and how many people they stand for. Pure helpers for the results rule
 * (results.ts); the server stores the counts (server/votes/paper-store.ts).
 *
 * Paper points carry no voter of their own, so the rule needs a count of the people behind them.
 * The one entering may say how many people of a group voted on paper; without that, the count is
 * the fewest people the points can come from under the vote's rule: nobody gives more than
 * `budget` points in all or more than `cap` to one card. A count above that bound is the room's
 * word and is believed: it can only make paper figures (already on the wall for everyone in the
 * room) visible, never a ballot cast on a device (results.ts checks devices on their own).
 */
import { GROUPS, type Group } from '../policy/roles.ts'

/** Points one group gave one card on paper. */
export interface PaperCount {
  cardId: string
  group: Group
  points: number
}

export interface PaperInput {
  counts: PaperCount[]
  /** People of each group who voted on paper, as entered (absent: not entered). */
  voters: Partial<Record<Group, number>>
  /** The vote's rule, for the fewest people the points can come from. */
  rule: { budget: number; cap: number }
}

/** The fewest people `points` in all, at most `largest` on one card, can come from. */
export function fewestVoters(points: number, largest: number, rule: PaperInput['rule']): number {
  if (!(points > 0)) return 0
  const perPerson = Math.max(1, rule.budget)
  const perCard = Math.max(1, rule.cap)
  return Math.max(1, Math.ceil(points / perPerson), Math.ceil(largest / perCard))
}

/**
 * The people behind each group's paper points: the entered count if there is one, else the
 * fewest the points need. A group without paper points has none, whatever was entered (an
 * entered count without points adds nobody to any figure).
 */
export function paperVoters(paper: PaperInput): Record<Group, number> {
  const out: Record<Group, number> = { citizen: 0, councillor: 0, staff: 0 }
  for (const g of GROUPS) {
    const mine = paper.counts.filter((c) => c.group === g && c.points > 0)
    const points = mine.reduce((sum, c) => sum + c.points, 0)
    if (points === 0) continue
    const entered = paper.voters[g]
    out[g] =
      entered !== undefined && entered > 0
        ? Math.floor(entered)
        : fewestVoters(points, Math.max(...mine.map((c) => c.points)), paper.rule)
  }
  return out
}
