/**
 * Photos of paper cards: the assistant who entered a card (or a facilitator) uploads a photo of
 * the paper original; the server resizes it, stores it and writes its version into the card's
 * server-only `photo` field, so every screen shows it. Members read it. The upload has its own
 * body limit (PHOTO_MAX_BYTES); the app's 64 KiB limit skips exactly this route (`isPhotoUpload`).
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import * as Y from 'yjs'
import {
  PHOTO_MAX_BYTES,
  PHOTO_TYPES,
  type PhotoType,
  type PhotoUploadResponse,
} from '../../shared/api/photos.ts'
import { FIELD, notesOf, readCard } from '../../shared/board/schema.ts'
import { mayAttachPhoto } from '../../shared/policy/permissions.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { requireMember } from '../auth/require.ts'
import { badRequest, forbidden, HttpError, notFound } from '../http/http-error.ts'
import { PhotoStore } from '../photos/photo-store.ts'
import { BadImage, resizePhoto } from '../photos/resize-photo.ts'

const UPLOAD_PATH = /^\/api\/workshops\/[^/]+\/cards\/[^/]+\/photo$/

/** The one request the app-wide body limit leaves to this route's own. */
export function isPhotoUpload(method: string, path: string): boolean {
  return method === 'POST' && UPLOAD_PATH.test(path)
}

const tooLarge = () =>
  new HttpError(413, 'payload-too-large', `Photos are limited to ${PHOTO_MAX_BYTES / 1024 / 1024} MiB.`)

/** What the rules need of a board card; null when it is not on the board. */
function cardFacts(board: Y.Doc, cardId: string) {
  const map = notesOf(board).get(cardId)
  if (!(map instanceof Y.Map)) return null
  const card = readCard(cardId, map)
  return { enteredBy: card.enteredBy, hidden: card.hidden !== null, photo: card.photo }
}

export function photoRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const photos = new PhotoStore(deps.sql)

  app.post(
    '/:id/cards/:cardId/photo',
    bodyLimit({
      maxSize: PHOTO_MAX_BYTES,
      onError: () => {
        throw tooLarge()
      },
    }),
    async (c) => {
      const access = await requireMember(c, deps.workshops, c.req.param('id'))
      const workshopId = access.workshop.id
      const cardId = c.req.param('cardId')
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
      if (!(PHOTO_TYPES as readonly string[]).includes(type as PhotoType)) {
        throw new HttpError(
          415,
          'unsupported-media-type',
          'Send the photo as image/jpeg, image/png or image/webp.',
        )
      }
      const actor = {
        participantId: access.participantId,
        role: access.role,
        isFacilitator: access.isFacilitator,
      }
      const facts = await deps.sync.readBoard(workshopId, (board) => cardFacts(board, cardId))
      if (!facts) throw notFound('No such card on the board.')
      if (!mayAttachPhoto(actor, facts)) {
        throw forbidden('Only the assistant who entered this card, or a facilitator, can attach its photo.')
      }
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      if (bytes.byteLength > PHOTO_MAX_BYTES) throw tooLarge()
      if (bytes.byteLength === 0) throw badRequest('The photo is empty.', 'photo-empty')
      let photo: Awaited<ReturnType<typeof resizePhoto>>
      try {
        photo = await resizePhoto(bytes)
      } catch (err) {
        if (err instanceof BadImage) throw badRequest(err.message, 'photo-unreadable')
        throw err
      }
      await photos.save(workshopId, cardId, photo, access.name)
      // Resizing took a while: the card may have been hidden or deleted meanwhile.
      const attached = await deps.sync.changeBoard(workshopId, (board) => {
        const map = notesOf(board).get(cardId)
        if (!(map instanceof Y.Map) || map.get(FIELD.hidden)) return false
        if (map.get(FIELD.photo) !== photo.version) map.set(FIELD.photo, photo.version)
        return true
      })
      if (!attached) throw notFound('The card left the board while its photo was processed.')
      deps.logger.info(
        {
          workshop: workshopId,
          card: cardId,
          participant: access.participantId,
          bytes: photo.image.byteLength,
        },
        'card photo attached',
      )
      return c.json(
        {
          cardId,
          photo: photo.version,
          width: photo.width,
          height: photo.height,
        } satisfies PhotoUploadResponse,
        201,
      )
    },
  )

  app.get('/:id/cards/:cardId/photo', async (c) => {
    const access = await requireMember(c, deps.workshops, c.req.param('id'))
    const cardId = c.req.param('cardId')
    const facts = await deps.sync.readBoard(access.workshop.id, (board) => cardFacts(board, cardId))
    // Only the photo the board shows now; a hidden card's photo would show its text.
    if (!facts || facts.hidden || !facts.photo) throw notFound('This card has no photo.')
    const wanted = c.req.query('v')
    if (wanted !== undefined && wanted !== facts.photo) throw notFound('This card has another photo now.')
    const stored = await photos.get(access.workshop.id, cardId, facts.photo)
    if (!stored) throw notFound('This card has no photo.')
    return c.body(new Uint8Array(stored.image), 200, {
      'content-type': 'image/jpeg',
      // With its version in the address the photo never changes; without, it may any time.
      'cache-control': wanted === undefined ? 'private, no-cache' : 'private, max-age=86400, immutable',
      etag: `"${facts.photo}"`,
    })
  })

  return app
}
