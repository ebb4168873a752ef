/**
 * A closed workshop is read-only for everyone: every changing request under
 * `/api/workshops/:id/…` is refused with `409 workshop-closed`, in one place, before any route
 * runs, except what closing leaves possible: a snapshot on demand, continuing in a new workshop
 * from a snapshot (the closed one stays as it is), the deletion of a participant's data or of the
 * whole workshop. Reading (GET) is never refused.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-context.ts'
import type { WorkshopStore } from '../workshops/workshop-store.ts'
import { HttpError } from './http-error.ts'

const ALLOWED: readonly [string, RegExp][] = [
  ['POST', /\/api\/workshops\/[^/]+\/snapshots$/],
  ['POST', /\/api\/workshops\/[^/]+\/snapshots\/[^/]+\/continue$/],
  ['DELETE', /\/api\/workshops\/[^/]+$/],
  ['DELETE', /\/api\/workshops\/[^/]+\/participants\/[^/]+\/data$/],
]

export const workshopClosed = () =>
  new HttpError(409, 'workshop-closed', 'This workshop is closed: it can be read, no longer changed.')

export function closedGuard(workshops: WorkshopStore): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next()
    const match = /\/api\/workshops\/([^/]+)/.exec(c.req.path)
    const workshop = match?.[1] ? await workshops.byId(match[1]) : null
    if (!workshop || workshop.closedAt === null) return next()
    if (ALLOWED.some(([m, path]) => m === method && path.test(c.req.path))) return next()
    throw workshopClosed()
  }
}
