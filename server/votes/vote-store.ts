/**
 * Ballots and revealed results (async, on either storage engine), kept on the server only:
 * nothing about other people's votes reaches a browser before the reveal. Each ballot row carries
 * the voter's group at cast time; budget and cap are enforced inside one transaction, so two
 * quick clicks from two tabs cannot overspend. The results of the first reveal are stored and
 * never recomputed.
 */
import type { VoteRule } from '../../shared/script/script-schema.ts'
import type { Ballot, Group, VoteResults } from '../../shared/votes/results.ts'
import type { SqlDatabase, SqlQueries } from '../db/sql-database.ts'

export type VoteRefusal = 'over-budget' | 'over-cap' | 'revealed'

export interface Allocation {
  allocations: Record<string, number>
  used: number
}

export class VoteStore {
  constructor(private readonly db: SqlDatabase) {}

  async mine(
    workshopId: string,
    phaseId: string,
    participantId: string,
    q: SqlQueries = this.db,
  ): Promise<Allocation> {
    const rows = await q.all<{ card_id: string; points: number }>(
      'SELECT card_id, points FROM votes WHERE workshop_id = ? AND phase_id = ? AND participant_id = ?',
      [workshopId, phaseId, participantId],
    )
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
  ): Promise<{ ok: true; mine: Allocation } | { ok: false; reason: VoteRefusal }> {
    const { workshopId, phaseId, participantId, group } = ballot
    return this.db.transaction(async (tx) => {
      if (await this.isRevealed(workshopId, phaseId, tx))
        return { ok: false as const, reason: 'revealed' as const }
      if (points > rule.cap) return { ok: false as const, reason: 'over-cap' as const }
      const current = await this.mine(workshopId, phaseId, participantId, tx)
      const others = current.used - (current.allocations[cardId] ?? 0)
      if (others + points > rule.budget) return { ok: false as const, reason: 'over-budget' as const }
      if (points === 0) {
        await tx.run(
          'DELETE FROM votes WHERE workshop_id = ? AND phase_id = ? AND participant_id = ? AND card_id = ?',
          [workshopId, phaseId, participantId, cardId],
        )
      } else {
        await tx.run(
          `INSERT INTO votes (workshop_id, phase_id, participant_id, card_id, points, voter_group)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(workshop_id, phase_id, participant_id, card_id) DO UPDATE SET points = excluded.points`,
          [workshopId, phaseId, participantId, cardId, points, group],
        )
      }
      await tx.run(
        'UPDATE votes SET voter_group = ? WHERE workshop_id = ? AND phase_id = ? AND participant_id = ?',
        [group, workshopId, phaseId, participantId],
      )
      return { ok: true as const, mine: await this.mine(workshopId, phaseId, participantId, tx) }
    })
  }

  /**
   * Takes everyone's points off one card while the vote is open (the card was hidden): they go
   * back into their budgets. Returns how many ballots lost points; none once revealed.
   */
  dropCard(workshopId: string, phaseId: string, cardId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      if (await this.isRevealed(workshopId, phaseId, tx)) return 0
      const deleted = await tx.run(
        'DELETE FROM votes WHERE workshop_id = ? AND phase_id = ? AND card_id = ?',
        [workshopId, phaseId, cardId],
      )
      return deleted.changes
    })
  }

  /** How many people have voted in a phase: a count, nothing about what they chose. */
  async voterCount(workshopId: string, phaseId: string): Promise<number> {
    const row = await this.db.get<{ n: number }>(
      'SELECT COUNT(DISTINCT participant_id) AS n FROM votes WHERE workshop_id = ? AND phase_id = ?',
      [workshopId, phaseId],
    )
    return row?.n ?? 0
  }

  /** The ballots of a phase with the group each was cast in (rows from before groups were kept, without one, count for none). */
  async ballots(workshopId: string, phaseId: string, q: SqlQueries = this.db): Promise<Ballot[]> {
    const rows = await q.all<{ participant_id: string; voter_group: Group; card_id: string; points: number }>(
      `SELECT participant_id, voter_group, card_id, points FROM votes
        WHERE workshop_id = ? AND phase_id = ? AND voter_group IS NOT NULL
        ORDER BY participant_id, card_id`,
      [workshopId, phaseId],
    )
    return rows.map((r) => ({
      participantId: r.participant_id,
      group: r.voter_group,
      cardId: r.card_id,
      points: r.points,
    }))
  }

  async isRevealed(workshopId: string, phaseId: string, q: SqlQueries = this.db): Promise<boolean> {
    const row = await q.get('SELECT 1 AS one FROM vote_reveals WHERE workshop_id = ? AND phase_id = ?', [
      workshopId,
      phaseId,
    ])
    return row !== undefined
  }

  async storedResults(
    workshopId: string,
    phaseId: string,
    q: SqlQueries = this.db,
  ): Promise<VoteResults | null> {
    const row = await q.get<{ results: string }>(
      'SELECT results FROM vote_results WHERE workshop_id = ? AND phase_id = ?',
      [workshopId, phaseId],
    )
    if (!row) return null
    const results = JSON.parse(row.results) as VoteResults
    // Results stored before paper counts existed have no `paper`.
    return { ...results, paper: results.paper ?? null }
  }

  /**
   * Closes the vote and stores its results in one transaction; `compute` runs only if none are
   * stored yet, inside that transaction (it may read more through `tx`, nothing else: it may run
   * again on a retry). Returns the stored results, which later reveals return unchanged.
   */
  reveal(
    workshopId: string,
    phaseId: string,
    at: number,
    compute: (ballots: Ballot[], tx: SqlQueries) => Promise<VoteResults>,
  ): Promise<{ results: VoteResults; first: boolean }> {
    return this.db.transaction(async (tx) => {
      const stored = await this.storedResults(workshopId, phaseId, tx)
      if (stored) return { results: stored, first: false }
      await tx.run(
        'INSERT INTO vote_reveals (workshop_id, phase_id, revealed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        [workshopId, phaseId, at],
      )
      const results = await compute(await this.ballots(workshopId, phaseId, tx), tx)
      await tx.run('INSERT INTO vote_results (workshop_id, phase_id, results) VALUES (?, ?, ?)', [
        workshopId,
        phaseId,
        JSON.stringify(results),
      ])
      return { results, first: true }
    })
  }
}
