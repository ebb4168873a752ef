/**
 * The session cookies: HttpOnly, SameSite=Lax. Over https each carries the `__Host-` prefix
 * (Secure, Path=/, no Domain), which no subdomain and no plain-http page can set or overwrite;
 * both names are read, so a switch to https keeps people logged in.
 *
 * `rw_session` is the browser profile's session (the last login or join). A guest's join also
 * sets `rw_p_<participantId>` with the same token: two guests in two tabs of one profile (a
 * shared table tablet) each keep their own, and a tab that names its participant (the
 * `X-RW-As` header, the `as` query of a sync socket) is that participant, or no one.
 */
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'

export const SESSION_COOKIE = 'rw_session'
export const SECURE_SESSION_COOKIE = '__Host-rw_session'

export function isSecureRequest(c: Context, publicUrl: string | null): boolean {
  if (publicUrl) return publicUrl.startsWith('https:')
  return new URL(c.req.url).protocol === 'https:'
}

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE
}

export function setSessionCookie(c: Context, token: string, expiresAt: number, secure: boolean): void {
  // The prefix option makes Hono enforce what the browser requires of a __Host- cookie.
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    expires: new Date(expiresAt),
    ...(secure ? { prefix: 'host' as const } : {}),
  })
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'Lax' })
  if (secure)
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure, prefix: 'host', httpOnly: true, sameSite: 'Lax' })
}

/** The session token from a cookie, the __Host- one first; null without one. */
export function readSessionCookie(c: Context): string | null {
  return getCookie(c, SESSION_COOKIE, 'host') ?? getCookie(c, SESSION_COOKIE) ?? null
}

export const PARTICIPANT_COOKIE_PREFIX = 'rw_p_'
export const IDENTITY_HEADER = 'x-rw-as'
/** Participant ids are nanoids: also valid cookie-name characters. */
const PARTICIPANT_ID = /^[A-Za-z0-9_-]{1,64}$/

/** The participant a request names as its identity (`X-RW-As`), or null when it names none. */
export function namedIdentity(c: Context): string | null {
  return c.req.header(IDENTITY_HEADER)?.trim() || null
}

export function setParticipantCookie(
  c: Context,
  participantId: string,
  token: string,
  expiresAt: number,
  secure: boolean,
): void {
  if (!PARTICIPANT_ID.test(participantId)) return
  setCookie(c, PARTICIPANT_COOKIE_PREFIX + participantId, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    expires: new Date(expiresAt),
    ...(secure ? { prefix: 'host' as const } : {}),
  })
}

export function clearParticipantCookie(c: Context, participantId: string, secure: boolean): void {
  if (!PARTICIPANT_ID.test(participantId)) return
  const name = PARTICIPANT_COOKIE_PREFIX + participantId
  deleteCookie(c, name, { path: '/', secure, httpOnly: true, sameSite: 'Lax' })
  if (secure) deleteCookie(c, name, { path: '/', secure, prefix: 'host', httpOnly: true, sameSite: 'Lax' })
}

/** The token in one participant's cookie, the __Host- one first; null without one. */
export function readParticipantCookie(c: Context, participantId: string): string | null {
  if (!PARTICIPANT_ID.test(participantId)) return null
  const name = PARTICIPANT_COOKIE_PREFIX + participantId
  return getCookie(c, name, 'host') ?? getCookie(c, name) ?? null
}

/** Whether the request carries any session cookie of ours, the general one or a participant's. */
export function carriesSessionCookie(c: Context): boolean {
  return Object.keys(getCookie(c)).some((name) => {
    const bare = name.startsWith('__Host-') ? name.slice('__Host-'.length) : name
    return bare === SESSION_COOKIE || bare.startsWith(PARTICIPANT_COOKIE_PREFIX)
  })
}

export function bearerToken(c: Context): string | null | undefined {
  const header = c.req.header('authorization')
  if (!header) return undefined
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null
}

/**
 * The token from `Authorization: Bearer`, else from the cookie of the participant the request
 * names (never another cookie when it names one), else from the general cookie.
 */
export function readSessionToken(c: Context, named: string | null = namedIdentity(c)): string | null {
  const bearer = bearerToken(c)
  if (bearer !== undefined) return bearer
  if (named !== null) return readParticipantCookie(c, named)
  return readSessionCookie(c)
}
