/**
 * Running the script: moving between phases (each transition reveals the held private cards and
 * stores a snapshot named after the phase that ends) and the shared timer, which counts in server
 * time so every screen agrees.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { PhaseRequest, PhaseResponse, TimerRequest, TimerResponse } from '../../shared/api/contract.ts'
import { applyPhase, readFacilitation, setTimer, timerRemainingMs } from '../../shared/board/facilitation.ts'
import { readScript } from '../../shared/script/script-schema.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
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
    const access = requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const { phaseId } = await readJson(c, phaseBody)
    const workshopId = access.workshop.id
    const { from, to } = deps.sync.readBoard(workshopId, (board) => {
      const script = readScript(board)
      const next = script.find((p) => p.id === phaseId)
      if (!next) throw notFound('No such phase in this workshop’s script.')
      const current = script.find((p) => p.id === readFacilitation(board).phaseId) ?? null
      return { from: current, to: next }
    })
    // Private writing ends with its phase: the held cards are revealed (the same path as
    // POST /reveal) so none is stranded, and the ending phase's snapshot holds them.
    deps.sync.reveal(workshopId)
    // The snapshot holds the board as the phase that ends left it.
    const state = await deps.sync.boardState(workshopId)
    // No transition without its snapshot: the phase stays as it is until the server can store.
    if (!state) throw storageFailing(deps.sync.storageFailure?.message ?? 'writes are not completing')
    deps.snapshots.create({
      workshopId,
      label: from ? from.name : `Vor ${to.name}`,
      phase: from?.id ?? null,
      createdBy: access.name,
      state,
    })
    deps.sync.changeBoard(workshopId, (board) => applyPhase(board, to))
    deps.logger.info({ workshop: workshopId, from: from?.id ?? null, to: to.id }, 'phase changed')
    return c.json({ phaseId: to.id } satisfies PhaseResponse)
  })

  app.post('/:id/timer', async (c) => {
    const access = requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const { action, seconds } = await readJson(c, timerBody)
    const now = Date.now()
    const timer = deps.sync.changeBoard(access.workshop.id, (board) => {
      const current = readFacilitation(board).timer
      const remaining = timerRemainingMs(current, now)
      const durationMs = current.durationMs
      let next = current
      if (action === 'start') {
        const ms = seconds ? seconds * 1000 : remaining
        if (ms <= 0) throw badRequest('Set a duration: the timer has no time left.')
        next = { status: 'running', endsAt: now + ms, durationMs: seconds ? ms : durationMs }
      } else if (action === 'pause') {
        if (current.status !== 'running') throw badRequest('The timer is not running.')
        next = { status: 'paused', remainingMs: remaining, durationMs }
      } else if (action === 'extend') {
        const add = (seconds ?? 60) * 1000
        next =
          current.status === 'running'
            ? { ...current, endsAt: current.endsAt + add }
            : current.status === 'paused'
              ? { ...current, remainingMs: current.remainingMs + add }
              : { status: 'idle', durationMs: durationMs + add }
      } else {
        next = { status: 'idle', durationMs }
      }
      setTimer(board, next)
      return next
    })
    return c.json({ timer, now } satisfies TimerResponse)
  })

  return app
}
