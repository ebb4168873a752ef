/**
 * Hand-counted dots (async, on either storage engine): the points one group gave one card on
 * the wall, and how many people of a group voted on paper, each with who entered it and when.
 * Kept on the server like ballots; an entry is refused once the vote is revealed, checked in the
 * same transaction as the write (the reveal's transaction reads these tables, so no entry can
 * slip in after it).
 */
import type { PaperEntry } from '../../shared/api/paper-votes.ts'
import { GROUPS, type Group } from '../../shared/policy/roles.ts'
import type { SqlDatabase, SqlQueries } from '../db/sql-database.ts'

export interface PaperKey {
  workshopId: string
  phaseId: string
}

export type PaperWrite = { ok: true } | { ok: false; reason: 'revealed' }

async function revealed(q: SqlQueries, { workshopId, phaseId }: PaperKey): Promise<boolean> {
  const row = await q.get('SELECT 1 AS one FROM vote_reveals WHERE workshop_id = ? AND phase_id = ?', [
    workshopId,
    phaseId,
  ])
  return row !== undefined
}

export class PaperStore {
  constructor(private readonly db: SqlDatabase) {}

  /** Sets one group's points on one card (0 removes them). */
  setPoints(key: PaperKey, entry: Omit<PaperEntry, 'enteredAt'>, at: number): Promise<PaperWrite> {
    return this.db.transaction(async (tx): Promise<PaperWrite> => {
      if (await revealed(tx, key)) return { ok: false, reason: 'revealed' }
      if (entry.points === 0) {
        await tx.run(
          'DELETE FROM paper_votes WHERE workshop_id = ? AND phase_id = ? AND card_id = ? AND voter_group = ?',
          [key.workshopId, key.phaseId, entry.cardId, entry.group],
        )
      } else {
        await tx.run(
          `INSERT INTO paper_votes (workshop_id, phase_id, card_id, voter_group, points, entered_by, entered_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(workshop_id, phase_id, card_id, voter_group) DO UPDATE
             SET points = excluded.points, entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
          [key.workshopId, key.phaseId, entry.cardId, entry.group, entry.points, entry.enteredBy, at],
        )
      }
      return { ok: true }
    })
  }

  /** Sets how many people of a group voted on paper (0 removes the count). */
  setVoters(key: PaperKey, group: Group, voters: number, enteredBy: string, at: number): Promise<PaperWrite> {
    return this.db.transaction(async (tx): Promise<PaperWrite> => {
      if (await revealed(tx, key)) return { ok: false, reason: 'revealed' }
      if (voters === 0) {
        await tx.run('DELETE FROM paper_voters WHERE workshop_id = ? AND phase_id = ? AND voter_group = ?', [
          key.workshopId,
          key.phaseId,
          group,
        ])
      } else {
        await tx.run(
          `INSERT INTO paper_voters (workshop_id, phase_id, voter_group, voters, entered_by, entered_at)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(workshop_id, phase_id, voter_group) DO UPDATE
             SET voters = excluded.voters, entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
          [key.workshopId, key.phaseId, group, voters, enteredBy, at],
        )
      }
      return { ok: true }
    })
  }

  /** The entries of a vote; `q` is the reveal's transaction when it computes the results. */
  async entries({ workshopId, phaseId }: PaperKey, q: SqlQueries = this.db): Promise<PaperEntry[]> {
    const rows = await q.all<{
      card_id: string
      voter_group: Group
      points: number
      entered_by: string
      entered_at: number
    }>(
      `SELECT card_id, voter_group, points, entered_by, entered_at FROM paper_votes
        WHERE workshop_id = ? AND phase_id = ? ORDER BY card_id, voter_group`,
      [workshopId, phaseId],
    )
    return rows.map((r) => ({
      cardId: r.card_id,
      group: r.voter_group,
      points: r.points,
      enteredBy: r.entered_by,
      enteredAt: r.entered_at,
    }))
  }

  /** People who voted on paper per group, as entered; null where none was. */
  async voters(
    { workshopId, phaseId }: PaperKey,
    q: SqlQueries = this.db,
  ): Promise<Record<Group, number | null>> {
    const rows = await q.all<{ voter_group: Group; voters: number }>(
      'SELECT voter_group, voters FROM paper_voters WHERE workshop_id = ? AND phase_id = ?',
      [workshopId, phaseId],
    )
    const out: Record<Group, number | null> = { citizen: null, councillor: null, staff: null }
    for (const r of rows) if (GROUPS.includes(r.voter_group)) out[r.voter_group] = r.voters
    return out
  }
}
