/**
 * History: a snapshot's Yjs state for reading (the client renders it read-only), the difference
 * of two snapshots, and "continue from here", a new workshop from a snapshot. Reading is for the
 * workshop's facilitators and administrators; continuing makes the caller the new owner, so it
 * takes a facilitator of the workshop with a facilitator account (who may create workshops).
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { ContinueRequest, ContinueResponse, SnapshotDiffResponse } from '../../shared/api/contract.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { requireFacilitatorAccount, requireFacilitatorOf, requireRecordsOf } from '../auth/require.ts'
import { bodySchema } from '../http/body-schema.ts'
import { badRequest, notFound } from '../http/http-error.ts'
import { readJson } from '../http/read-json.ts'
import { continueFromSnapshot, diffSnapshots, listWithPhaseNames } from '../snapshots/snapshot-history.ts'
import type { Snapshot } from '../snapshots/snapshot-store.ts'

const continueBody = bodySchema<ContinueRequest>()(
  z.object({ title: z.string().trim().min(1, 'Bitte einen Titel angeben.').max(200).optional() }).strict(),
)
const diffQuery = z.object({ from: z.string().min(1).max(64), to: z.string().min(1).max(64) })

export function historyRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  const snapshotOf = async (workshopId: string, id: string): Promise<Snapshot> => {
    const snapshot = await deps.snapshots.get(workshopId, id)
    if (!snapshot) throw notFound('No such snapshot.')
    return snapshot
  }

  app.get('/:id/snapshots/diff', async (c) => {
    const { workshop } = await requireRecordsOf(c, deps.workshops, c.req.param('id'))
    const query = diffQuery.safeParse(c.req.query())
    if (!query.success) throw badRequest('Name two snapshots: ?from=<id>&to=<id>.')
    const listed = new Map((await listWithPhaseNames(deps, workshop.id)).map((s) => [s.id, s]))
    const from = listed.get(query.data.from)
    const to = listed.get(query.data.to)
    if (!from || !to) throw notFound('No such snapshot.')
    const diff = diffSnapshots(await snapshotOf(workshop.id, from.id), await snapshotOf(workshop.id, to.id))
    return c.json({ from, to, ...diff } satisfies SnapshotDiffResponse)
  })

  app.get('/:id/snapshots/:sid/state', async (c) => {
    const { workshop } = await requireRecordsOf(c, deps.workshops, c.req.param('id'))
    const snapshot = await snapshotOf(workshop.id, c.req.param('sid'))
    return c.body(snapshot.state.slice().buffer as ArrayBuffer, 200, {
      'content-type': 'application/octet-stream',
      'cache-control': 'no-store',
    })
  })

  app.post('/:id/snapshots/:sid/continue', async (c) => {
    const access = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    // Owning a workshop takes a facilitator account, as for POST /api/workshops.
    const user = requireFacilitatorAccount(c)
    const body = await readJson(c, continueBody)
    const snapshot = await snapshotOf(access.workshop.id, c.req.param('sid'))
    const title = body.title ?? `${access.workshop.title} (${snapshot.label})`.slice(0, 200)
    const created = await continueFromSnapshot(deps, access.workshop, snapshot, user, title)
    deps.logger.info(
      { workshop: created.id, origin: access.workshop.id, snapshot: snapshot.id, user: user.id },
      'workshop continued from a snapshot',
    )
    return c.json(created satisfies ContinueResponse, 201)
  })

  return app
}
