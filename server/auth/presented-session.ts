/**
 * Which session a request presents, and whose cookies follow it. A bearer token (or a sync
 * socket's `?token=`) counts as it is. A request that names a participant (a tab of a shared
 * table tablet, `X-RW-As` or `?as=`) presents that participant's cookie and must be that
 * participant: without its cookie, or with a cookie of anyone else, it is no one, never the
 * other guest of the tablet. Otherwise the general cookie counts, as for v1 clients.
 */
import type { Context } from 'hono'
import {
  bearerToken,
  clearParticipantCookie,
  clearSessionCookie,
  namedIdentity,
  readParticipantCookie,
  readSessionCookie,
  readSessionToken,
  setParticipantCookie,
  setSessionCookie,
} from './session-cookie.ts'
import type { Principal, SessionStore } from './session-store.ts'

export interface PresentedSession {
  token: string | null
  principal: Principal | null
  /** The participant the request named, or null. */
  named: string | null
}

export async function presentedSession(
  c: Context,
  sessions: SessionStore,
  options: { named?: string | null; token?: string | undefined } = {},
): Promise<PresentedSession> {
  const named = options.named !== undefined ? options.named : namedIdentity(c)
  const explicit = options.token ?? bearerToken(c)
  const token = options.token ?? readSessionToken(c, named)
  let principal = token ? await sessions.validate(token) : null
  // A named cookie holding another's session (set by hand; the server never does) is refused too.
  if (principal && named !== null && explicit === undefined) {
    if (principal.kind !== 'guest' || principal.guest.id !== named) principal = null
  }
  return { token, principal, named }
}

/** After a renewal: every cookie of this request that holds the token gets the new expiry. */
export function renewSessionCookies(c: Context, principal: Principal, token: string, secure: boolean): void {
  if (readSessionCookie(c) === token) setSessionCookie(c, token, principal.expiresAt, secure)
  if (principal.kind === 'guest' && readParticipantCookie(c, principal.guest.id) === token) {
    setParticipantCookie(c, principal.guest.id, token, principal.expiresAt, secure)
  }
}

/**
 * Logging out ends the session presented and clears its cookies: the named participant's,
 * and the general cookie only when it holds that same session (or nothing was named, as
 * before). Another guest's cookie on the same device stays.
 */
export function clearEndedSessionCookies(c: Context, presented: PresentedSession, secure: boolean): void {
  const { named, token, principal } = presented
  if (named !== null) clearParticipantCookie(c, named, secure)
  else if (principal?.kind === 'guest' && token && readParticipantCookie(c, principal.guest.id) === token) {
    clearParticipantCookie(c, principal.guest.id, secure)
  }
  if (named === null || (token !== null && readSessionCookie(c) === token)) clearSessionCookie(c, secure)
}
