/**
 * Photos of paper cards in SQLite (`card_photos`). Every version is kept: a snapshot's card names
 * the version it had, so the minutes of an older snapshot show that photo. They go with their
 * workshop (foreign key, on delete cascade).
 */
import type { Db } from '../db/open-database.ts'
import type { ResizedPhoto } from './resize-photo.ts'

export interface StoredPhoto {
  image: Buffer
  width: number
  height: number
}

export class PhotoStore {
  constructor(private readonly db: Db) {}

  save(workshopId: string, cardId: string, photo: ResizedPhoto, uploadedBy: string, at = Date.now()): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO card_photos
           (workshop_id, card_id, version, image, width, height, thumbnail, uploaded_by, uploaded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        workshopId,
        cardId,
        photo.version,
        photo.image,
        photo.width,
        photo.height,
        photo.thumbnail,
        uploadedBy,
        at,
      )
  }

  get(workshopId: string, cardId: string, version: string): StoredPhoto | null {
    const row = this.db
      .prepare(
        'SELECT image, width, height FROM card_photos WHERE workshop_id = ? AND card_id = ? AND version = ?',
      )
      .get(workshopId, cardId, version) as StoredPhoto | undefined
    return row ?? null
  }

  /** The thumbnail as a data: URI, for exported minutes; null when none is stored. */
  thumbnailUri(workshopId: string, cardId: string, version: string): string | null {
    const row = this.db
      .prepare('SELECT thumbnail FROM card_photos WHERE workshop_id = ? AND card_id = ? AND version = ?')
      .get(workshopId, cardId, version) as { thumbnail: Buffer } | undefined
    return row ? `data:image/jpeg;base64,${row.thumbnail.toString('base64')}` : null
  }
}
