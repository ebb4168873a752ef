/**
 * Creating and listing workshops, what the join screen shows (code, link, QR code), and the
 * facilitator's doors: closing and reopening joining, a guest cap, a new join code.
 */
import { Hono } from 'hono'
import QRCode from 'qrcode'
import { z } from 'zod'
import type {
  JoinCodeResponse,
  NewWorkshopRequest,
  NewWorkshopResponse,
  WorkshopDetails,
  WorkshopDoors,
  WorkshopListResponse,
  WorkshopSettingsRequest,
  WorkshopSummary,
} from '../../shared/api/contract.ts'
import { applyPhase } from '../../shared/board/facilitation.ts'
import { frameRow, setFrame } from '../../shared/board/frames.ts'
import { replaceScript } from '../../shared/script/script-schema.ts'
import { TEMPLATE_IDS, templateFrames, templatePhases } from '../../shared/script/templates.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { participantActor } from '../audit/audit-service.ts'
import {
  requireFacilitatorAccount,
  requireFacilitatorOf,
  requireMember,
  requireUser,
} from '../auth/require.ts'
import { bodySchema } from '../http/body-schema.ts'
import { badRequest } from '../http/http-error.ts'
import { readJson } from '../http/read-json.ts'
import { guestCapOf } from '../workshops/joining.ts'
import type { Workshop } from '../workshops/workshop-store.ts'

const newWorkshop = bodySchema<NewWorkshopRequest>()(
  z
    .object({
      title: z.string().trim().min(1, 'Bitte einen Titel angeben.').max(200),
      template: z.enum(TEMPLATE_IDS).optional(),
      lang: z.enum(['de', 'en']).optional(),
    })
    .strict(),
)

const workshopSettings = bodySchema<WorkshopSettingsRequest>()(
  z
    .object({
      joining: z.boolean().optional(),
      // null: the server's default (MAX_GUESTS_PER_WORKSHOP).
      guestCap: z.number().int().min(0).max(100_000).nullable().optional(),
    })
    .strict(),
)

export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

export function workshopRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  const joinUrl = (requestUrl: string, workshop: Workshop) =>
    `${deps.config.publicUrl ?? new URL(requestUrl).origin}${deps.config.basePath}/join/${workshop.joinCode}`

  /** Who may come in: open or closed, the cap that applies, and how many guests are in. */
  const doors = async (w: Workshop): Promise<WorkshopDoors> => ({
    joining: w.joining,
    guestCap: w.guestCap,
    effectiveGuestCap: guestCapOf(w, deps.config.maxGuestsPerWorkshop),
    guests: await deps.workshops.guestCount(w.id),
  })

  app.post('/', async (c) => {
    const user = requireFacilitatorAccount(c)
    const body = await readJson(c, newWorkshop)
    const workshop = await deps.workshops.create({
      title: body.title,
      template: body.template ?? null,
      ownerId: user.id,
    })
    const owner = await deps.workshops.ensureMember(workshop.id, user, 'facilitator')
    await deps.audit.record(workshop.id, 'workshop.created', participantActor(owner), {
      template: workshop.template,
    })
    if (body.template) {
      const { template } = body
      const lang = body.lang ?? 'de'
      const phases = templatePhases(template, lang)
      await deps.sync.changeBoard(workshop.id, (board) => {
        replaceScript(board, phases)
        for (const frame of frameRow(templateFrames(template, lang))) setFrame(board, frame)
        const first = phases[0]
        if (first) applyPhase(board, first)
      })
    }
    deps.logger.info({ workshop: workshop.id, user: user.id }, 'workshop created')
    return c.json({ id: workshop.id, joinCode: workshop.joinCode } satisfies NewWorkshopResponse, 201)
  })

  app.get('/', async (c) => {
    const user = requireUser(c)
    const summary = (w: Workshop, facilitating: boolean): WorkshopSummary => ({
      id: w.id,
      title: w.title,
      createdAt: w.createdAt,
      facilitating,
      joinCode: facilitating ? w.joinCode : undefined,
    })
    const owned = await deps.workshops.listOwnedBy(user.id)
    const joined = await deps.workshops.listJoinedBy(user.id)
    return c.json({
      workshops: [...owned.map((w) => summary(w, true)), ...joined.map((w) => summary(w, false))],
    } satisfies WorkshopListResponse)
  })

  app.get('/:id', async (c) => {
    const access = await requireMember(c, deps.workshops, c.req.param('id'))
    const { workshop } = access
    const doorsIfFacilitating = access.isFacilitator ? await doors(workshop) : null
    return c.json({
      id: workshop.id,
      title: workshop.title,
      template: workshop.template,
      createdAt: workshop.createdAt,
      joining: workshop.joining,
      closedAt: workshop.closedAt,
      ...(doorsIfFacilitating
        ? {
            joinCode: workshop.joinCode,
            joinCodeDisplay: formatJoinCode(workshop.joinCode),
            joinUrl: joinUrl(c.req.url, workshop),
            ...doorsIfFacilitating,
          }
        : {}),
      me: {
        participantId: access.participantId,
        name: access.name,
        role: access.role,
        isFacilitator: access.isFacilitator,
      },
    } satisfies WorkshopDetails)
  })

  app.patch('/:id', async (c) => {
    const { workshop } = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const body = await readJson(c, workshopSettings)
    if (body.joining === undefined && body.guestCap === undefined)
      throw badRequest('Nothing to change: give joining or guestCap.')
    if (body.joining !== undefined) await deps.workshops.setJoining(workshop.id, body.joining)
    if (body.guestCap !== undefined) await deps.workshops.setGuestCap(workshop.id, body.guestCap)
    deps.logger.info({ workshop: workshop.id, ...body }, 'workshop doors changed')
    return c.json((await doors((await deps.workshops.byId(workshop.id)) ?? workshop)) satisfies WorkshopDoors)
  })

  app.post('/:id/join-code', async (c) => {
    const { workshop } = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const joinCode = await deps.workshops.renewJoinCode(workshop.id)
    deps.logger.info({ workshop: workshop.id }, 'join code renewed')
    return c.json({
      joinCode,
      joinCodeDisplay: formatJoinCode(joinCode),
      joinUrl: joinUrl(c.req.url, { ...workshop, joinCode }),
    } satisfies JoinCodeResponse)
  })

  app.get('/:id/qr.svg', async (c) => {
    const { workshop } = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const svg = await QRCode.toString(joinUrl(c.req.url, workshop), {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    })
    return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'no-store' })
  })

  return app
}
