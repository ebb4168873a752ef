/** Creating and listing workshops, and what the join screen shows: code, link, QR code. */
import { Hono } from 'hono'
import QRCode from 'qrcode'
import { z } from 'zod'
import { applyPhase } from '../../shared/board/facilitation.ts'
import { frameRow, setFrame } from '../../shared/board/frames.ts'
import { replaceScript } from '../../shared/script/script-schema.ts'
import { TEMPLATE_IDS, templateFrames, templatePhases } from '../../shared/script/templates.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import {
  requireFacilitatorAccount,
  requireFacilitatorOf,
  requireMember,
  requireUser,
} from '../auth/require.ts'
import { readJson } from '../http/read-json.ts'
import type { Workshop } from '../workshops/workshop-store.ts'

const newWorkshop = z
  .object({
    title: z.string().trim().min(1, 'Bitte einen Titel angeben.').max(200),
    template: z.enum(TEMPLATE_IDS).optional(),
    lang: z.enum(['de', 'en']).optional(),
  })
  .strict()

export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

export function workshopRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  const joinUrl = (requestUrl: string, workshop: Workshop) =>
    `${deps.config.publicUrl ?? new URL(requestUrl).origin}/join/${workshop.joinCode}`

  app.post('/', async (c) => {
    const user = requireFacilitatorAccount(c)
    const body = await readJson(c, newWorkshop)
    const workshop = deps.workshops.create({
      title: body.title,
      template: body.template ?? null,
      ownerId: user.id,
    })
    deps.workshops.ensureMember(workshop.id, user, 'facilitator')
    if (body.template) {
      const { template } = body
      const lang = body.lang ?? 'de'
      const phases = templatePhases(template, lang)
      deps.sync.rooms.withBoard(workshop.id, (board) => {
        replaceScript(board.doc, phases)
        for (const frame of frameRow(templateFrames(template, lang))) setFrame(board.doc, frame)
        const first = phases[0]
        if (first) applyPhase(board.doc, first)
      })
    }
    deps.logger.info({ workshop: workshop.id, user: user.id }, 'workshop created')
    return c.json({ id: workshop.id, joinCode: workshop.joinCode }, 201)
  })

  app.get('/', (c) => {
    const user = requireUser(c)
    const summary = (w: Workshop, facilitating: boolean) => ({
      id: w.id,
      title: w.title,
      createdAt: w.createdAt,
      facilitating,
      joinCode: facilitating ? w.joinCode : undefined,
    })
    return c.json({
      workshops: [
        ...deps.workshops.listOwnedBy(user.id).map((w) => summary(w, true)),
        ...deps.workshops.listJoinedBy(user.id).map((w) => summary(w, false)),
      ],
    })
  })

  app.get('/:id', (c) => {
    const access = requireMember(c, deps.workshops, c.req.param('id'))
    const { workshop } = access
    return c.json({
      id: workshop.id,
      title: workshop.title,
      template: workshop.template,
      createdAt: workshop.createdAt,
      ...(access.isFacilitator
        ? {
            joinCode: workshop.joinCode,
            joinCodeDisplay: formatJoinCode(workshop.joinCode),
            joinUrl: joinUrl(c.req.url, workshop),
          }
        : {}),
      me: {
        participantId: access.participantId,
        name: access.name,
        role: access.role,
        isFacilitator: access.isFacilitator,
      },
    })
  })

  app.get('/:id/qr.svg', async (c) => {
    const { workshop } = requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const svg = await QRCode.toString(joinUrl(c.req.url, workshop), {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    })
    return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'no-store' })
  })

  return app
}
