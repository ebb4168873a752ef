/** Named snapshots of a board (their minutes: minutes-routes.ts). */
import { Hono } from 'hono'
import { z } from 'zod'
import type {
  NewSnapshotRequest,
  NewSnapshotResponse,
  SnapshotListResponse,
} from '../../shared/api/contract.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { actorOf } from '../audit/audit-service.ts'
import { requireFacilitatorOf, requireRecordsOf } from '../auth/require.ts'
import { bodySchema } from '../http/body-schema.ts'
import { storageFailing } from '../http/http-error.ts'
import { readJson } from '../http/read-json.ts'
import { listWithPhaseNames } from '../snapshots/snapshot-history.ts'

const newSnapshot = bodySchema<NewSnapshotRequest>()(
  z.object({ label: z.string().trim().min(1, 'Bitte eine Bezeichnung angeben.').max(200) }).strict(),
)

export function snapshotRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  app.post('/:id/snapshots', async (c) => {
    const access = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const body = await readJson(c, newSnapshot)
    const state = await deps.sync.boardState(access.workshop.id)
    if (!state) throw storageFailing(deps.sync.storageFailure?.message ?? 'writes are not completing')
    const info = await deps.snapshots.create({
      workshopId: access.workshop.id,
      label: body.label,
      createdBy: access.name,
      state,
      actor: actorOf(access),
    })
    return c.json(
      { id: info.id, label: info.label, createdAt: info.createdAt } satisfies NewSnapshotResponse,
      201,
    )
  })

  app.get('/:id/snapshots', async (c) => {
    const { workshop } = await requireRecordsOf(c, deps.workshops, c.req.param('id'))
    return c.json({ snapshots: await listWithPhaseNames(deps, workshop.id) } satisfies SnapshotListResponse)
  })

  return app
}
