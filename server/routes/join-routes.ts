/** Joining a workshop with its code: guests get a pseudonymous participant and a session. */
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { isSecureRequest, readSessionToken, setSessionCookie } from '../auth/session-cookie.ts'
import { generateSessionToken, type ParticipantRole } from '../auth/session-store.ts'
import { forbidden, notFound } from '../http/http-error.ts'
import type { Limits } from '../http/rate-limits.ts'
import { readJson } from '../http/read-json.ts'
import { normaliseJoinCode } from '../ids.ts'

const joinBody = z
  .object({
    code: z.string().max(32),
    name: z
      .string()
      .trim()
      .min(1, 'Bitte einen Namen angeben (ein Pseudonym genügt).')
      .max(40, 'Der Name darf höchstens 40 Zeichen haben.'),
    role: z.enum(['citizen', 'observer']).optional(),
  })
  .strict()

const UNKNOWN_CODE = 'Diesen Beitrittscode gibt es nicht. Bitte prüfen Sie die Eingabe.'

export function joinRoutes(deps: AppDeps, limits: Limits) {
  const app = new Hono<AppEnv>()

  const findByCode = (input: string) => {
    const code = normaliseJoinCode(input)
    const workshop = code ? deps.workshops.byJoinCode(code) : null
    if (!workshop) throw notFound(UNKNOWN_CODE)
    return workshop
  }

  app.get('/:code', limits.joinPerAddress, limits.failedJoinPerAddress, (c) => {
    const workshop = findByCode(c.req.param('code'))
    return c.json({ title: workshop.title })
  })

  app.post('/', limits.joinPerAddress, limits.failedJoinPerAddress, async (c) => {
    const body = await readJson(c, joinBody)
    const workshop = findByCode(body.code)
    const principal = c.get('principal')
    if (principal?.kind === 'user') {
      const { user } = principal
      // An account keeps its role; a facilitator account joins someone else's workshop as staff.
      const role: ParticipantRole =
        workshop.ownerId === user.id ? 'facilitator' : user.role === 'facilitator' ? 'staff' : user.role
      const member = deps.workshops.ensureMember(workshop.id, user, role)
      if (member.removed)
        throw forbidden('Sie wurden aus dieser Werkstatt entfernt. / You were removed from this workshop.')
      return c.json({
        workshopId: workshop.id,
        participantId: member.id,
        role: member.role,
        token: readSessionToken(c),
      })
    }
    const role: ParticipantRole = body.role ?? 'citizen'
    const participant = deps.workshops.addGuest(workshop.id, body.name, role)
    const token = generateSessionToken()
    const expiresAt = deps.sessions.create(token, { participantId: participant.id })
    setSessionCookie(c, token, expiresAt, isSecureRequest(c, deps.config.publicUrl))
    deps.logger.info({ workshop: workshop.id, participant: participant.id, role }, 'guest joined')
    return c.json({ workshopId: workshop.id, participantId: participant.id, role, token })
  })

  return app
}
