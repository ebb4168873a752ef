/** The session cookie: HttpOnly, SameSite=Lax, Secure when the app is served over https. */
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'

export const SESSION_COOKIE = 'rw_session'

export function isSecureRequest(c: Context, publicUrl: string | null): boolean {
  if (publicUrl) return publicUrl.startsWith('https:')
  return new URL(c.req.url).protocol === 'https:'
}

export function setSessionCookie(c: Context, token: string, expiresAt: number, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    expires: new Date(expiresAt),
  })
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'Lax' })
}

/** The token from `Authorization: Bearer`, else from the cookie. */
export function readSessionToken(c: Context): string | null {
  const header = c.req.header('authorization')
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    return match?.[1] ?? null
  }
  return getCookie(c, SESSION_COOKIE) ?? null
}
