/**
 * Joining a workshop with its code. Guests get a pseudonymous participant and a session; a
 * guest who joins again from the session of an earlier join under the same name keeps its
 * participant (server/workshops/joining.ts). A guest's session is set in the general cookie
 * and in the participant's own cookie (`rw_p_<id>`: session-cookie.ts), so two guests of one
 * browser profile each keep theirs. An account joins as itself and gets no copy of its login
 * token. A wrong code is counted per address; a right code always passes.
 */

import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { JoinInfo, JoinRequest, JoinResponse } from '../../shared/api/contract.ts'
import { GUEST_JOIN_ROLES } from '../../shared/policy/roles.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { participantActor } from '../audit/audit-service.ts'
import {
  bearerToken,
  isSecureRequest,
  namedIdentity,
  readSessionCookie,
  readSessionToken,
  setParticipantCookie,
  setSessionCookie,
} from '../auth/session-cookie.ts'
import { generateSessionToken, type SessionGuest } from '../auth/session-store.ts'
import { bodySchema } from '../http/body-schema.ts'
import { HttpError } from '../http/http-error.ts'
import { type Limits, tooManyAttempts } from '../http/rate-limits.ts'
import { readJson } from '../http/read-json.ts'
import { normaliseJoinCode } from '../ids.ts'
import { type JoinRefusal, joinAsAccount, joinAsGuest } from '../workshops/joining.ts'
import type { Workshop } from '../workshops/workshop-store.ts'

const joinBody = bodySchema<JoinRequest>()(
  z
    .object({
      code: z.string().max(32),
      name: z
        .string()
        .trim()
        .min(1, 'Bitte einen Namen angeben (ein Pseudonym genügt).')
        .max(40, 'Der Name darf höchstens 40 Zeichen haben.'),
      role: z.enum(GUEST_JOIN_ROLES).optional(),
    })
    .strict(),
)

const UNKNOWN_CODE = 'No such join code. Please check it.'

const REFUSALS: Record<JoinRefusal, string> = {
  'joining-closed': 'This workshop is not admitting anyone right now.',
  'workshop-full': 'This workshop is full.',
  removed: 'You were removed from this workshop.',
}

export function joinRoutes(deps: AppDeps, limits: Limits) {
  const app = new Hono<AppEnv>()

  /**
   * A tab naming a guest whose session is gone (logged out, expired, removed) is no one, but its
   * device is still known from the profile's general cookie: the same name there is the same
   * participant (or `removed`), not a new one with a fresh vote. Only the device is taken from it.
   */
  const deviceGuest = async (c: Context<AppEnv>): Promise<SessionGuest | null> => {
    if (namedIdentity(c) === null || bearerToken(c) !== undefined) return null
    const general = readSessionCookie(c)
    const principal = general ? await deps.sessions.validate(general) : null
    return principal?.kind === 'guest' ? principal.guest : null
  }

  /** The workshop behind a code, or the answer for a wrong one: 404, or 429 for a guesser. */
  const findByCode = async (c: Context<AppEnv>, input: string): Promise<Workshop | Response> => {
    const code = normaliseJoinCode(input)
    const workshop = code ? await deps.workshops.byJoinCode(code) : null
    if (workshop) return workshop
    const address = limits.address(c)
    const wait = limits.codeWait(address)
    if (wait > 0) return tooManyAttempts(c, wait)
    limits.wrongCode(address)
    throw new HttpError(404, 'unknown-join-code', UNKNOWN_CODE)
  }

  app.get('/:code', async (c) => {
    const workshop = await findByCode(c, c.req.param('code'))
    if (workshop instanceof Response) return workshop
    return c.json({ title: workshop.title, joining: workshop.joining } satisfies JoinInfo)
  })

  app.post('/', async (c) => {
    const body = await readJson(c, joinBody)
    const workshop = await findByCode(c, body.code)
    if (workshop instanceof Response) return workshop
    const principal = c.get('principal')
    if (principal?.kind === 'user') {
      const joined = await joinAsAccount(deps.workshops, workshop, principal.user)
      if (!joined.ok) throw new HttpError(403, joined.reason, REFUSALS[joined.reason])
      await deps.audit.record(workshop.id, 'participant.joined', participantActor(joined.participant), {
        account: true,
      })
      // No token: the account's login token is not the join's to hand out (the cookie or
      // bearer the caller used already works for this workshop).
      return c.json({
        workshopId: workshop.id,
        participantId: joined.participant.id,
        role: joined.participant.role,
      } satisfies JoinResponse)
    }
    const earlier = principal?.kind === 'guest' ? principal.guest : await deviceGuest(c)
    const joined = await joinAsGuest(deps.workshops, workshop, {
      name: body.name,
      role: body.role ?? 'citizen',
      earlier,
      defaultGuestCap: deps.config.maxGuestsPerWorkshop,
    })
    if (!joined.ok) throw new HttpError(403, joined.reason, REFUSALS[joined.reason])
    const { participant } = joined
    await deps.audit.record(workshop.id, 'participant.joined', participantActor(participant), {
      returning: joined.returning,
    })
    // The same participant on the same session keeps that session; anyone else gets a new one.
    // The session presented is the one of the participant a tab names (X-RW-As), if it names one.
    const presented = readSessionToken(c)
    const secure = isSecureRequest(c, deps.config.publicUrl)
    let token: string
    let expiresAt: number | null = null
    if (earlier?.id === participant.id && presented && principal) {
      token = presented
      // A browser's rejoin: its cookies say so again (a bearer client has no cookies to set).
      if (bearerToken(c) === undefined) expiresAt = principal.expiresAt
    } else {
      token = generateSessionToken()
      expiresAt = await deps.sessions.create(token, { participantId: participant.id })
    }
    if (expiresAt !== null) {
      // The general cookie for v1 clients and for this tab; the participant's own cookie for a
      // tab that names it, which another guest's join on this device does not replace.
      setSessionCookie(c, token, expiresAt, secure)
      setParticipantCookie(c, participant.id, token, expiresAt, secure)
    }
    deps.logger.info(
      {
        workshop: workshop.id,
        participant: participant.id,
        role: participant.role,
        returning: joined.returning,
      },
      joined.returning ? 'guest rejoined' : 'guest joined',
    )
    return c.json({
      workshopId: workshop.id,
      participantId: participant.id,
      role: participant.role,
      token,
    } satisfies JoinResponse)
  })

  return app
}
