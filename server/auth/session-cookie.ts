/**
 * The session cookie: HttpOnly, SameSite=Lax. Over https it is `__Host-rw_session` (Secure,
 * Path=/, no Domain), which no subdomain and no plain-http page can set or overwrite; over
 * http it is `rw_session`. Both names are read, so a switch to https keeps people logged in.
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

/** The token from `Authorization: Bearer`, else from a cookie. */
export function readSessionToken(c: Context): string | null {
  const header = c.req.header('authorization')
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    return match?.[1] ?? null
  }
  return readSessionCookie(c)
}
