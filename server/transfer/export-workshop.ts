/**
 * Writes one workshop as one file (export-format.ts): its board, every desk, every snapshot,
 * the event log, vote results, hand-counted dots and paper voters, participants, card records,
 * hidden cards, speaking times and photos of paper cards. The export is itself recorded in the
 * log first, so the file carries the entry that says it was made. The file goes to facilitators,
 * so it holds nothing they may not read: no ballot (each names its voter) and no card held for
 * private writing (left out of its author's desk; the source keeps it).
 */
import * as Y from 'yjs'
import { notesOf } from '../../shared/board/schema.ts'
import { type AuditActor, type AuditService, EXPORT_KIND } from '../audit/audit-service.ts'
import { hashOf, sha256Hex } from '../audit/canonical.ts'
import type { Db } from '../db/open-database.ts'
import { buildRoom, type LoadedRoom, ROOM_SQL } from '../sync/room-rows.ts'
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

/** A room read synchronously from the SQLite connection (the export is not yet async). */
function loadRoomNow(db: Db, room: string): LoadedRoom {
  const state = db.prepare(ROOM_SQL.state).get(room) as { state: Buffer; last_seq: number } | undefined
  const updates = db.prepare(ROOM_SQL.updates).all(room) as { seq: number; update_data: Buffer }[]
  return buildRoom({
    state: state ? { state: state.state, seq: state.last_seq } : null,
    updates: updates.map((u) => ({ seq: u.seq, update: u.update_data })),
  })
}

/** A room's stored state (compacted row and the updates since), encoded as one update. */
function storedRoom(db: Db, room: string): Uint8Array {
  const { doc } = loadRoomNow(db, room)
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

/** Each author's cards held for private writing, which no facilitator may read before the reveal. */
function heldPrivate(db: Db, workshopId: string): Map<string, string[]> {
  const held = new Map<string, string[]>()
  const rows = db
    .prepare("SELECT card_id, author_id FROM card_records WHERE workshop_id = ? AND state = 'private'")
    .all(workshopId) as { card_id: string; author_id: string }[]
  for (const r of rows) held.set(r.author_id, [...(held.get(r.author_id) ?? []), r.card_id])
  return held
}

/** A desk's stored state without the given cards (gc drops their content, not only the keys). */
function deskState(db: Db, room: string, withhold: readonly string[]): Uint8Array {
  const { doc } = loadRoomNow(db, room)
  if (withhold.length > 0)
    doc.transact(() => {
      for (const cardId of withhold) notesOf(doc).delete(cardId)
    })
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}

function desks(db: Db, workshopId: string) {
  const held = heldPrivate(db, workshopId)
  const prefix = deskRoomName(workshopId, '')
  const rooms = db
    .prepare(
      `SELECT room FROM room_state WHERE substr(room, 1, ?) = ?
       UNION SELECT DISTINCT room FROM room_updates WHERE substr(room, 1, ?) = ? ORDER BY room`,
    )
    .all(prefix.length, prefix, prefix.length, prefix) as { room: string }[]
  return rooms.map(({ room }) => {
    const participantId = room.slice(prefix.length)
    return { participantId, state: toBase64(deskState(db, room, held.get(participantId) ?? [])) }
  })
}

/** The file's text and its SHA-256. `board`: the board's durable state. */
export async function exportWorkshop(
  db: Db,
  audit: AuditService,
  workshop: Workshop,
  board: Uint8Array,
  actor: AuditActor,
): Promise<{ text: string; sha256: string }> {
  await audit.record(workshop.id, EXPORT_KIND, actor, { format: EXPORT_FORMAT, version: EXPORT_VERSION })
  const log = await audit.log.entries(workshop.id)
  const parts: Omit<ExportFile, 'manifest'> = {
    log,
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
    voteReveals: tableRows(db, workshop.id, 'voteReveals'),
    voteResults: tableRows(db, workshop.id, 'voteResults'),
    cardRecords: tableRows(db, workshop.id, 'cardRecords'),
    hiddenCards: tableRows(db, workshop.id, 'hiddenCards'),
    paperVotes: tableRows(db, workshop.id, 'paperVotes'),
    paperVoters: tableRows(db, workshop.id, 'paperVoters'),
    speakingTimes: tableRows(db, workshop.id, 'speakingTimes'),
    cardPhotos: tableRows(db, workshop.id, 'cardPhotos'),
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
