/**
 * Visible, recorded moderation: hiding a card (its text leaves the board, its reason stays in the
 * minutes) and the approval queue, in which new participant cards wait until the facilitator
 * lets them through. While private writing is on, the queue is closed to the facilitator too.
 */
import { Hono } from 'hono'
import * as Y from 'yjs'
import { z } from 'zod'
import { applyTextDiff } from '../../shared/board/card-ops.ts'
import { readFacilitation } from '../../shared/board/facilitation.ts'
import { FIELD, notesOf } from '../../shared/board/schema.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { requireFacilitatorOf } from '../auth/require.ts'
import { badRequest, forbidden, notFound } from '../http/http-error.ts'
import { readJson } from '../http/read-json.ts'

const hideBody = z
  .object({ reason: z.string().trim().min(1, 'Bitte einen Grund angeben.').max(300) })
  .strict()
const approveBody = z
  .object({ participantId: z.string().min(1).max(64), cardId: z.string().min(1).max(64) })
  .strict()

export function moderationRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  app.post('/:id/cards/:cardId/hide', async (c) => {
    const access = requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const { reason } = await readJson(c, hideBody)
    const cardId = c.req.param('cardId')
    const workshopId = access.workshop.id
    const hidden = deps.sync.rooms.withBoard(workshopId, (board) => {
      const card = notesOf(board.doc).get(cardId)
      if (!card) throw notFound('No such card.')
      if (card.get(FIELD.hidden)) throw badRequest('This card is hidden already.', 'already-hidden')
      const text = card.get(FIELD.text)
      const original = text instanceof Y.Text ? text.toString() : ''
      const authorId = card.get(FIELD.authorId)
      deps.db
        .prepare(
          `INSERT INTO hidden_cards (workshop_id, card_id, text, author_id, reason, hidden_by, hidden_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          workshopId,
          cardId,
          original,
          typeof authorId === 'string' ? authorId : null,
          reason,
          access.name,
          Date.now(),
        )
      board.doc.transact(() => {
        card.set(FIELD.hidden, { reason, by: access.name, at: Date.now() })
        if (text instanceof Y.Text) applyTextDiff(text, '')
      })
      return { cardId, reason }
    })
    deps.logger.info({ workshop: workshopId, card: cardId }, 'card hidden')
    return c.json(hidden)
  })

  app.get('/:id/pending', (c) => {
    const { workshop } = requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const settings = deps.sync.rooms.withBoard(workshop.id, (board) => readFacilitation(board.doc))
    if (settings.privateWriting)
      throw forbidden('Private writing is on: cards stay private until the reveal.')
    const people = deps.workshops.writers(workshop.id)
    const names = new Map(people.map((p) => [p.id, p.name]))
    const held = deps.sync.rooms.held(
      workshop.id,
      people.map((p) => p.id),
    )
    return c.json({ pending: held.map((card) => ({ ...card, name: names.get(card.participantId) ?? '' })) })
  })

  app.post('/:id/pending/approve', async (c) => {
    const { workshop } = requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const body = await readJson(c, approveBody)
    const participant = deps.workshops.participant(body.participantId)
    if (!participant || participant.workshopId !== workshop.id || participant.removed) {
      throw notFound('No such participant.')
    }
    const approved = deps.sync.rooms.approve(workshop.id, participant.id, body.cardId)
    if (!approved) throw notFound('No such card waiting for approval.')
    return c.json({ approved: body.cardId })
  })

  return app
}
