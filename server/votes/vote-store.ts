/**
 * Votes, kept on the server only: nothing about other people's votes reaches a browser before
 * the reveal. Budget and cap are enforced inside one SQLite transaction, so two quick clicks
 * from two tabs cannot overspend.
 */
import type { VoteRule } from '../../shared/script/script-schema.ts'
import type { Ballot, Group } from '../../shared/votes/results.ts'
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

  /** Sets a person's points on one card (0 takes them back); refuses what breaks the rule. */
  cast(
    workshopId: string,
    phaseId: string,
    participantId: string,
    cardId: string,
    points: number,
    rule: VoteRule,
  ): { ok: true; mine: Allocation } | { ok: false; reason: VoteRefusal } {
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
            `INSERT INTO votes (workshop_id, phase_id, participant_id, card_id, points) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT(workshop_id, phase_id, participant_id, card_id) DO UPDATE SET points = excluded.points`,
          )
          .run(workshopId, phaseId, participantId, cardId, points)
      }
      return { ok: true as const, mine: this.mine(workshopId, phaseId, participantId) }
    })()
  }

  /** How many people have voted in a phase: a count, nothing about what they chose. */
  voterCount(workshopId: string, phaseId: string): number {
    const row = this.db
      .prepare('SELECT COUNT(DISTINCT participant_id) AS n FROM votes WHERE workshop_id = ? AND phase_id = ?')
      .get(workshopId, phaseId) as { n: number }
    return row.n
  }

  ballots(workshopId: string, phaseId: string): Ballot[] {
    const rows = this.db
      .prepare(
        `SELECT v.participant_id, p.role, v.card_id, v.points FROM votes v
           JOIN participants p ON p.id = v.participant_id
          WHERE v.workshop_id = ? AND v.phase_id = ? AND p.role IN ('citizen', 'councillor', 'staff')`,
      )
      .all(workshopId, phaseId) as { participant_id: string; role: Group; card_id: string; points: number }[]
    return rows.map((r) => ({
      participantId: r.participant_id,
      group: r.role,
      cardId: r.card_id,
      points: r.points,
    }))
  }

  isRevealed(workshopId: string, phaseId: string): boolean {
    return !!this.db
      .prepare('SELECT 1 FROM vote_reveals WHERE workshop_id = ? AND phase_id = ?')
      .get(workshopId, phaseId)
  }

  markRevealed(workshopId: string, phaseId: string, at: number): void {
    this.db
      .prepare(
        'INSERT INTO vote_reveals (workshop_id, phase_id, revealed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(workshopId, phaseId, at)
  }
}
