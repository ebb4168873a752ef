/**
 * A facilitator's hold on the room: who is in it and with which role, removing people, and
 * the reveal of privately written cards. Changes take effect on open connections at once.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type {
  HeldCounts,
  ParticipantsResponse,
  RevealResponse,
  RoleChangeRequest,
  RoleChangeResponse,
} from '../../shared/api/contract.ts'
import { ACCOUNT_ROLES, GUEST_ROLES, ROLES } from '../../shared/policy/roles.ts'
import { CLOSE } from '../../shared/protocol/close-codes.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { actorOf } from '../audit/audit-service.ts'
import { requireFacilitatorOf } from '../auth/require.ts'
import { bodySchema } from '../http/body-schema.ts'
import { badRequest, HttpError, notFound } from '../http/http-error.ts'
import { readJson } from '../http/read-json.ts'
import type { Participant } from '../workshops/workshop-store.ts'

const roleChange = bodySchema<RoleChangeRequest>()(z.object({ role: z.enum(ROLES) }).strict())

export function participantRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  /** A participant of this workshop whom a facilitator may change: not the owner, not removed. */
  const target = async (workshopId: string, ownerId: string, participantId: string): Promise<Participant> => {
    const participant = await deps.workshops.participant(participantId)
    if (!participant || participant.workshopId !== workshopId || participant.removed) {
      throw notFound('No such participant.')
    }
    if (participant.userId === ownerId)
      throw new HttpError(403, 'owner-keeps-role', 'The workshop’s owner keeps their role.')
    return participant
  }

  app.get('/:id/participants', async (c) => {
    const { workshop } = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const all = await deps.workshops.participants(workshop.id)
    const connections = deps.sync.connectionCounts(workshop.id)
    const participants = all.map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      account: p.userId !== null,
      owner: p.userId === workshop.ownerId,
      removed: p.removed,
      connections: connections.get(p.id) ?? 0,
    }))
    return c.json({ participants } satisfies ParticipantsResponse)
  })

  app.patch('/:id/participants/:pid', async (c) => {
    const { workshop, ...me } = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const body = await readJson(c, roleChange)
    const participant = await target(workshop.id, workshop.ownerId, c.req.param('pid'))
    const allowed = participant.userId ? ACCOUNT_ROLES : GUEST_ROLES
    if (!allowed.includes(body.role)) throw badRequest('Guests take part as citizen, assistant or observer.')
    await deps.workshops.setRole(participant.id, body.role)
    await deps.audit.record(workshop.id, 'participant.role-changed', actorOf(me), {
      participant: participant.id,
      from: participant.role,
      to: body.role,
    })
    const closed = deps.sync.closeParticipant(workshop.id, participant.id, CLOSE.roleChanged)
    deps.logger.info(
      { workshop: workshop.id, participant: participant.id, role: body.role, closed },
      'role changed',
    )
    return c.json({ id: participant.id, role: body.role } satisfies RoleChangeResponse)
  })

  app.delete('/:id/participants/:pid', async (c) => {
    const { workshop, ...me } = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const participant = await target(workshop.id, workshop.ownerId, c.req.param('pid'))
    await deps.workshops.remove(participant.id)
    await deps.audit.record(workshop.id, 'participant.removed', actorOf(me), { participant: participant.id })
    const closed = deps.sync.closeParticipant(workshop.id, participant.id, CLOSE.removed)
    deps.logger.info({ workshop: workshop.id, participant: participant.id, closed }, 'participant removed')
    return c.body(null, 204)
  })

  // Polled every 2 s by facilitator panels: counts from the card records, no desk is loaded.
  // `count`: private cards held; `waiting`: cards in the approval queue.
  app.get('/:id/private', async (c) => {
    const { workshop } = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    return c.json((await deps.sync.heldCounts(workshop.id)) satisfies HeldCounts)
  })

  app.post('/:id/reveal', async (c) => {
    const { workshop } = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const revealed = await deps.sync.reveal(workshop.id)
    return c.json({ revealed } satisfies RevealResponse)
  })

  return app
}
