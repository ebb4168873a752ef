/**
 * Photos of paper cards (`card_photos`; async, on either storage engine). Every version is kept:
 * a snapshot's card names the version it had, so the minutes of an older snapshot show that
 * photo. A version is its content's hash, so saving one twice keeps the first. They go with
 * their workshop (foreign key, on delete cascade).
 */
import type { SqlDatabase } from '../db/sql-database.ts'
import type { ResizedPhoto } from './resize-photo.ts'

export interface StoredPhoto {
  image: Uint8Array
  width: number
  height: number
}

export class PhotoStore {
  constructor(private readonly db: SqlDatabase) {}

  async save(
    workshopId: string,
    cardId: string,
    photo: ResizedPhoto,
    uploadedBy: string,
    at = Date.now(),
  ): Promise<void> {
    await this.db.run(
      `INSERT INTO card_photos
         (workshop_id, card_id, version, image, width, height, thumbnail, uploaded_by, uploaded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
      [
        workshopId,
        cardId,
        photo.version,
        photo.image,
        photo.width,
        photo.height,
        photo.thumbnail,
        uploadedBy,
        at,
      ],
    )
  }

  async get(workshopId: string, cardId: string, version: string): Promise<StoredPhoto | null> {
    const row = await this.db.get<StoredPhoto>(
      'SELECT image, width, height FROM card_photos WHERE workshop_id = ? AND card_id = ? AND version = ?',
      [workshopId, cardId, version],
    )
    return row ?? null
  }

  /** The thumbnail as a data: URI, for exported minutes; null when none is stored. */
  async thumbnailUri(workshopId: string, cardId: string, version: string): Promise<string | null> {
    const row = await this.db.get<{ thumbnail: Uint8Array }>(
      'SELECT thumbnail FROM card_photos WHERE workshop_id = ? AND card_id = ? AND version = ?',
      [workshopId, cardId, version],
    )
    return row ? `data:image/jpeg;base64,${Buffer.from(row.thumbnail).toString('base64')}` : null
  }
}
