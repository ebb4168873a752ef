/**
 * Running the script over HTTP: parse, authorize, answer. The rules of transitions and the timer
 * are the phases domain's (server/phases/).
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { PhaseRequest, PhaseResponse, TimerRequest, TimerResponse } from '../../shared/api/contract.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { actorOf } from '../audit/audit-service.ts'
import { requireFacilitatorOf } from '../auth/require.ts'
import { bodySchema } from '../http/body-schema.ts'
import { badRequest, notFound, storageFailing } from '../http/http-error.ts'
import { readJson } from '../http/read-json.ts'

const phaseBody = bodySchema<PhaseRequest>()(z.object({ phaseId: z.string().min(1).max(64) }).strict())
const timerBody = bodySchema<TimerRequest>()(
  z
    .object({
      action: z.enum(['start', 'pause', 'extend', 'reset']),
      seconds: z
        .number()
        .int()
        .min(1)
        .max(6 * 3600)
        .optional(),
    })
    .strict(),
)

export function phaseRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  app.post('/:id/phase', async (c) => {
    const access = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const { phaseId } = await readJson(c, phaseBody)
    const changed = await deps.phases.change(access.workshop.id, phaseId, access.name, actorOf(access))
    if (!changed.ok) {
      if (changed.reason === 'no-such-phase') throw notFound('No such phase in this workshop’s script.')
      throw storageFailing(deps.sync.storageFailure?.message ?? 'writes are not completing')
    }
    return c.json({ phaseId: changed.to.id } satisfies PhaseResponse)
  })

  app.post('/:id/timer', async (c) => {
    const access = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const { action, seconds } = await readJson(c, timerBody)
    const now = Date.now()
    const timer = await deps.phases.timer(access.workshop.id, action, seconds, now)
    if (timer === 'timer-no-time-left')
      throw badRequest('Set a duration: the timer has no time left.', 'timer-no-time-left')
    if (timer === 'timer-not-running') throw badRequest('The timer is not running.', 'timer-not-running')
    return c.json({ timer, now } satisfies TimerResponse)
  })

  return app
}
