/**
 * Retention and data rights over HTTP: closing a workshop (its facilitators), deleting a
 * participant's data (facilitators, administrators), deleting a whole workshop (its owner,
 * administrators), and the instance's retention settings (administrators).
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type {
  CloseWorkshopResponse,
  ParticipantDataDeletedResponse,
  RetentionSettings,
} from '../../shared/api/contract.ts'
import { CLOSE } from '../../shared/protocol/close-codes.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { type AuditActor, actorOf, adminActor } from '../audit/audit-service.ts'
import { requireAdmin, requireFacilitatorOf, requirePrincipal } from '../auth/require.ts'
import { bodySchema } from '../http/body-schema.ts'
import { workshopClosed } from '../http/closed-guard.ts'
import { forbidden, HttpError, notFound } from '../http/http-error.ts'
import { readJson } from '../http/read-json.ts'
import { deleteParticipantData, deleteWorkshop } from '../retention/data-eraser.ts'
import { readRetention, writeRetention } from '../retention/retention-settings.ts'
import { closeWorkshop } from '../retention/workshop-closing.ts'
import type { Workshop } from '../workshops/workshop-store.ts'

const days = z.number().int().min(0).max(36_500).nullable()
const retentionBody = bodySchema<RetentionSettings>()(
  z
    .object({
      guestDays: days,
      hiddenTextDays: days,
      workshopDays: days,
      participantDeletion: z.enum(['pseudonymise', 'remove']),
    })
    .strict(),
)

type Ctx = Parameters<typeof requirePrincipal>[0]

export function retentionRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  /** An administrator (member or not), or a facilitator of the workshop (or only its owner). */
  const entitled = async (
    c: Ctx,
    id: string,
    ownerOnly: boolean,
  ): Promise<{ workshop: Workshop; actor: AuditActor }> => {
    const principal = requirePrincipal(c)
    if (principal.kind === 'user' && principal.user.isAdmin) {
      const workshop = await deps.workshops.byId(id)
      if (!workshop) throw notFound('No such workshop.')
      return { workshop, actor: adminActor(principal.user) }
    }
    const access = await requireFacilitatorOf(c, deps.workshops, id)
    if (ownerOnly && (principal.kind !== 'user' || access.workshop.ownerId !== principal.user.id))
      throw forbidden('Only the workshop’s owner or an administrator can delete it.')
    return { workshop: access.workshop, actor: actorOf(access) }
  }

  app.post('/workshops/:id/close', async (c) => {
    const access = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const closedAt = await closeWorkshop(deps, access.workshop.id, actorOf(access))
    if (closedAt === null) throw workshopClosed()
    deps.logger.info({ workshop: access.workshop.id }, 'workshop closed')
    return c.json({ closedAt } satisfies CloseWorkshopResponse)
  })

  app.delete('/workshops/:id/participants/:pid/data', async (c) => {
    const { workshop, actor } = await entitled(c, c.req.param('id'), false)
    const pid = c.req.param('pid')
    const participant = await deps.workshops.participant(pid)
    if (!participant || participant.workshopId !== workshop.id) throw notFound('No such participant.')
    if (participant.userId === workshop.ownerId)
      throw new HttpError(403, 'owner-data', 'The owner’s data goes with the workshop.')
    const mode = (await readRetention(deps.sql)).participantDeletion
    // Their sockets end, the rooms leave memory with all they accepted on disk, then the rewrite.
    deps.sync.closeParticipant(workshop.id, pid, CLOSE.removed)
    const done = await deps.sync.withWorkshopUnloaded(workshop.id, CLOSE.roomsRewritten, () =>
      deleteParticipantData(deps, workshop.id, pid, mode, actor),
    )
    if (!done) throw notFound('No such participant.')
    deps.logger.info({ workshop: workshop.id, participant: pid, mode }, 'participant data deleted')
    return c.json({ mode, cards: done.cards } satisfies ParticipantDataDeletedResponse)
  })

  app.delete('/workshops/:id', async (c) => {
    const { workshop, actor } = await entitled(c, c.req.param('id'), true)
    const deleted = await deps.sync.withWorkshopUnloaded(workshop.id, CLOSE.notFound, () =>
      deleteWorkshop(deps, workshop.id, actor, 'request'),
    )
    if (!deleted) throw notFound('No such workshop.')
    deps.logger.info({ workshop: workshop.id }, 'workshop deleted')
    return c.body(null, 204)
  })

  app.get('/settings/retention', async (c) => {
    requireAdmin(c)
    return c.json((await readRetention(deps.sql)) satisfies RetentionSettings)
  })

  app.put('/settings/retention', async (c) => {
    const admin = requireAdmin(c)
    const body = await readJson(c, retentionBody)
    const stored = await writeRetention(deps.sql, body)
    deps.logger.info({ ...stored, by: admin.id }, 'retention settings changed')
    return c.json(stored satisfies RetentionSettings)
  })

  return app
}
