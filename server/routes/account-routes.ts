/**
 * The administrator's accounts: list them, change an account's role, deactivate and reactivate
 * it (a councillor leaving office), set a new password (every session of it ends). The rules
 * are those of `npm run admin` (server/users/account-admin.ts). Administrators only.
 */

import { Hono } from 'hono'
import { z } from 'zod'
import type {
  AccountChangeRequest,
  AccountsResponse,
  PasswordResetRequest,
} from '../../shared/api/contract.ts'
import type { Account } from '../../shared/api/retention.ts'
import { USER_ROLES } from '../../shared/policy/roles.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { passwordSchema } from '../auth/credentials.ts'
import { hashPassword } from '../auth/passwords.ts'
import { requireAdmin } from '../auth/require.ts'
import type { Db } from '../db/open-database.ts'
import { bodySchema } from '../http/body-schema.ts'
import { badRequest, HttpError, notFound } from '../http/http-error.ts'
import { readJson } from '../http/read-json.ts'
import { deactivateAccount, reactivateAccount, resetPassword } from '../users/account-admin.ts'

const change = bodySchema<AccountChangeRequest>()(
  z
    .object({
      role: z.enum(USER_ROLES).optional(),
      deactivated: z.boolean().optional(),
    })
    .strict(),
)
const password = bodySchema<PasswordResetRequest>()(z.object({ password: passwordSchema }).strict())

interface Row {
  id: string
  username: string
  role: Account['role']
  is_admin: number
  deactivated_at: number | null
}

const toAccount = (r: Row): Account => ({
  id: r.id,
  username: r.username,
  role: r.role,
  isAdmin: r.is_admin === 1,
  deactivated: r.deactivated_at !== null,
})

function accountOf(db: Db, id: string): Account {
  const row = db
    .prepare('SELECT id, username, role, is_admin, deactivated_at FROM users WHERE id = ?')
    .get(id) as Row | undefined
  if (!row) throw notFound('No such account.')
  return toAccount(row)
}

export function accountRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  app.get('/', (c) => {
    requireAdmin(c)
    const rows = deps.db
      .prepare('SELECT id, username, role, is_admin, deactivated_at FROM users ORDER BY username')
      .all() as Row[]
    return c.json({ accounts: rows.map(toAccount) } satisfies AccountsResponse)
  })

  app.patch('/:id', async (c) => {
    const admin = requireAdmin(c)
    const body = await readJson(c, change)
    if (body.role === undefined && body.deactivated === undefined)
      throw badRequest('Nothing to change: give role or deactivated.')
    const account = accountOf(deps.db, c.req.param('id'))
    if (account.id === admin.id && body.deactivated === true)
      throw new HttpError(403, 'self-deactivation', 'Administrators cannot deactivate their own account.')
    if (body.role !== undefined)
      deps.db.prepare('UPDATE users SET role = ? WHERE id = ?').run(body.role, account.id)
    if (body.deactivated === true) deactivateAccount(deps.db, account.id)
    if (body.deactivated === false) reactivateAccount(deps.db, account.id)
    deps.logger.info({ account: account.id, ...body, by: admin.id }, 'account changed')
    return c.json(accountOf(deps.db, account.id) satisfies Account)
  })

  app.post('/:id/password', async (c) => {
    const admin = requireAdmin(c)
    const body = await readJson(c, password)
    const account = accountOf(deps.db, c.req.param('id'))
    resetPassword(deps.db, account.id, await hashPassword(body.password))
    deps.logger.info({ account: account.id, by: admin.id }, 'password reset')
    return c.body(null, 204)
  })

  return app
}
