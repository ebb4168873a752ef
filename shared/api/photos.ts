/**
 * The HTTP contract of photos of paper cards: `POST /api/workshops/:id/cards/:cardId/photo` takes
 * the image bytes as the body (not JSON), `GET` on the same path answers the resized JPEG.
 */

/** Image types the upload takes (the `content-type` of the body). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export type PhotoType = (typeof PHOTO_TYPES)[number]

/** The largest upload: a phone's full-resolution photo. The app's other bodies stay at 64 KiB. */
export const PHOTO_MAX_BYTES = 8 * 1024 * 1024

/** The longest side of a stored photo, in pixels. */
export const PHOTO_MAX_SIDE = 1600

/** `201` of the upload: the card's new `photo` version and the stored size. */
export interface PhotoUploadResponse {
  cardId: string
  photo: string
  width: number
  height: number
}

/** The photo route of a card, with its version so a browser never shows a replaced photo. */
export function photoPath(workshopId: string, cardId: string, version?: string): string {
  const path = `/api/workshops/${encodeURIComponent(workshopId)}/cards/${encodeURIComponent(cardId)}/photo`
  return version ? `${path}?v=${encodeURIComponent(version)}` : path
}
