/**
 * Rewriting what SQLite holds of a workshop's documents, with its rooms out of memory (the sync
 * server's `withWorkshopUnloaded` first): a room is read back from its state row and
 * log, edited, and stored as one new state row with an empty log, so no older update still
 * holds what the edit removed; a snapshot is edited and stored again, and vouched for anew in
 * the event log (`snapshot.redacted`), so verification still passes. Then the WAL is
 * checkpointed and truncated, so no copy of the old pages stays beside the database.
 * Rooms, snapshots and the log are rewritten async in the caller's transaction (`tx`); listing
 * and deleting a workshop's rooms are still synchronous statements on the SQLite connection,
 * which join the open transaction there.
 */
import * as Y from 'yjs'
import { type AuditActor, type AuditService, SYSTEM_ACTOR, snapshotRef } from '../audit/audit-service.ts'
import type { Db } from '../db/open-database.ts'
import type { SqlQueries } from '../db/sql-database.ts'
import { buildRoom } from '../sync/room-rows.ts'
import { compactRoom, readRoomRows } from '../sync/room-store.ts'
import { docOf } from './doc-redaction.ts'

export const boardRoom = (workshopId: string): string => workshopId
export const deskRoom = (workshopId: string, participantId: string): string =>
  `${workshopId}/desk/${participantId}`

/** Every stored room of a workshop: its board and its desks. */
export function roomsOf(db: Db, workshopId: string): string[] {
  const prefix = `${workshopId}/desk/`
  const rows = db
    .prepare(
      `SELECT room FROM room_state WHERE room = @room OR substr(room, 1, length(@prefix)) = @prefix
       UNION SELECT DISTINCT room FROM room_updates WHERE room = @room OR substr(room, 1, length(@prefix)) = @prefix`,
    )
    .all({ room: workshopId, prefix }) as { room: string }[]
  return rows.map((r) => r.room)
}

/** Deletes a stored room, state and log. */
export function deleteRoom(db: Db, room: string): void {
  db.prepare('DELETE FROM room_updates WHERE room = ?').run(room)
  db.prepare('DELETE FROM room_state WHERE room = ?').run(room)
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

/** Moves everything in the WAL into the database file and empties the WAL. */
export function checkpoint(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)')
}
