/**
 * Turns an uploaded photo of a paper card into what is stored: turned upright by its EXIF
 * orientation, at most PHOTO_MAX_SIDE pixels on its longest side, a JPEG at quality 80 with no
 * metadata (sharp writes none unless asked, so the camera's location and time are gone), plus a
 * small thumbnail for exported minutes. The version is a hash of the stored bytes.
 */
import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { PHOTO_MAX_SIDE } from '../../shared/api/photos.ts'

/** What the server accepts as decoded, whatever the request claimed. */
const FORMATS = new Set(['jpeg', 'png', 'webp'])
/** Pixels sharp may decode: a phone photo has about 50 million at most; a decompression bomb more. */
const MAX_INPUT_PIXELS = 80_000_000
const THUMBNAIL_SIDE = 320

export class BadImage extends Error {
  override name = 'BadImage'
}

export interface ResizedPhoto {
  image: Buffer
  width: number
  height: number
  thumbnail: Buffer
  version: string
}

export async function resizePhoto(bytes: Uint8Array): Promise<ResizedPhoto> {
  const input = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
  let format: string | undefined
  try {
    format = (await input.metadata()).format
  } catch {
    throw new BadImage('The body is not an image the server can read.')
  }
  if (!format || !FORMATS.has(format)) throw new BadImage('Send a JPEG, PNG or WebP image.')
  try {
    const { data, info } = await input
      .rotate()
      .resize(PHOTO_MAX_SIDE, PHOTO_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer({ resolveWithObject: true })
    const thumbnail = await sharp(data)
      .resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 70 })
      .toBuffer()
    const version = createHash('sha256').update(data).digest('hex').slice(0, 16)
    return { image: data, width: info.width, height: info.height, thumbnail, version }
  } catch (err) {
    throw new BadImage(`The image could not be processed: ${(err as Error).message}`)
  }
}
