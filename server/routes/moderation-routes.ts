/**
 * Visible, recorded moderation: hiding a card (its text leaves the board, its reason stays in the
 * minutes and as a server record the author's desk cannot erase) and the approval queue, in
 * which new participant cards wait until the facilitator lets them through or turns them down.
 * The queue lists only cards recorded as waiting for approval, never private drafts; switching
 * approval off leaves the waiting cards in it.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type {
  ApproveRequest,
  ApproveResponse,
  HideRequest,
  HideResponse,
  PendingResponse,
  PlacementRefusal,
  RejectRequest,
  RejectResponse,
} from '../../shared/api/contract.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { actorOf } from '../audit/audit-service.ts'
import { requireFacilitatorOf } from '../auth/require.ts'
import { bodySchema } from '../http/body-schema.ts'
import { badRequest, HttpError, notFound } from '../http/http-error.ts'
import { readJson } from '../http/read-json.ts'

const reasonField = z.string().trim().min(1, 'Bitte einen Grund angeben.').max(300)
const hideBody = bodySchema<HideRequest>()(z.object({ reason: reasonField }).strict())
const cardRef = { participantId: z.string().min(1).max(64), cardId: z.string().min(1).max(64) }
const approveBody = bodySchema<ApproveRequest>()(z.object(cardRef).strict())
const rejectBody = bodySchema<RejectRequest>()(z.object({ ...cardRef, reason: reasonField }).strict())

export function moderationRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  app.post('/:id/cards/:cardId/hide', async (c) => {
    const access = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const { reason } = await readJson(c, hideBody)
    const cardId = c.req.param('cardId')
    const workshopId = access.workshop.id
    const hidden = await deps.sync.hideCard(workshopId, cardId, reason, access.name)
    if (!hidden.ok && hidden.reason === 'no-card') throw notFound('No such card.')
    if (!hidden.ok) throw badRequest('This card is hidden already.', 'already-hidden')
    deps.logger.info({ workshop: workshopId, card: cardId }, 'card hidden')
    // A hidden card takes no votes: points already on it go back to their voters.
    await deps.votes.withdrawCard(workshopId, cardId)
    return c.json({ cardId, reason } satisfies HideResponse)
  })

  app.get('/:id/pending', async (c) => {
    const { workshop } = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const names = new Map((await deps.workshops.participants(workshop.id)).map((p) => [p.id, p.name]))
    const pending = (await deps.sync.pending(workshop.id)).map((card) => ({
      ...card,
      name: names.get(card.participantId) ?? '',
    }))
    return c.json({ pending } satisfies PendingResponse)
  })

  const waitingParticipant = async (workshopId: string, participantId: string) => {
    const participant = await deps.workshops.participant(participantId)
    if (!participant || participant.workshopId !== workshopId || participant.removed) {
      throw notFound('No such participant.')
    }
    return participant
  }

  app.post('/:id/pending/approve', async (c) => {
    const { workshop, ...me } = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const body = await readJson(c, approveBody)
    const participant = await waitingParticipant(workshop.id, body.participantId)
    const approval = await deps.sync.approve(workshop.id, participant.id, body.cardId)
    if (!approval.ok && approval.reason === 'not-waiting')
      throw notFound('No such card waiting for approval.')
    if (!approval.ok) {
      // The desk rules' refusal codes (server/sync/desk-card-rules.ts answers them as strings).
      const code = approval.reason as PlacementRefusal
      throw new HttpError(409, code, `The card cannot be placed: ${code}.`)
    }
    await deps.audit.record(workshop.id, 'card.approved', actorOf(me), {
      card: body.cardId,
      author: participant.id,
    })
    return c.json({ approved: body.cardId } satisfies ApproveResponse)
  })

  app.post('/:id/pending/reject', async (c) => {
    const access = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const body = await readJson(c, rejectBody)
    const participant = await waitingParticipant(access.workshop.id, body.participantId)
    if (
      !(await deps.sync.reject(access.workshop.id, participant.id, body.cardId, body.reason, access.name))
    ) {
      throw notFound('No such card waiting for approval.')
    }
    deps.logger.info({ workshop: access.workshop.id, card: body.cardId }, 'card rejected')
    return c.json({ rejected: body.cardId, reason: body.reason } satisfies RejectResponse)
  })

  return app
}
