/**
 * Deleting on request: a whole workshop (every row of every table that holds its data, its rooms
 * and its log; the deletion itself is recorded in the instance's log) or one participant's data
 * (their name replaced by a pseudonym everywhere, sessions and device gone, their desk deleted,
 * and their cards either pseudonymised or removed, in the rooms and the snapshots alike).
 * The rooms must be out of memory first (`WorkshopSync.withWorkshopUnloaded`); the
 * connection runs with `secure_delete`, and the WAL is truncated after, so nothing of it remains
 * in the data directory's files. Each deletion is one async transaction (`sql` wraps `db`): the
 * snapshots and the log go through its `tx`, the other tables' statements are still synchronous
 * on the SQLite connection and join it.
 */

/** The SQLite connection and the storage interface on it, and the log. */
export interface EraserDeps {
  db: Db
  sql: SqlDatabase
  audit: Pick<AuditService, 'record'>
}

import type { ParticipantDeletion } from '../../shared/api/retention.ts'
import { type AuditActor, type AuditService, INSTANCE_LOG } from '../audit/audit-service.ts'
import type { Db } from '../db/open-database.ts'
import type { SqlDatabase } from '../db/sql-database.ts'
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

/** Tables whose rows belong to a workshop by a `workshop_id` column (other than these two). */
function workshopTables(db: Db): string[] {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[]
  return tables
    .map((t) => t.name)
    .filter((name) => name !== 'participants' && name !== 'workshops')
    .filter((name) =>
      (db.pragma(`table_info("${name.replace(/"/g, '""')}")`) as { name: string }[]).some(
        (c) => c.name === 'workshop_id',
      ),
    )
}

/** The name that stands for a person whose data was deleted (or whose identity expired). */
export const pseudonymOf = (participantId: string): string => `Person ${participantId.slice(0, 6)}`

/**
 * Deletes a workshop and everything of it; false when there is no such workshop. Recorded in
 * the instance's log with counts only.
 */
export async function deleteWorkshop(
  { db, sql, audit }: EraserDeps,
  workshopId: string,
  actor: AuditActor,
  why: string,
): Promise<boolean> {
  const done = await sql.transaction(async (tx) => {
    if (!db.prepare('SELECT 1 FROM workshops WHERE id = ?').get(workshopId)) return false
    db.prepare(
      'DELETE FROM sessions WHERE participant_id IN (SELECT id FROM participants WHERE workshop_id = ?)',
    ).run(workshopId)
    let rows = 0
    for (const table of workshopTables(db))
      rows += db.prepare(`DELETE FROM "${table}" WHERE workshop_id = ?`).run(workshopId).changes
    const rooms = roomsOf(db, workshopId)
    for (const room of rooms) deleteRoom(db, room)
    const participants = db.prepare('DELETE FROM participants WHERE workshop_id = ?').run(workshopId).changes
    db.prepare('DELETE FROM workshops WHERE id = ?').run(workshopId)
    await audit.record(
      INSTANCE_LOG,
      'workshop.deleted',
      actor,
      { workshop: workshopId, why, participants, rooms: rooms.length, rows },
      tx,
    )
    return true
  })
  if (done) checkpoint(db)
  return done
}

/**
 * Deletes one participant's personal data in their workshop: name → pseudonym (also on their
 * cards and in snapshots, or the cards removed with mode `remove`), sessions, device, account
 * link and desk gone, speaking times unnamed. Null when the participant is not in the workshop.
 */
export async function deleteParticipantData(
  { db, sql, audit }: EraserDeps,
  workshopId: string,
  participantId: string,
  mode: ParticipantDeletion,
  actor: AuditActor,
): Promise<{ cards: number } | null> {
  const result = await sql.transaction(async (tx) => {
    const found = db
      .prepare('SELECT 1 FROM participants WHERE id = ? AND workshop_id = ?')
      .get(participantId, workshopId)
    if (!found) return null
    const pseudonym = pseudonymOf(participantId)
    db.prepare(
      `UPDATE participants SET name = ?, device_id = NULL, user_id = NULL,
              removed_at = coalesce(removed_at, ?) WHERE id = ?`,
    ).run(pseudonym, Date.now(), participantId)
    db.prepare('DELETE FROM sessions WHERE participant_id = ?').run(participantId)
    db.prepare('UPDATE speaking_times SET name = NULL WHERE participant_id = ?').run(participantId)
    deleteRoom(db, deskRoom(workshopId, participantId))

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
      db.prepare('DELETE FROM card_records WHERE workshop_id = ? AND author_id = ?').run(
        workshopId,
        participantId,
      )
      db.prepare('DELETE FROM hidden_cards WHERE workshop_id = ? AND author_id = ?').run(
        workshopId,
        participantId,
      )
      const photo = db.prepare('DELETE FROM card_photos WHERE workshop_id = ? AND card_id = ?')
      for (const card of cards) photo.run(workshopId, card)
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
  if (result) checkpoint(db)
  return result
}
