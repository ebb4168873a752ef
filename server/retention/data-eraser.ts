/**
 * Deleting on request: a whole workshop (every row of every table that holds its data, its rooms
 * and its log; the deletion itself is recorded in the instance's log) or one participant's data
 * (their name replaced by a pseudonym everywhere, sessions and device gone, their desk deleted,
 * and their cards either pseudonymised or removed, in the rooms and the snapshots alike).
 * The rooms must be out of memory first (`WorkshopSync.withWorkshopUnloaded`); the
 * connection runs with `secure_delete`, and the WAL is truncated after, so nothing of it remains
 * in the data directory's files (on SQLite). Each deletion is one async transaction.
 */

/** The storage interface and the log. */
export interface EraserDeps {
  sql: SqlDatabase
  audit: Pick<AuditService, 'record'>
}

import type { ParticipantDeletion } from '../../shared/api/retention.ts'
import { type AuditActor, type AuditService, INSTANCE_LOG } from '../audit/audit-service.ts'
import type { SqlDatabase, SqlQueries } from '../db/sql-database.ts'
import { cardsOf, pseudonymiseNames, removeCardsOf } from './doc-redaction.ts'
import {
  boardRoom,
  checkpoint,
  deleteRoom,
  deskRoom,
  rewriteRoom,
  rewriteSnapshots,
  roomsOf,
} from './stored-docs.ts'

/**
 * Tables whose rows belong to a workshop by a `workshop_id` column (other than these two), from
 * the catalogue, so that a table added later is not forgotten here.
 */
async function workshopTables(db: SqlDatabase, q: SqlQueries): Promise<string[]> {
  const tables = await q.all<{ name: string }>(
    db.dialect === 'sqlite'
      ? `SELECT m.name AS name FROM sqlite_master m JOIN pragma_table_info(m.name) c
          WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND c.name = 'workshop_id' ORDER BY m.name`
      : `SELECT table_name AS name FROM information_schema.columns
          WHERE table_schema = current_schema() AND column_name = 'workshop_id' ORDER BY table_name`,
  )
  return tables.map((t) => t.name).filter((name) => name !== 'participants' && name !== 'workshops')
}

/** The name that stands for a person whose data was deleted (or whose identity expired). */
export const pseudonymOf = (participantId: string): string => `Person ${participantId.slice(0, 6)}`

/**
 * Deletes a workshop and everything of it; false when there is no such workshop. Recorded in
 * the instance's log with counts only.
 */
export async function deleteWorkshop(
  { sql, audit }: EraserDeps,
  workshopId: string,
  actor: AuditActor,
  why: string,
): Promise<boolean> {
  const done = await sql.transaction(async (tx) => {
    if (!(await tx.get('SELECT 1 FROM workshops WHERE id = ?', [workshopId]))) return false
    await tx.run(
      'DELETE FROM sessions WHERE participant_id IN (SELECT id FROM participants WHERE workshop_id = ?)',
      [workshopId],
    )
    let rows = 0
    for (const table of await workshopTables(sql, tx))
      rows += (await tx.run(`DELETE FROM "${table}" WHERE workshop_id = ?`, [workshopId])).changes
    const rooms = await roomsOf(tx, workshopId)
    for (const room of rooms) await deleteRoom(tx, room)
    const participants = (await tx.run('DELETE FROM participants WHERE workshop_id = ?', [workshopId]))
      .changes
    await tx.run('DELETE FROM workshops WHERE id = ?', [workshopId])
    await audit.record(
      INSTANCE_LOG,
      'workshop.deleted',
      actor,
      { workshop: workshopId, why, participants, rooms: rooms.length, rows },
      tx,
    )
    return true
  })
  if (done) await checkpoint(sql)
  return done
}

/**
 * Deletes one participant's personal data in their workshop: name → pseudonym (also on their
 * cards and in snapshots, or the cards removed with mode `remove`), sessions, device, account
 * link and desk gone, speaking times unnamed. Null when the participant is not in the workshop.
 */
export async function deleteParticipantData(
  { sql, audit }: EraserDeps,
  workshopId: string,
  participantId: string,
  mode: ParticipantDeletion,
  actor: AuditActor,
): Promise<{ cards: number } | null> {
  const result = await sql.transaction(async (tx) => {
    const found = await tx.get('SELECT 1 FROM participants WHERE id = ? AND workshop_id = ?', [
      participantId,
      workshopId,
    ])
    if (!found) return null
    const pseudonym = pseudonymOf(participantId)
    await tx.run(
      `UPDATE participants SET name = ?, device_id = NULL, user_id = NULL,
              removed_at = coalesce(removed_at, ?) WHERE id = ?`,
      [pseudonym, Date.now(), participantId],
    )
    await tx.run('DELETE FROM sessions WHERE participant_id = ?', [participantId])
    await tx.run('UPDATE speaking_times SET name = NULL WHERE participant_id = ?', [participantId])
    await deleteRoom(tx, deskRoom(workshopId, participantId))

    let cards: string[] = []
    const names = new Map([[participantId, pseudonym]])
    await rewriteRoom(tx, boardRoom(workshopId), (doc) => {
      cards = mode === 'remove' ? removeCardsOf(doc, participantId) : cardsOf(doc, participantId)
      pseudonymiseNames(doc, names)
    })
    await rewriteSnapshots(
      tx,
      audit,
      workshopId,
      // Removed cards, then the name wherever it still stands (an edit record, a raised hand).
      (doc) =>
        (mode === 'remove' ? removeCardsOf(doc, participantId).length : 0) + pseudonymiseNames(doc, names),
      'participant-data-deleted',
      actor,
    )
    if (mode === 'remove') {
      // Their cards' records, hidden originals and photos go with the cards.
      await tx.run('DELETE FROM card_records WHERE workshop_id = ? AND author_id = ?', [
        workshopId,
        participantId,
      ])
      await tx.run('DELETE FROM hidden_cards WHERE workshop_id = ? AND author_id = ?', [
        workshopId,
        participantId,
      ])
      for (const card of cards)
        await tx.run('DELETE FROM card_photos WHERE workshop_id = ? AND card_id = ?', [workshopId, card])
    }
    await audit.record(
      workshopId,
      'participant.data-deleted',
      actor,
      { participant: participantId, mode, cards: cards.length },
      tx,
    )
    return { cards: cards.length }
  })
  if (result) await checkpoint(sql)
  return result
}
