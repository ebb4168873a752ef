/**
 * Rate limits on the doors people knock on: login (per address and per account) and joining
 * (per address, sized for a whole town hall behind one address; failed codes much tighter,
 * which makes guessing a join code impractical). Answers are 429 with Retry-After.
 */
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import { rateLimiter } from 'hono-rate-limiter'
import type { AppEnv } from '../app-context.ts'
import { errorBody } from './http-error.ts'

const MINUTE = 60_000

/** The caller's address; X-Forwarded-For only when the operator says a proxy sets it. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
    if (forwarded) return forwarded
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // app.request() in tests has no socket.
    return 'unknown'
  }
}

function limiter(
  options: { windowMs: number; limit: number; onlyFailures?: boolean; message: string },
  key: (c: Context<AppEnv>) => Promise<string> | string,
): MiddlewareHandler<AppEnv> {
  return rateLimiter<AppEnv>({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-6',
    skipSuccessfulRequests: options.onlyFailures ?? false,
    keyGenerator: key,
    handler: (c) => c.json(errorBody('rate-limited', options.message), 429),
  })
}

async function usernameOf(c: Context<AppEnv>): Promise<string> {
  try {
    const body = (await c.req.json()) as { username?: unknown }
    return typeof body.username === 'string' ? body.username.trim().toLowerCase() : ''
  } catch {
    return ''
  }
}

export interface Limits {
  loginPerAddress: MiddlewareHandler<AppEnv>
  loginPerAccount: MiddlewareHandler<AppEnv>
  joinPerAddress: MiddlewareHandler<AppEnv>
  failedJoinPerAddress: MiddlewareHandler<AppEnv>
}

export function createLimits(trustProxy: boolean): Limits {
  const address = (c: Context<AppEnv>) => clientAddress(c, trustProxy)
  const tooMany = 'Zu viele Versuche. Bitte warten Sie einen Moment. / Too many attempts, please wait.'
  return {
    loginPerAddress: limiter({ windowMs: 15 * MINUTE, limit: 50, message: tooMany }, address),
    loginPerAccount: limiter(
      { windowMs: 15 * MINUTE, limit: 10, onlyFailures: true, message: tooMany },
      async (c) => {
        return `account:${await usernameOf(c)}`
      },
    ),
    joinPerAddress: limiter({ windowMs: 10 * MINUTE, limit: 500, message: tooMany }, address),
    failedJoinPerAddress: limiter(
      { windowMs: 10 * MINUTE, limit: 30, onlyFailures: true, message: tooMany },
      address,
    ),
  }
}
