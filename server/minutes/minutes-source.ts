/**
 * Gathers what the minutes of one snapshot are built from: the snapshot's board, the workshop's
 * other snapshots (phase changes mark the agenda), who had joined by then (attendance), and the
 * server's other records: photo thumbnails, speaking times and the event log's integrity line.
 * The stores are read (async) before the minutes are built, which is pure.
 */
import * as Y from 'yjs'
import { readCards } from '../../shared/board/schema.ts'
import {
  buildMinutesData,
  type MinutesData,
  type MinutesIntegrity,
  type MinutesPerson,
  type MinutesSpeech,
} from '../../shared/minutes/minutes-data.ts'
import type { SqlQueries } from '../db/sql-database.ts'
import type { SnapshotStore } from '../snapshots/snapshot-store.ts'
import type { Workshop } from '../workshops/workshop-store.ts'

export interface MinutesOptions {
  /**
   * The instance allows participants' names in the minutes. There is no instance setting for it
   * yet, so the routes pass false: counts by role only.
   */
  attendanceNames: boolean
  /** A card's photo thumbnail of a version, as a data: URI (PhotoStore.thumbnailUri). */
  photoThumbnail?: (cardId: string, version: string) => Promise<string | null>
  /** Speaking times up to the snapshot's time (HandService.speeches). */
  speeches?: (until: number) => Promise<MinutesSpeech[]>
  /** The event log's line for the snapshot (AuditService.integrityOf). */
  integrity?: (snapshotId: string) => Promise<MinutesIntegrity | null>
}

/** Everyone who had joined the workshop by a moment (removed people took part too). */
export function peopleUntil(db: SqlQueries, workshopId: string, until: number): Promise<MinutesPerson[]> {
  return db.all<MinutesPerson>(
    `SELECT name, role FROM participants WHERE workshop_id = ? AND created_at <= ?
      ORDER BY created_at, id`,
    [workshopId, until],
  )
}

/** The thumbnails of the photos the board's cards show, by `cardId/version`. */
async function thumbnailsOf(
  board: Y.Doc,
  thumbnail: NonNullable<MinutesOptions['photoThumbnail']>,
): Promise<Map<string, string | null>> {
  const found = new Map<string, string | null>()
  for (const card of readCards(board))
    if (card.photo) found.set(`${card.id}/${card.photo}`, await thumbnail(card.id, card.photo))
  return found
}

export async function loadMinutes(
  deps: { sql: SqlQueries; snapshots: SnapshotStore },
  workshop: Workshop,
  snapshotId: string | undefined,
  options: MinutesOptions,
): Promise<MinutesData | null> {
  const snapshot = await deps.snapshots.get(workshop.id, snapshotId)
  if (!snapshot) return null
  const board = new Y.Doc()
  try {
    Y.applyUpdate(board, snapshot.state)
    const thumbnails = options.photoThumbnail ? await thumbnailsOf(board, options.photoThumbnail) : null
    const marks = (await deps.snapshots.list(workshop.id)).map((s) => ({
      id: s.id,
      phase: s.phase,
      label: s.label,
      at: s.createdAt,
    }))
    const people = await peopleUntil(deps.sql, workshop.id, snapshot.createdAt)
    const speeches = (await options.speeches?.(snapshot.createdAt)) ?? []
    const integrity = (await options.integrity?.(snapshot.id)) ?? null
    return buildMinutesData(board, {
      workshop: {
        id: workshop.id,
        title: workshop.title,
        createdAt: workshop.createdAt,
        template: workshop.template,
      },
      snapshot: {
        id: snapshot.id,
        label: snapshot.label,
        createdAt: snapshot.createdAt,
        createdBy: snapshot.createdBy,
      },
      marks,
      people,
      attendanceNames: options.attendanceNames,
      ...(thumbnails
        ? {
            photoThumbnail: (cardId: string, version: string) =>
              thumbnails.get(`${cardId}/${version}`) ?? null,
          }
        : {}),
      speeches,
      integrity,
    })
  } finally {
    board.destroy()
  }
}
