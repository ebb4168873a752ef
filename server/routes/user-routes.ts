/** Account administration. */

import { Hono } from 'hono'
import { z } from 'zod'
import type { NewUserRequest, NewUserResponse } from '../../shared/api/contract.ts'
import { USER_ROLES } from '../../shared/policy/roles.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { passwordSchema, usernameSchema } from '../auth/credentials.ts'
import { hashPassword } from '../auth/passwords.ts'
import { requireAdmin } from '../auth/require.ts'
import { bodySchema } from '../http/body-schema.ts'
import { HttpError } from '../http/http-error.ts'
import { readJson } from '../http/read-json.ts'
import { publicUser } from '../users/user-store.ts'

const newUser = bodySchema<NewUserRequest>()(
  z
    .object({
      username: usernameSchema,
      password: passwordSchema,
      role: z.enum(USER_ROLES),
    })
    .strict(),
)

export function userRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  app.post('/', async (c) => {
    requireAdmin(c)
    const body = await readJson(c, newUser)
    const user = await deps.users.create({
      username: body.username,
      passwordHash: await hashPassword(body.password),
      role: body.role,
      isAdmin: false,
    })
    if (!user) throw new HttpError(409, 'username-taken', 'This username is taken.')
    return c.json({ user: publicUser(user) } satisfies NewUserResponse, 201)
  })

  return app
}
