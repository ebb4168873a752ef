/** Named snapshots of a board and the minutes rendered from them. */
import { Hono } from 'hono'
import * as Y from 'yjs'
import { z } from 'zod'
import type {
  NewSnapshotRequest,
  NewSnapshotResponse,
  SnapshotListResponse,
} from '../../shared/api/contract.ts'
import { buildMinutesData } from '../../shared/minutes/minutes-data.ts'
import { MINUTES_CONTENT_TYPE, renderMinutes } from '../../shared/minutes/render-minutes.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { actorOf } from '../audit/audit-service.ts'
import { requireFacilitatorOf, requireRecordsOf } from '../auth/require.ts'
import { bodySchema } from '../http/body-schema.ts'
import { badRequest, notFound, storageFailing } from '../http/http-error.ts'
import { readJson } from '../http/read-json.ts'
import { PhotoStore } from '../photos/photo-store.ts'
import { listWithPhaseNames } from '../snapshots/snapshot-history.ts'

const newSnapshot = bodySchema<NewSnapshotRequest>()(
  z.object({ label: z.string().trim().min(1, 'Bitte eine Bezeichnung angeben.').max(200) }).strict(),
)
const minutesQuery = z.object({
  format: z.enum(['html', 'md', 'json']).default('html'),
  snapshot: z.string().max(64).optional(),
  lang: z.enum(['de', 'en']).default('de'),
  download: z.enum(['0', '1']).optional(),
})

export function snapshotRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const photos = new PhotoStore(deps.db)

  app.post('/:id/snapshots', async (c) => {
    const access = requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const body = await readJson(c, newSnapshot)
    const state = await deps.sync.boardState(access.workshop.id)
    if (!state) throw storageFailing(deps.sync.storageFailure?.message ?? 'writes are not completing')
    const info = deps.snapshots.create({
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

  app.get('/:id/snapshots', (c) => {
    const { workshop } = requireRecordsOf(c, deps.workshops, c.req.param('id'))
    return c.json({ snapshots: listWithPhaseNames(deps, workshop.id) } satisfies SnapshotListResponse)
  })

  app.get('/:id/minutes', (c) => {
    const access = requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const query = minutesQuery.safeParse(c.req.query())
    if (!query.success) throw badRequest('format must be html, md or json; lang de or en.')
    const { format, snapshot: snapshotId, lang, download } = query.data
    const snapshot = deps.snapshots.get(access.workshop.id, snapshotId)
    if (!snapshot) throw notFound(snapshotId ? 'No such snapshot.' : 'This workshop has no snapshot yet.')
    const board = new Y.Doc()
    Y.applyUpdate(board, snapshot.state)
    const data = buildMinutesData(board, {
      workshop: { id: access.workshop.id, title: access.workshop.title },
      snapshot: {
        id: snapshot.id,
        label: snapshot.label,
        createdAt: snapshot.createdAt,
        createdBy: snapshot.createdBy,
      },
      photoThumbnail: (cardId, version) => photos.thumbnailUri(access.workshop.id, cardId, version),
      speeches: deps.hands.speeches(access.workshop.id, snapshot.createdAt),
      integrity: deps.audit.integrityOf(access.workshop.id, snapshot.id),
    })
    board.destroy()
    const headers: Record<string, string> = { 'content-type': MINUTES_CONTENT_TYPE[format] }
    if (format === 'html') {
      // The exported page carries its own print stylesheet and runs no script.
      c.set('csp', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    }
    if (download === '1') {
      headers['content-disposition'] = `attachment; filename="protokoll-${snapshot.id}.${format}"`
    }
    return c.body(renderMinutes(data, format, lang), 200, headers)
  })

  return app
}
