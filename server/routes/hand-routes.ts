/**
 * Raised hands over HTTP: parse, authorize, answer. The rules (who may raise for whom, the queue,
 * the speaking record) are the hands domain's (server/hands/hand-service.ts).
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { HandRequest, HandsResponse } from '../../shared/api/contract.ts'
import { HAND_LIMITS } from '../../shared/board/hands.ts'
import { GROUPS } from '../../shared/policy/roles.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { requireFacilitatorOf, requireMember } from '../auth/require.ts'
import type { HandRefusal } from '../hands/hand-service.ts'
import { bodySchema } from '../http/body-schema.ts'
import { badRequest, HttpError } from '../http/http-error.ts'
import { readJson } from '../http/read-json.ts'

const handBody = bodySchema<HandRequest>()(
  z
    .object({
      raised: z.boolean(),
      for: z.string().trim().min(1, 'Bitte einen Namen angeben.').max(HAND_LIMITS.nameLength).optional(),
      group: z.enum(GROUPS).optional(),
      id: z.string().min(1).max(64).optional(),
    })
    .strict()
    .refine((b) => b.id === undefined || (!b.raised && b.for === undefined), {
      message: 'id only lowers one entry: with raised false and without `for`.',
      path: ['id'],
    })
    .refine((b) => b.group === undefined || b.for !== undefined, {
      message: 'group is only for a hand raised for someone else (`for`).',
      path: ['group'],
    }),
)

const REFUSED: Record<HandRefusal, () => Error> = {
  observer: () => new HttpError(403, 'observer-hand', 'Observers cannot ask for the floor.'),
  'not-for-others': () =>
    new HttpError(403, 'hand-for-others', 'Only assistants and facilitators raise hands for others.'),
  'queue-full': () => new HttpError(409, 'queue-full', `The queue is full (${HAND_LIMITS.queue}).`),
  'empty-name': () => badRequest('Please give a name.', 'empty-name'),
}

export function handRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  app.get('/:id/hands', async (c) => {
    const access = await requireMember(c, deps.workshops, c.req.param('id'))
    return c.json({
      hands: await deps.hands.state(access.workshop.id),
      now: Date.now(),
    } satisfies HandsResponse)
  })

  app.post('/:id/hands', async (c) => {
    const access = await requireMember(c, deps.workshops, c.req.param('id'))
    const body = await readJson(c, handBody)
    const now = Date.now()
    const result = await deps.hands.raise(access.workshop.id, access, body, now)
    if (!result.ok) throw REFUSED[result.reason]()
    return c.json({ hands: result.hands, now } satisfies HandsResponse)
  })

  app.post('/:id/hands/next', async (c) => {
    const access = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const now = Date.now()
    return c.json({ hands: await deps.hands.next(access.workshop.id, now), now } satisfies HandsResponse)
  })

  app.post('/:id/hands/done', async (c) => {
    const access = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const now = Date.now()
    return c.json({ hands: await deps.hands.done(access.workshop.id, now), now } satisfies HandsResponse)
  })

  return app
}
