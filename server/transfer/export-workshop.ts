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
import type { SqlDatabase, SqlQueries } from '../db/sql-database.ts'
import { buildRoom, type LoadedRoom } from '../sync/room-rows.ts'
import { readRoomRows } from '../sync/room-store.ts'
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

async function loadRoom(q: SqlQueries, room: string): Promise<LoadedRoom> {
  return buildRoom(await readRoomRows(q, room))
}

/** The board as stored (compacted row and the updates since), encoded as one update; the server passes the live board's durable state instead. */
export async function storedBoard(q: SqlQueries, workshopId: string): Promise<Uint8Array> {
  const { doc } = await loadRoom(q, boardRoomName(workshopId))
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}

async function tableRows(q: SqlQueries, workshopId: string, part: TablePart): Promise<Row[]> {
  const { table, order, columns } = TABLE_PARTS[part]
  const names = Object.keys(columns)
  const rows = await q.all<Record<string, string | number | null | Uint8Array>>(
    `SELECT ${names.join(', ')} FROM ${table} WHERE workshop_id = ? ORDER BY ${order}`,
    [workshopId],
  )
  return rows.map((row) =>
    Object.fromEntries(
      names.map((name) => {
        const value = row[name] ?? null
        return [name, value instanceof Uint8Array ? toBase64(value) : value]
      }),
    ),
  )
}

/** Each author's cards held for private writing, which no facilitator may read before the reveal. */
async function heldPrivate(q: SqlQueries, workshopId: string): Promise<Map<string, string[]>> {
  const held = new Map<string, string[]>()
  const rows = await q.all<{ card_id: string; author_id: string }>(
    "SELECT card_id, author_id FROM card_records WHERE workshop_id = ? AND state = 'private' ORDER BY card_id",
    [workshopId],
  )
  for (const r of rows) held.set(r.author_id, [...(held.get(r.author_id) ?? []), r.card_id])
  return held
}

/** A desk's stored state without the given cards (gc drops their content, not only the keys). */
async function deskState(q: SqlQueries, room: string, withhold: readonly string[]): Promise<Uint8Array> {
  const { doc } = await loadRoom(q, room)
  if (withhold.length > 0)
    doc.transact(() => {
      for (const cardId of withhold) notesOf(doc).delete(cardId)
    })
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}

async function desks(q: SqlQueries, workshopId: string) {
  const held = await heldPrivate(q, workshopId)
  const prefix = deskRoomName(workshopId, '')
  const rooms = await q.all<{ room: string }>(
    `SELECT room FROM room_state WHERE substr(room, 1, ?) = ?
     UNION SELECT DISTINCT room FROM room_updates WHERE substr(room, 1, ?) = ? ORDER BY room`,
    [prefix.length, prefix, prefix.length, prefix],
  )
  const out: { participantId: string; state: string }[] = []
  for (const { room } of rooms) {
    const participantId = room.slice(prefix.length)
    out.push({ participantId, state: toBase64(await deskState(q, room, held.get(participantId) ?? [])) })
  }
  return out
}

/** The file's text and its SHA-256. `board`: the board's durable state. */
export async function exportWorkshop(
  sql: SqlDatabase,
  audit: AuditService,
  workshop: Workshop,
  board: Uint8Array,
  actor: AuditActor,
): Promise<{ text: string; sha256: string }> {
  await audit.record(workshop.id, EXPORT_KIND, actor, { format: EXPORT_FORMAT, version: EXPORT_VERSION })
  // Read in one transaction: every part from the same moment.
  const parts = await sql.transaction((tx) => readParts(tx, audit, workshop, board))
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

async function readParts(
  q: SqlQueries,
  audit: AuditService,
  workshop: Workshop,
  board: Uint8Array,
): Promise<Omit<ExportFile, 'manifest'>> {
  const rows = (part: TablePart) => tableRows(q, workshop.id, part)
  return {
    log: await audit.log.entries(workshop.id, q),
    snapshots: await rows('snapshots'),
    workshop: {
      title: workshop.title,
      template: workshop.template,
      createdAt: workshop.createdAt,
      joining: workshop.joining,
      guestCap: workshop.guestCap,
    },
    board: toBase64(board),
    desks: await desks(q, workshop.id),
    participants: await rows('participants'),
    voteReveals: await rows('voteReveals'),
    voteResults: await rows('voteResults'),
    cardRecords: await rows('cardRecords'),
    hiddenCards: await rows('hiddenCards'),
    paperVotes: await rows('paperVotes'),
    paperVoters: await rows('paperVoters'),
    speakingTimes: await rows('speakingTimes'),
    cardPhotos: await rows('cardPhotos'),
  }
}
