/**
 * Ballots and revealed results in SQLite, kept on the server only: nothing about other people's
 * votes reaches a browser before the reveal. Each ballot row carries the voter's group at cast
 * time; budget and cap are enforced inside one SQLite transaction, so two quick clicks from two
 * tabs cannot overspend. The results of the first reveal are stored and never recomputed.
 */
import type { VoteRule } from '../../shared/script/script-schema.ts'
import type { Ballot, Group, VoteResults } from '../../shared/votes/results.ts'
import type { Db } from '../db/open-database.ts'

export type VoteRefusal = 'over-budget' | 'over-cap' | 'revealed'

export interface Allocation {
  allocations: Record<string, number>
  used: number
}

export class VoteStore {
  constructor(private readonly db: Db) {}

  mine(workshopId: string, phaseId: string, participantId: string): Allocation {
    const rows = this.db
      .prepare(
        'SELECT card_id, points FROM votes WHERE workshop_id = ? AND phase_id = ? AND participant_id = ?',
      )
      .all(workshopId, phaseId, participantId) as { card_id: string; points: number }[]
    const allocations: Record<string, number> = {}
    let used = 0
    for (const row of rows) {
      allocations[row.card_id] = row.points
      used += row.points
    }
    return { allocations, used }
  }

  /**
   * Sets a person's points on one card (0 takes them back); refuses what breaks the rule. The
   * whole ballot of this person in this phase is stamped with `group`, so one voter is never
   * counted in two groups.
   */
  cast(
    ballot: { workshopId: string; phaseId: string; participantId: string; group: Group },
    cardId: string,
    points: number,
    rule: VoteRule,
  ): { ok: true; mine: Allocation } | { ok: false; reason: VoteRefusal } {
    const { workshopId, phaseId, participantId, group } = ballot
    return this.db.transaction(() => {
      if (this.isRevealed(workshopId, phaseId)) return { ok: false as const, reason: 'revealed' as const }
      if (points > rule.cap) return { ok: false as const, reason: 'over-cap' as const }
      const current = this.mine(workshopId, phaseId, participantId)
      const others = current.used - (current.allocations[cardId] ?? 0)
      if (others + points > rule.budget) return { ok: false as const, reason: 'over-budget' as const }
      if (points === 0) {
        this.db
          .prepare(
            'DELETE FROM votes WHERE workshop_id = ? AND phase_id = ? AND participant_id = ? AND card_id = ?',
          )
          .run(workshopId, phaseId, participantId, cardId)
      } else {
        this.db
          .prepare(
            `INSERT INTO votes (workshop_id, phase_id, participant_id, card_id, points, voter_group)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT(workshop_id, phase_id, participant_id, card_id) DO UPDATE SET points = excluded.points`,
          )
          .run(workshopId, phaseId, participantId, cardId, points, group)
      }
      this.db
        .prepare(
          'UPDATE votes SET voter_group = ? WHERE workshop_id = ? AND phase_id = ? AND participant_id = ?',
        )
        .run(group, workshopId, phaseId, participantId)
      return { ok: true as const, mine: this.mine(workshopId, phaseId, participantId) }
    })()
  }

  /**
   * Takes everyone's points off one card while the vote is open (the card was hidden): they go
   * back into their budgets. Returns how many ballots lost points; none once revealed.
   */
  dropCard(workshopId: string, phaseId: string, cardId: string): number {
    return this.db.transaction(() => {
      if (this.isRevealed(workshopId, phaseId)) return 0
      return this.db
        .prepare('DELETE FROM votes WHERE workshop_id = ? AND phase_id = ? AND card_id = ?')
        .run(workshopId, phaseId, cardId).changes
    })()
  }

  /** How many people have voted in a phase: a count, nothing about what they chose. */
  voterCount(workshopId: string, phaseId: string): number {
    const row = this.db
      .prepare('SELECT COUNT(DISTINCT participant_id) AS n FROM votes WHERE workshop_id = ? AND phase_id = ?')
      .get(workshopId, phaseId) as { n: number }
    return row.n
  }

  /** The ballots of a phase with the group each was cast in (rows from before groups were kept, without one, count for none). */
  ballots(workshopId: string, phaseId: string): Ballot[] {
    const rows = this.db
      .prepare(
        `SELECT participant_id, voter_group, card_id, points FROM votes
          WHERE workshop_id = ? AND phase_id = ? AND voter_group IS NOT NULL`,
      )
      .all(workshopId, phaseId) as {
      participant_id: string
      voter_group: Group
      card_id: string
      points: number
    }[]
    return rows.map((r) => ({
      participantId: r.participant_id,
      group: r.voter_group,
      cardId: r.card_id,
      points: r.points,
    }))
  }

  isRevealed(workshopId: string, phaseId: string): boolean {
    return !!this.db
      .prepare('SELECT 1 FROM vote_reveals WHERE workshop_id = ? AND phase_id = ?')
      .get(workshopId, phaseId)
  }

  storedResults(workshopId: string, phaseId: string): VoteResults | null {
    const row = this.db
      .prepare('SELECT results FROM vote_results WHERE workshop_id = ? AND phase_id = ?')
      .get(workshopId, phaseId) as { results: string } | undefined
    if (!row) return null
    const results = JSON.parse(row.results) as VoteResults
    // Results stored before paper counts existed have no `paper`.
    return { ...results, paper: results.paper ?? null }
  }

  /**
   * Closes the vote and stores its results in one transaction; `compute` runs only if none are
   * stored yet. Returns the stored results, which later reveals return unchanged.
   */
  reveal(
    workshopId: string,
    phaseId: string,
    at: number,
    compute: (ballots: Ballot[]) => VoteResults,
  ): { results: VoteResults; first: boolean } {
    return this.db.transaction(() => {
      const stored = this.storedResults(workshopId, phaseId)
      if (stored) return { results: stored, first: false }
      this.db
        .prepare(
          'INSERT INTO vote_reveals (workshop_id, phase_id, revealed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        )
        .run(workshopId, phaseId, at)
      const results = compute(this.ballots(workshopId, phaseId))
      this.db
        .prepare('INSERT INTO vote_results (workshop_id, phase_id, results) VALUES (?, ?, ?)')
        .run(workshopId, phaseId, JSON.stringify(results))
      return { results, first: true }
    })()
  }
}
