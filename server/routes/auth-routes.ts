/** First-run setup, login, logout and "who am I". */
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/passwords.ts'
import { requirePrincipal, requireUser } from '../auth/require.ts'
import { clearSessionCookie, isSecureRequest, setSessionCookie } from '../auth/session-cookie.ts'
import { generateSessionToken } from '../auth/session-store.ts'
import { conflict, HttpError } from '../http/http-error.ts'
import type { Limits } from '../http/rate-limits.ts'
import { readJson } from '../http/read-json.ts'
import { publicUser } from '../users/user-store.ts'

export const usernameSchema = z
  .string()
  .trim()
  .min(2, 'Der Benutzername braucht mindestens 2 Zeichen.')
  .max(64)
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'Der Benutzername darf nur Buchstaben, Ziffern und . _ @ - enthalten.')
export const passwordSchema = z.string().min(10, 'Das Passwort braucht mindestens 10 Zeichen.').max(256)

const credentials = z.object({ username: usernameSchema, password: passwordSchema }).strict()
const loginBody = z.object({ username: z.string().max(64), password: z.string().max(256) }).strict()
const passwordChange = z
  .object({ currentPassword: z.string().max(256), newPassword: passwordSchema })
  .strict()

export function authRoutes(deps: AppDeps, limits: Limits) {
  const app = new Hono<AppEnv>()

  const startSession = (c: Context<AppEnv>, userId: string) => {
    const token = generateSessionToken()
    const expiresAt = deps.sessions.create(token, { userId })
    setSessionCookie(c, token, expiresAt, isSecureRequest(c, deps.config.publicUrl))
    return token
  }

  app.get('/setup', (c) => c.json({ needed: deps.users.count() === 0 }))

  app.post('/setup', async (c) => {
    const body = await readJson(c, credentials)
    if (deps.users.count() > 0) throw conflict('This instance is already set up.')
    const user = deps.users.createFirst({
      username: body.username,
      passwordHash: await hashPassword(body.password),
    })
    if (!user) throw conflict('This instance is already set up.')
    deps.logger.info({ user: user.id }, 'first account created')
    return c.json({ user: publicUser(user), token: startSession(c, user.id) }, 201)
  })

  app.post('/login', limits.loginPerAddress, limits.loginPerAccount, async (c) => {
    const body = await readJson(c, loginBody)
    const user = deps.users.byUsername(body.username.trim())
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), body.password)
    if (!user || !valid)
      throw new HttpError(401, 'invalid-credentials', 'Benutzername oder Passwort ist falsch.')
    return c.json({ user: publicUser(user), token: startSession(c, user.id) })
  })

  app.post('/logout', (c) => {
    const principal = c.get('principal')
    if (principal) deps.sessions.invalidate(principal.sessionId)
    clearSessionCookie(c, isSecureRequest(c, deps.config.publicUrl))
    return c.body(null, 204)
  })

  app.post('/password', limits.loginPerAddress, async (c) => {
    const user = requireUser(c)
    const body = await readJson(c, passwordChange)
    const stored = deps.users.byId(user.id)
    if (!stored || !(await verifyPassword(stored.passwordHash, body.currentPassword))) {
      throw new HttpError(401, 'invalid-credentials', 'Das bisherige Passwort ist falsch.')
    }
    deps.users.setPasswordHash(user.id, await hashPassword(body.newPassword))
    // A new password ends every session, on every device; this one gets a fresh session.
    deps.sessions.invalidateAllOfUser(user.id)
    return c.json({ token: startSession(c, user.id) })
  })

  app.get('/me', (c) => {
    const principal = requirePrincipal(c)
    if (principal.kind === 'user') return c.json({ kind: 'user', user: publicUser(principal.user) })
    return c.json({ kind: 'guest', guest: principal.guest })
  })

  return app
}
