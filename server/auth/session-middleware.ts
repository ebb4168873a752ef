/**
 * Resolves the caller's session (Bearer token, the cookie of the participant a tab names, or
 * the general cookie: presented-session.ts) for every request, refreshes the cookies when the
 * session was renewed, and guards cookie-authenticated state changes with a same-origin check
 * (CSRF).
 */
import type { MiddlewareHandler } from 'hono'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { HttpError } from '../http/http-error.ts'
import { isAllowedOrigin } from '../http/origin.ts'
import { presentedSession, renewSessionCookies } from './presented-session.ts'
import { carriesSessionCookie, isSecureRequest } from './session-cookie.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function sessionMiddleware(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { token, principal } = await presentedSession(c, deps.sessions)
    c.set('principal', principal)
    // Any of our cookies, __Host- or not, general or a participant's: each is a CSRF risk.
    const viaCookie = !c.req.header('authorization') && carriesSessionCookie(c)
    if (viaCookie && !SAFE_METHODS.has(c.req.method)) {
      if (!isAllowedOrigin(c.req.header('origin'), c.req.header('host'), deps.config.publicUrl)) {
        throw new HttpError(403, 'cross-origin', 'Cross-origin requests are not allowed.')
      }
    }
    if (principal?.renewed && token && viaCookie) {
      renewSessionCookies(c, principal, token, isSecureRequest(c, deps.config.publicUrl))
    }
    await next()
  }
}
