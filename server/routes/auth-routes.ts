/**
 * First-run setup (loopback, or with the setup code from the log), login under a growing
 * delay per account and address, logout and "who am I".
 */
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type {
  LoginRequest,
  Me,
  PasswordChangeRequest,
  PasswordChangeResponse,
  SessionResponse,
  SetupRequest,
  SetupStatus,
} from '../../shared/api/contract.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { passwordSchema, usernameSchema } from '../auth/credentials.ts'
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/passwords.ts'
import { clearEndedSessionCookies } from '../auth/presented-session.ts'
import { requirePrincipal, requireUser } from '../auth/require.ts'
import { isSecureRequest, namedIdentity, readSessionToken, setSessionCookie } from '../auth/session-cookie.ts'
import { generateSessionToken } from '../auth/session-store.ts'
import { bodySchema } from '../http/body-schema.ts'
import { HttpError } from '../http/http-error.ts'
import { type Limits, tooManyAttempts } from '../http/rate-limits.ts'
import { readJson } from '../http/read-json.ts'
import { isDeactivated } from '../users/account-admin.ts'
import { publicUser } from '../users/user-store.ts'

const setupBody = bodySchema<SetupRequest>()(
  z
    .object({ username: usernameSchema, password: passwordSchema, setupCode: z.string().max(64).optional() })
    .strict(),
)
const loginBody = bodySchema<LoginRequest>()(
  z.object({ username: z.string().max(64), password: z.string().max(256) }).strict(),
)
const passwordChange = bodySchema<PasswordChangeRequest>()(
  z.object({ currentPassword: z.string().max(256), newPassword: passwordSchema }).strict(),
)

export function authRoutes(deps: AppDeps, limits: Limits) {
  const app = new Hono<AppEnv>()

  const startSession = async (c: Context<AppEnv>, userId: string) => {
    const token = generateSessionToken()
    const expiresAt = await deps.sessions.create(token, { userId })
    setSessionCookie(c, token, expiresAt, isSecureRequest(c, deps.config.publicUrl))
    return token
  }

  // `codeRequired`: a visitor from elsewhere needs the code from the server's log.
  app.get('/setup', async (c) =>
    c.json({
      needed: (await deps.users.count()) === 0,
      codeRequired: !limits.isLocal(c),
    } satisfies SetupStatus),
  )

  app.post('/setup', async (c) => {
    const body = await readJson(c, setupBody)
    if ((await deps.users.count()) > 0)
      throw new HttpError(409, 'already-set-up', 'This instance is already set up.')
    const check = await deps.setup.check(body.setupCode, limits.isLocal(c))
    if (check === 'setup-code-required')
      throw new HttpError(403, check, 'Please give the setup code from the server log.')
    if (check === 'invalid-setup-code') throw new HttpError(403, check, 'This setup code is wrong.')
    const user = await deps.users.createFirst({
      username: body.username,
      passwordHash: await hashPassword(body.password),
    })
    if (!user) throw new HttpError(409, 'already-set-up', 'This instance is already set up.')
    deps.setup.spend()
    deps.logger.info({ user: user.id }, 'first account created')
    return c.json(
      { user: publicUser(user), token: await startSession(c, user.id) } satisfies SessionResponse,
      201,
    )
  })

  /** Checks a password under the login backoff; a 429 answer when this pair must still wait. */
  const checkPassword = async (
    c: Context<AppEnv>,
    account: string,
    passwordHash: string | null,
    password: string,
  ): Promise<Response | boolean> => {
    const address = limits.address(c)
    const wait = limits.login.wait(account, address)
    if (wait > 0) return tooManyAttempts(c, wait)
    const valid = await verifyPassword(passwordHash ?? (await dummyPasswordHash()), password)
    if (valid && passwordHash) limits.login.succeeded(account, address)
    else limits.login.failed(account, address)
    return valid && passwordHash !== null
  }

  app.post('/login', async (c) => {
    const body = await readJson(c, loginBody)
    const username = body.username.trim()
    const user = await deps.users.byUsername(username)
    const checked = await checkPassword(c, username, user?.passwordHash ?? null, body.password)
    if (checked instanceof Response) return checked
    if (!user || !checked) throw new HttpError(401, 'invalid-credentials', 'Wrong username or password.')
    if (await isDeactivated(deps.sql, user.id))
      throw new HttpError(403, 'account-deactivated', 'This account has been deactivated.')
    return c.json({ user: publicUser(user), token: await startSession(c, user.id) } satisfies SessionResponse)
  })

  app.post('/logout', async (c) => {
    // Ends the session presented (with X-RW-As: that tab's guest alone) and clears its cookies.
    const principal = c.get('principal')
    if (principal) await deps.sessions.invalidate(principal.sessionId)
    const presented = { token: readSessionToken(c), named: namedIdentity(c), principal }
    clearEndedSessionCookies(c, presented, isSecureRequest(c, deps.config.publicUrl))
    return c.body(null, 204)
  })

  app.post('/password', async (c) => {
    const user = requireUser(c)
    const body = await readJson(c, passwordChange)
    const stored = await deps.users.byId(user.id)
    const checked = await checkPassword(c, user.username, stored?.passwordHash ?? null, body.currentPassword)
    if (checked instanceof Response) return checked
    if (!stored || !checked) {
      throw new HttpError(401, 'wrong-password', 'The current password is wrong.')
    }
    const hash = await hashPassword(body.newPassword)
    await deps.users.setPasswordHash(user.id, hash)
    // A new password ends every session, on every device; this one gets a fresh session.
    await deps.sessions.invalidateAllOfUser(user.id)
    return c.json({ token: await startSession(c, user.id) } satisfies PasswordChangeResponse)
  })

  app.get('/me', (c) => {
    const principal = requirePrincipal(c)
    if (principal.kind === 'user')
      return c.json({ kind: 'user', user: publicUser(principal.user) } satisfies Me)
    return c.json({ kind: 'guest', guest: principal.guest } satisfies Me)
  })

  return app
}
