/**
 * Compares the minutes two copies of an instance would print: for every workshop, the minutes
 * of every snapshot, built from each database's own records (board, agenda marks, attendance,
 * photos, speaking times). Used after copying SQLite to PostgreSQL (copy-to-postgres.ts): the
 * copy is right when no minutes differ. The event log's integrity line is left out on both
 * sides; the log itself is compared row for row by the copy's table check.
 */
import type { MinutesData } from '../../shared/minutes/minutes-data.ts'
import type { SqlDatabase } from '../db/sql-database.ts'
import { speechesUntil } from '../hands/hand-service.ts'
import { SpeakingStore } from '../hands/speaking-store.ts'
import { PhotoStore } from '../photos/photo-store.ts'
import { SnapshotStore } from '../snapshots/snapshot-store.ts'
import { WorkshopStore } from '../workshops/workshop-store.ts'
import { loadMinutes } from './minutes-source.ts'

export interface MinutesComparison {
  workshops: number
  snapshots: number
  /** `workshopId/snapshotId` of each minutes that differ or are missing on one side. */
  different: string[]
}

function minutesOf(db: SqlDatabase) {
  const workshops = new WorkshopStore(db)
  // Read only: no event log to record new snapshots in.
  const snapshots = new SnapshotStore(db)
  const photos = new PhotoStore(db)
  const speaking = new SpeakingStore(db)
  return {
    snapshots,
    async build(workshopId: string, snapshotId: string): Promise<MinutesData | null> {
      const workshop = await workshops.byId(workshopId)
      if (!workshop) return null
      return loadMinutes({ sql: db, snapshots }, workshop, snapshotId, {
        attendanceNames: true,
        photoThumbnail: (cardId, version) => photos.thumbnailUri(workshopId, cardId, version),
        speeches: async (until) => speechesUntil(await speaking.list(workshopId, until), until),
      })
    },
  }
}

export async function compareMinutes(from: SqlDatabase, to: SqlDatabase): Promise<MinutesComparison> {
  const source = minutesOf(from)
  const target = minutesOf(to)
  const ids = await from.all<{ id: string }>('SELECT id FROM workshops')
  const result: MinutesComparison = { workshops: ids.length, snapshots: 0, different: [] }
  for (const { id } of ids) {
    for (const snapshot of await source.snapshots.list(id)) {
      result.snapshots++
      const [a, b] = await Promise.all([source.build(id, snapshot.id), target.build(id, snapshot.id)])
      if (a === null || b === null || JSON.stringify(a) !== JSON.stringify(b))
        result.different.push(`${id}/${snapshot.id}`)
    }
  }
  return result
}
