/**
 * Rewriting what the database holds of a workshop's documents, with its rooms out of memory (the
 * sync server's `withWorkshopUnloaded` first): a room is read back from its state row and
 * log, edited, and stored as one new state row with an empty log, so no older update still
 * holds what the edit removed; a snapshot is edited and stored again, and vouched for anew in
 * the event log (`snapshot.redacted`), so verification still passes. Then, on SQLite, the WAL is
 * checkpointed and truncated, so no copy of the old pages stays beside the database.
 * Everything runs async in the caller's transaction (`tx`).
 */
import * as Y from 'yjs'
import { type AuditActor, type AuditService, SYSTEM_ACTOR, snapshotRef } from '../audit/audit-service.ts'
import type { SqlDatabase, SqlQueries } from '../db/sql-database.ts'
import { buildRoom } from '../sync/room-rows.ts'
import { compactRoom, readRoomRows } from '../sync/room-store.ts'
import { docOf } from './doc-redaction.ts'

export const boardRoom = (workshopId: string): string => workshopId
export const deskRoom = (workshopId: string, participantId: string): string =>
  `${workshopId}/desk/${participantId}`

/** Every stored room of a workshop: its board and its desks. */
export async function roomsOf(q: SqlQueries, workshopId: string): Promise<string[]> {
  const prefix = `${workshopId}/desk/`
  const rows = await q.all<{ room: string }>(
    `SELECT room FROM room_state WHERE room = ? OR substr(room, 1, ?) = ?
     UNION SELECT DISTINCT room FROM room_updates WHERE room = ? OR substr(room, 1, ?) = ?`,
    [workshopId, prefix.length, prefix, workshopId, prefix.length, prefix],
  )
  return rows.map((r) => r.room)
}

/** Deletes a stored room, state and log. */
export async function deleteRoom(q: SqlQueries, room: string): Promise<void> {
  await q.run('DELETE FROM room_updates WHERE room = ?', [room])
  await q.run('DELETE FROM room_state WHERE room = ?', [room])
}

/**
 * Reads a stored room, lets `edit` change it, and stores it again as one state row (the log
 * folded in, so no earlier update keeps removed content). A room that was never stored is left.
 */
export async function rewriteRoom(
  tx: SqlQueries,
  room: string,
  edit: (doc: Y.Doc) => unknown,
): Promise<void> {
  const stored = await readRoomRows(tx, room)
  if (stored.state === null && stored.updates.length === 0) return
  // Built into a garbage-collecting doc: what the edit deletes leaves the encoding.
  const { doc, seq } = buildRoom(stored)
  edit(doc)
  await compactRoom(tx, room, Y.encodeStateAsUpdate(doc), seq)
  doc.destroy()
}

/**
 * Edits every snapshot of the workshop; those `edit` changed (it returns a count) are stored
 * again and vouched for in one `snapshot.redacted` entry. How many were rewritten.
 */
export async function rewriteSnapshots(
  tx: SqlQueries,
  audit: Pick<AuditService, 'record'>,
  workshopId: string,
  edit: (doc: Y.Doc) => number,
  why: string,
  actor: AuditActor = SYSTEM_ACTOR,
): Promise<number> {
  const rows = await tx.all<{ id: string; state: Uint8Array }>(
    'SELECT id, state FROM snapshots WHERE workshop_id = ? ORDER BY created_at, id',
    [workshopId],
  )
  const refs = []
  for (const row of rows) {
    const doc = docOf(new Uint8Array(row.state))
    if (edit(doc) > 0) {
      const state = Y.encodeStateAsUpdate(doc)
      await tx.run('UPDATE snapshots SET state = ? WHERE workshop_id = ? AND id = ?', [
        state,
        workshopId,
        row.id,
      ])
      refs.push(snapshotRef(row.id, state))
    }
    doc.destroy()
  }
  if (refs.length > 0)
    await audit.record(workshopId, 'snapshot.redacted', actor, { snapshots: refs, why }, tx)
  return refs.length
}

/**
 * On SQLite, moves everything in the WAL into the database file and empties the WAL. PostgreSQL
 * keeps no such copy in the instance's files; its own WAL and dead tuples are the server's (and
 * its operator's) business: VACUUM and WAL recycling, see docs/operations.md.
 */
export async function checkpoint(db: SqlDatabase): Promise<void> {
  if (db.dialect === 'sqlite') await db.all('PRAGMA wal_checkpoint(TRUNCATE)')
}
