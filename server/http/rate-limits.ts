/**
 * Who is knocking, and how often they may get it wrong. The client address is the socket's,
 * or with TRUST_PROXY the X-Forwarded-For entry your own proxy added (counted from the right:
 * everything left of it is what the client wrote). Failed logins slow down per account AND
 * address, and per address across accounts (spraying); successful logins never count. A wrong
 * join code is counted per address, but a right code always passes: 31^8 codes make guessing
 * hopeless at any rate a server answers, and a town hall shares one address.
 */
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import { Backoff } from './backoff.ts'
import { errorBody } from './http-error.ts'

const MINUTE = 60_000
const TOO_MANY = 'Too many attempts, please wait.'

function hopsOf(trustProxy: number | boolean): number {
  if (trustProxy === true) return 1
  if (trustProxy === false) return 0
  return trustProxy
}

/** The socket's peer address; null without a socket (app.request() without bindings). */
function socketAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null
  } catch {
    return null
  }
}

/** `::ffff:10.0.0.1` is 10.0.0.1: one client, one key. */
function normaliseAddress(address: string): string {
  const a = address.trim().toLowerCase()
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a
}

/**
 * The caller's address. With `trustProxy` hops, the entry that many places from the right of
 * X-Forwarded-For; a header too short to have passed all of them falls back to the socket.
 * Tests without a socket pass it as bindings: `app.request(path, init, {incoming: {socket}})`.
 */
export function clientAddress(c: Context, trustProxy: number | boolean): string {
  const hops = hopsOf(trustProxy)
  if (hops > 0) {
    const entries = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)
    const entry = entries[entries.length - hops]
    if (entry) return normaliseAddress(entry)
  }
  const socket = socketAddress(c)
  return socket ? normaliseAddress(socket) : 'unknown'
}

export function isLoopbackAddress(address: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || address === '::1'
}

const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i

/**
 * A request from this machine: a loopback address, addressed to a loopback name (a page that
 * rebinds its own domain to 127.0.0.1 is not local), and without TRUST_PROXY no forwarding
 * header (a proxy on this host would otherwise make every visitor local). With TRUST_PROXY the
 * socket must be loopback too: X-Forwarded-For is only the proxy's word if the proxy sent it, and
 * a LAN peer reaching the port itself (HOST=0.0.0.0) could write `127.0.0.1` there.
 */
export function isLocalRequest(c: Context, trustProxy: number | boolean): boolean {
  const socket = socketAddress(c)
  if (!socket || !isLoopbackAddress(normaliseAddress(socket))) return false
  if (!isLoopbackAddress(clientAddress(c, trustProxy))) return false
  if (!LOOPBACK_HOST.test(new URL(c.req.url).hostname)) return false
  if (hopsOf(trustProxy) === 0) {
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) if (c.req.header(header)) return false
  }
  return true
}

/** 429 with Retry-After in whole seconds. */
export function tooManyAttempts(c: Context, waitMs: number): Response {
  return c.json(errorBody('rate-limited', TOO_MANY), 429, {
    'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))),
  })
}

export interface LoginGuard {
  /** Milliseconds this account and address must still wait before a password is checked. */
  wait(account: string, address: string): number
  failed(account: string, address: string): void
  succeeded(account: string, address: string): void
}

export interface Limits {
  address(c: Context): string
  isLocal(c: Context): boolean
  login: LoginGuard
  /** Counts a wrong join code from this address; the wait it must keep before the next one. */
  wrongCode(address: string): number
  /** Milliseconds this address must wait before another wrong code is answered. */
  codeWait(address: string): number
}

export function accountKey(username: string): string {
  return username.normalize('NFC').trim().toLowerCase()
}

export function createLimits(trustProxy: number | boolean, now: () => number = () => Date.now()): Limits {
  // Three typos are free, then 1 s, 2 s, 4 s … up to 15 min, for this account from this address.
  const pairs = new Backoff(
    { free: 3, baseMs: 1000, maxMs: 15 * MINUTE, forgetMs: 60 * MINUTE, maxKeys: 100_000 },
    now,
  )
  // One address trying many accounts (spraying); a town hall's typos stay far below this.
  const addresses = new Backoff(
    { free: 50, baseMs: 1000, maxMs: 15 * MINUTE, forgetMs: 15 * MINUTE, maxKeys: 100_000 },
    now,
  )
  const codes = new Backoff(
    { free: 100, baseMs: 1000, maxMs: 10 * MINUTE, forgetMs: 10 * MINUTE, maxKeys: 100_000 },
    now,
  )
  const pairKey = (account: string, address: string) => `${accountKey(account)}\n${address}`
  return {
    address: (c) => clientAddress(c, trustProxy),
    isLocal: (c) => isLocalRequest(c, trustProxy),
    login: {
      wait: (account, address) => Math.max(pairs.wait(pairKey(account, address)), addresses.wait(address)),
      failed(account, address) {
        pairs.fail(pairKey(account, address))
        addresses.fail(address)
      },
      // The pair starts over; the address does not, or one valid account would reset a sprayer.
      succeeded: (account, address) => pairs.forget(pairKey(account, address)),
    },
    wrongCode: (address) => codes.fail(address),
    codeWait: (address) => codes.wait(address),
  }
}
