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
import { bodySchema } from '../http/body-schema.ts'
import { badRequest, HttpError, notFound } from '../http/http-error.ts'
import { readJson } from '../http/read-json.ts'
import {
  accountById,
  deactivateAccount,
  listAccounts,
  reactivateAccount,
  resetPassword,
  setAccountRole,
} from '../users/account-admin.ts'

const change = bodySchema<AccountChangeRequest>()(
  z
    .object({
      role: z.enum(USER_ROLES).optional(),
      deactivated: z.boolean().optional(),
    })
    .strict(),
)
const password = bodySchema<PasswordResetRequest>()(z.object({ password: passwordSchema }).strict())

async function accountOf(deps: AppDeps, id: string): Promise<Account> {
  const account = await accountById(deps.sql, id)
  if (!account) throw notFound('No such account.')
  return account
}

export function accountRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  app.get('/', async (c) => {
    requireAdmin(c)
    return c.json({ accounts: await listAccounts(deps.sql) } satisfies AccountsResponse)
  })

  app.patch('/:id', async (c) => {
    const admin = requireAdmin(c)
    const body = await readJson(c, change)
    if (body.role === undefined && body.deactivated === undefined)
      throw badRequest('Nothing to change: give role or deactivated.')
    const account = await accountOf(deps, c.req.param('id'))
    if (account.id === admin.id && body.deactivated === true)
      throw new HttpError(403, 'self-deactivation', 'Administrators cannot deactivate their own account.')
    if (body.role !== undefined) await setAccountRole(deps.sql, account.id, body.role)
    if (body.deactivated === true) await deactivateAccount(deps.sql, account.id)
    if (body.deactivated === false) await reactivateAccount(deps.sql, account.id)
    deps.logger.info({ account: account.id, ...body, by: admin.id }, 'account changed')
    return c.json((await accountOf(deps, account.id)) satisfies Account)
  })

  app.post('/:id/password', async (c) => {
    const admin = requireAdmin(c)
    const body = await readJson(c, password)
    const account = await accountOf(deps, c.req.param('id'))
    await resetPassword(deps.sql, account.id, await hashPassword(body.password))
    deps.logger.info({ account: account.id, by: admin.id }, 'password reset')
    return c.body(null, 204)
  })

  return app
}
