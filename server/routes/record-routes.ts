/**
 * The records an administration files: verifying a workshop's tamper-evident log and snapshots,
 * exporting a workshop as one file, and importing such a file as a new workshop. Verification and
 * export are open to the workshop's facilitators and to administrators; import to administrators.
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { ImportResponse, VerifyResponse } from '../../shared/api/contract.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { type AuditActor, actorOf, adminActor } from '../audit/audit-service.ts'
import { requireAdmin, requireFacilitatorOf, requirePrincipal } from '../auth/require.ts'
import { HttpError, notFound, storageFailing } from '../http/http-error.ts'
import { exportWorkshop } from '../transfer/export-workshop.ts'
import { checkExport, ExportAltered, ImportConflict, importWorkshop } from '../transfer/import-workshop.ts'
import type { Workshop } from '../workshops/workshop-store.ts'

/** An export holds every snapshot's full state: far more than a JSON request. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024

const altered = (err: ExportAltered) =>
  new HttpError(422, 'export-altered', `The file does not match itself at ${err.where}: ${err.reason}.`)

export function recordRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  /** A facilitator of the workshop, or an administrator (who need not be a member). */
  const recordsOf = async (
    c: Parameters<typeof requirePrincipal>[0],
    id: string,
  ): Promise<{ workshop: Workshop; actor: AuditActor }> => {
    const principal = requirePrincipal(c)
    if (principal.kind === 'user' && principal.user.isAdmin) {
      const workshop = await deps.workshops.byId(id)
      if (!workshop) throw notFound('No such workshop.')
      return { workshop, actor: adminActor(principal.user) }
    }
    const access = await requireFacilitatorOf(c, deps.workshops, id)
    return { workshop: access.workshop, actor: actorOf(access) }
  }

  app.get('/workshops/:id/verify', async (c) => {
    const { workshop } = await recordsOf(c, c.req.param('id'))
    return c.json((await deps.audit.verify(workshop.id)) satisfies VerifyResponse)
  })

  app.get('/workshops/:id/export', async (c) => {
    const { workshop, actor } = await recordsOf(c, c.req.param('id'))
    const board = await deps.sync.boardState(workshop.id)
    if (!board) throw storageFailing(deps.sync.storageFailure?.message ?? 'writes are not completing')
    const { text, sha256 } = await exportWorkshop(deps.sql, deps.audit, workshop, board, actor)
    deps.logger.info({ workshop: workshop.id, bytes: text.length, sha256 }, 'workshop exported')
    return c.body(text, 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="ratswerkstatt-${workshop.id}.json"`,
      // Names and hidden texts: no cache keeps a copy.
      'cache-control': 'no-store',
    })
  })

  app.post(
    '/import',
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES,
      onError: () => {
        throw new HttpError(
          413,
          'payload-too-large',
          `Export files are limited to ${MAX_IMPORT_BYTES / 1024 / 1024} MiB.`,
        )
      },
    }),
    async (c) => {
      const user = requireAdmin(c)
      let imported: ImportResponse
      try {
        const checked = checkExport(await c.req.text())
        imported = await importWorkshop(deps, checked, user.id, adminActor(user))
      } catch (err) {
        if (err instanceof ExportAltered) throw altered(err)
        if (err instanceof ImportConflict) throw new HttpError(409, 'already-imported', err.message)
        throw err
      }
      deps.logger.info({ workshop: imported.id, user: user.id }, 'workshop imported')
      return c.json(imported satisfies ImportResponse, 201)
    },
  )

  return app
}
