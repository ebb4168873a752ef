/**
 * Gathers what the minutes of one snapshot are built from: the snapshot's board, the workshop's
 * other snapshots (phase changes mark the agenda), who had joined by then (attendance), and the
 * server's other records: photo thumbnails, speaking times and the event log's integrity line.
 */
import * as Y from 'yjs'
import {
  buildMinutesData,
  type MinutesData,
  type MinutesIntegrity,
  type MinutesPerson,
  type MinutesSpeech,
} from '../../shared/minutes/minutes-data.ts'
import type { Db } from '../db/open-database.ts'
import type { SnapshotStore } from '../snapshots/snapshot-store.ts'
import type { Workshop } from '../workshops/workshop-store.ts'

export interface MinutesOptions {
  /**
   * The instance allows participants' names in the minutes. There is no instance setting for it
   * yet, so the routes pass false: counts by role only.
   */
  attendanceNames: boolean
  /** A card's photo thumbnail of a version, as a data: URI (PhotoStore.thumbnailUri). */
  photoThumbnail?: (cardId: string, version: string) => string | null
  /** Speaking times up to the snapshot's time (HandService.speeches). */
  speeches?: (until: number) => MinutesSpeech[]
  /** The event log's line for the snapshot (AuditService.integrityOf). */
  integrity?: (snapshotId: string) => MinutesIntegrity | null
}

/** Everyone who had joined the workshop by a moment (removed people took part too). */
export function peopleUntil(db: Db, workshopId: string, until: number): MinutesPerson[] {
  return db
    .prepare(
      `SELECT name, role FROM participants WHERE workshop_id = ? AND created_at <= ?
        ORDER BY created_at, rowid`,
    )
    .all(workshopId, until) as MinutesPerson[]
}

export function loadMinutes(
  deps: { db: Db; snapshots: SnapshotStore },
  workshop: Workshop,
  snapshotId: string | undefined,
  options: MinutesOptions,
): MinutesData | null {
  const snapshot = deps.snapshots.get(workshop.id, snapshotId)
  if (!snapshot) return null
  const board = new Y.Doc()
  try {
    Y.applyUpdate(board, snapshot.state)
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
      marks: deps.snapshots
        .list(workshop.id)
        .map((s) => ({ id: s.id, phase: s.phase, label: s.label, at: s.createdAt })),
      people: peopleUntil(deps.db, workshop.id, snapshot.createdAt),
      attendanceNames: options.attendanceNames,
      ...(options.photoThumbnail ? { photoThumbnail: options.photoThumbnail } : {}),
      speeches: options.speeches?.(snapshot.createdAt) ?? [],
      integrity: options.integrity?.(snapshot.id) ?? null,
    })
  } finally {
    board.destroy()
  }
}
