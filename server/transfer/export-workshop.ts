/**
 * Writes one workshop as one file (export-format.ts): its board, every desk, every snapshot,
 * the event log, ballots and results, participants, card records and hidden cards. The export
 * is itself recorded in the log first, so the file carries the entry that says it was made.
 */
import * as Y from 'yjs'
import { type AuditActor, type AuditService, EXPORT_KIND } from '../audit/audit-service.ts'
import { hashOf, sha256Hex } from '../audit/canonical.ts'
import type { Db } from '../db/open-database.ts'
import { RoomStore } from '../sync/room-store.ts'
import { boardRoomName, deskRoomName } from '../sync/workshop-rooms.ts'
import type { Workshop } from '../workshops/workshop-store.ts'
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportFile,
  type PartName,
  type Row,
  TABLE_PARTS,
  type TablePart,
  toBase64,
} from './export-format.ts'

/** A room's stored state (compacted row and the updates since), encoded as one update. */
function storedRoom(db: Db, room: string): Uint8Array {
  const { doc } = new RoomStore(db).load(room)
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}

/** The board as stored; the server passes the live board's durable state instead. */
export const storedBoard = (db: Db, workshopId: string): Uint8Array =>
  storedRoom(db, boardRoomName(workshopId))

function tableRows(db: Db, workshopId: string, part: TablePart): Row[] {
  const { table, order, columns } = TABLE_PARTS[part]
  const names = Object.keys(columns)
  const rows = db
    .prepare(`SELECT ${names.join(', ')} FROM ${table} WHERE workshop_id = ? ORDER BY ${order}`)
    .all(workshopId) as Record<string, string | number | null | Buffer>[]
  return rows.map((row) =>
    Object.fromEntries(
      names.map((name) => {
        const value = row[name] ?? null
        return [name, Buffer.isBuffer(value) ? toBase64(value) : value]
      }),
    ),
  )
}

function desks(db: Db, workshopId: string) {
  const prefix = deskRoomName(workshopId, '')
  const rooms = db
    .prepare(
      `SELECT room FROM room_state WHERE substr(room, 1, ?) = ?
       UNION SELECT DISTINCT room FROM room_updates WHERE substr(room, 1, ?) = ? ORDER BY room`,
    )
    .all(prefix.length, prefix, prefix.length, prefix) as { room: string }[]
  return rooms.map(({ room }) => ({
    participantId: room.slice(prefix.length),
    state: toBase64(storedRoom(db, room)),
  }))
}

/** The file's text and its SHA-256. `board`: the board's durable state. */
export function exportWorkshop(
  db: Db,
  audit: AuditService,
  workshop: Workshop,
  board: Uint8Array,
  actor: AuditActor,
): { text: string; sha256: string } {
  audit.record(workshop.id, EXPORT_KIND, actor, { format: EXPORT_FORMAT, version: EXPORT_VERSION })
  const parts: Omit<ExportFile, 'manifest'> = {
    log: audit.log.entries(workshop.id),
    snapshots: tableRows(db, workshop.id, 'snapshots'),
    workshop: {
      title: workshop.title,
      template: workshop.template,
      createdAt: workshop.createdAt,
      joining: workshop.joining,
      guestCap: workshop.guestCap,
    },
    board: toBase64(board),
    desks: desks(db, workshop.id),
    participants: tableRows(db, workshop.id, 'participants'),
    votes: tableRows(db, workshop.id, 'votes'),
    voteReveals: tableRows(db, workshop.id, 'voteReveals'),
    voteResults: tableRows(db, workshop.id, 'voteResults'),
    cardRecords: tableRows(db, workshop.id, 'cardRecords'),
    hiddenCards: tableRows(db, workshop.id, 'hiddenCards'),
  }
  const hashes = Object.fromEntries(
    Object.entries(parts).map(([name, value]) => [name, hashOf(value)]),
  ) as Record<PartName, string>
  const file: ExportFile = {
    manifest: {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      workshop: { id: workshop.id, title: workshop.title },
      createdAt: Date.now(),
      parts: hashes,
    },
    ...parts,
  }
  const text = JSON.stringify(file)
  return { text, sha256: sha256Hex(text) }
}
