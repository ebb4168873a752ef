/**
 * The minutes (Protokoll) of a snapshot in every format (HTML, Markdown, JSON, PDF/A, DOCX),
 * the workshop's place printed in them, and the published JSON Schema of the JSON format.
 */
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { PlaceRequest, PlaceResponse } from '../../shared/api/contract.ts'
import { MINUTES_CONTENT_TYPE, renderMinutes } from '../../shared/minutes/render-minutes.ts'
import { MAX_PLACE_LENGTH, readPlace, setPlace } from '../../shared/minutes/workshop-place.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { requireFacilitatorOf, requirePrincipal } from '../auth/require.ts'
import { bodySchema } from '../http/body-schema.ts'
import { badRequest, notFound } from '../http/http-error.ts'
import { readJson } from '../http/read-json.ts'
import { minutesJsonSchema } from '../minutes/minutes-schema.ts'
import { loadMinutes } from '../minutes/minutes-source.ts'
import { renderMinutesDocx } from '../minutes/render-docx.ts'
import { renderMinutesPdf } from '../minutes/render-pdf.ts'
import { PhotoStore } from '../photos/photo-store.ts'
import type { Workshop } from '../workshops/workshop-store.ts'

const minutesQuery = z.object({
  format: z.enum(['html', 'md', 'json', 'pdf', 'docx']).default('html'),
  snapshot: z.string().max(64).optional(),
  lang: z.enum(['de', 'en']).default('de'),
  download: z.enum(['0', '1']).optional(),
})

const placeBody = bodySchema<PlaceRequest>()(z.object({ place: z.string().max(MAX_PLACE_LENGTH) }).strict())

/**
 * The minutes are open to the workshop's facilitators and to administrators (issue 13: an
 * administrator files the records of every workshop). Others get what requireFacilitatorOf gives.
 */
async function minutesWorkshop(c: Context<AppEnv>, deps: AppDeps): Promise<Workshop> {
  const principal = requirePrincipal(c)
  const id = c.req.param('id') ?? ''
  if (principal.kind === 'user' && principal.user.isAdmin) {
    const workshop = await deps.workshops.byId(id)
    if (!workshop) throw notFound('No such workshop.')
    return workshop
  }
  return (await requireFacilitatorOf(c, deps.workshops, id)).workshop
}

export function minutesRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const photos = new PhotoStore(deps.sql)

  app.get('/:id/minutes', async (c) => {
    const workshop = await minutesWorkshop(c, deps)
    const query = minutesQuery.safeParse(c.req.query())
    if (!query.success) throw badRequest('format must be html, md, json, pdf or docx; lang de or en.')
    const { format, snapshot: snapshotId, lang, download } = query.data
    const data = await loadMinutes(deps, workshop, snapshotId, {
      attendanceNames: deps.config.minutesNames,
      photoThumbnail: (cardId, version) => photos.thumbnailUri(workshop.id, cardId, version),
      speeches: (until) => deps.hands.speeches(workshop.id, until),
      integrity: (id) => deps.audit.integrityOf(workshop.id, id),
    })
    if (!data) throw notFound(snapshotId ? 'No such snapshot.' : 'This workshop has no snapshot yet.')
    const headers: Record<string, string> = { 'content-type': MINUTES_CONTENT_TYPE[format] }
    const name = `protokoll-${data.snapshot.id}.${format}`
    headers['content-disposition'] = `${download === '1' ? 'attachment' : 'inline'}; filename="${name}"`
    if (format === 'html') {
      // The exported page carries its own print stylesheet and runs no script.
      c.set('csp', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    }
    if (format === 'pdf') return c.body(new Uint8Array(await renderMinutesPdf(data, lang)), 200, headers)
    if (format === 'docx') return c.body(new Uint8Array(await renderMinutesDocx(data, lang)), 200, headers)
    return c.body(renderMinutes(data, format, lang), 200, headers)
  })

  app.get('/:id/place', async (c) => {
    const access = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const place = await deps.sync.readBoard(access.workshop.id, readPlace)
    return c.json({ place } satisfies PlaceResponse)
  })

  app.put('/:id/place', async (c) => {
    const access = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const body = await readJson(c, placeBody)
    const place = await deps.sync.changeBoard(access.workshop.id, (board) => {
      setPlace(board, body.place)
      return readPlace(board)
    })
    return c.json({ place } satisfies PlaceResponse)
  })

  return app
}

/** `GET /api/minutes.schema.json`: public, like any published format description. */
export function minutesSchemaRoutes() {
  const app = new Hono<AppEnv>()
  const schema = `${JSON.stringify(minutesJsonSchema(), null, 2)}\n`
  app.get('/minutes.schema.json', (c) =>
    c.body(schema, 200, { 'content-type': 'application/schema+json; charset=utf-8' }),
  )
  return app
}
