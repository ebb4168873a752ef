/**
 * Resolves the caller's session (Bearer token or cookie) for every request, refreshes the
 * cookie when the session was renewed, and guards cookie-authenticated state changes with a
 * same-origin check (CSRF).
 */
import type { MiddlewareHandler } from 'hono'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { HttpError } from '../http/http-error.ts'
import { isAllowedOrigin } from '../http/origin.ts'
import { isSecureRequest, readSessionCookie, readSessionToken, setSessionCookie } from './session-cookie.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function sessionMiddleware(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = readSessionToken(c)
    const principal = token ? deps.sessions.validate(token) : null
    c.set('principal', principal)
    // Either cookie name: a __Host- cookie is as much a CSRF risk as the plain one.
    const viaCookie = !c.req.header('authorization') && readSessionCookie(c) !== null
    if (viaCookie && !SAFE_METHODS.has(c.req.method)) {
      if (!isAllowedOrigin(c.req.header('origin'), c.req.header('host'), deps.config.publicUrl)) {
        throw new HttpError(403, 'cross-origin', 'Cross-origin requests are not allowed.')
      }
    }
    if (principal?.renewed && token && viaCookie) {
      setSessionCookie(c, token, principal.expiresAt, isSecureRequest(c, deps.config.publicUrl))
    }
    await next()
  }
}
