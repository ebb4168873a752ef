/**
 * Server configuration from the environment, read through one zod schema. Every setting has a
 * safe default so that `npm start` works on a fresh machine; a bad value is refused with one
 * line that names the variable (`ConfigError`), never a stack trace or a silent fallback.
 */
import path from 'node:path'
import { z } from 'zod'

export interface Config {
  port: number
  host: string
  dataDir: string
  /** Public origin for links, cookies and the Origin check behind a proxy, e.g. https://www.stadt.de */
  publicUrl: string | null
  /** The path PUBLIC_URL serves the app under, without trailing slash ('' at the root), e.g. /ratswerkstatt */
  basePath: string
  /**
   * PostgreSQL to store everything in (`postgres://` or `postgresql://`); null: the SQLite file in
   * `dataDir`, which then holds only the pid file.
   */
  databaseUrl: string | null
  /** The PostgreSQL schema the tables live in (`public` by default; tests use one each). */
  databaseSchema: string
  /** Where the built client lives; null serves no static files (API-only tests). */
  clientDir: string | null
  /** PRAGMA synchronous: FULL survives a power cut, NORMAL only a process crash. */
  syncMode: 'FULL' | 'NORMAL'
  /** Largest WebSocket frame accepted from a client, sized above a big board's full sync. */
  maxFrameBytes: number
  /** Connections one workshop may have open at once. */
  maxConnectionsPerWorkshop: number
  /** New sync connections admitted per second, and in a burst (reconnect storms queue). */
  admissionPerSecond: number
  admissionBurst: number
  /** Messages a second one sync connection may send before it is cut off. */
  clientMessagesPerSecond: number
  /** Commit room updates on a thread of their own (`COMMIT_THREAD=on`) or on the event loop. */
  commitThread: boolean
  /**
   * Proxies of your own in front of the server (0: none). The client address is then the entry
   * that many hops from the right of X-Forwarded-For: the one your outermost proxy added.
   */
  trustProxy: number
  /** Guests a workshop admits unless its facilitator set a cap of its own (0: no cap). */
  maxGuestsPerWorkshop: number
  logLevel: LogLevel
  /** Bearer token for /metrics from elsewhere than this machine; null: loopback only. */
  metricsToken: string | null
  /** How long shutdown waits for requests in flight before it cuts them off. */
  shutdownGraceMs: number
  /** The minutes list attendees by name under their role (`MINUTES_NAMES=on`), or only count them. */
  minutesNames: boolean
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** A refused setting: its message is the one line to show, naming the variable. */
export class ConfigError extends Error {}

const blank = (raw: string | undefined): raw is undefined => raw === undefined || raw.trim() === ''

function wholeNumber(fallback: number, min: number, max: number, meaning: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (blank(raw)) return fallback
      const n = Number(raw.trim())
      if (Number.isInteger(n) && n >= min && n <= max) return n
      ctx.addIssue({ code: 'custom', message: `must be ${meaning} (a whole number from ${min} to ${max})` })
      return z.NEVER
    })
}

function oneOf<const T extends string>(fallback: T, values: readonly T[], normalise: (v: string) => string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (blank(raw)) return fallback
      const v = normalise(raw.trim()) as T
      if (values.includes(v)) return v
      ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}` })
      return z.NEVER
    })
}

const onOff = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (blank(raw)) return fallback
      const v = raw.trim().toLowerCase()
      if (v === 'on' || v === 'true' || v === '1') return true
      if (v === 'off' || v === 'false' || v === '0') return false
      ctx.addIssue({ code: 'custom', message: 'must be on or off' })
      return z.NEVER
    })

/** A hop count, or true/false for one proxy or none (older configurations). */
const trustProxy = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (blank(raw)) return 0
    const v = raw.trim().toLowerCase()
    if (v === 'false' || v === 'off') return 0
    if (v === 'true' || v === 'on') return 1
    const hops = Number(v)
    if (/^\d+$/.test(v) && hops <= 10) return hops
    ctx.addIssue({ code: 'custom', message: 'must be the number of your own proxies (0-10) or true/false' })
    return z.NEVER
  })

/** Origin and base path; a path serves the app under it (`https://www.stadt.de/ratswerkstatt/`). */
const publicUrl = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (blank(raw)) return { origin: null, basePath: '' }
    let url: URL | null = null
    try {
      url = new URL(raw.trim())
    } catch {
      url = null
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be an http or https URL without query, such as https://www.stadt.de/ratswerkstatt/',
      })
      return z.NEVER
    }
    return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') }
  })

/** A PostgreSQL connection URL; unset keeps the SQLite file. */
const databaseUrl = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (blank(raw)) return null
    let url: URL | null = null
    try {
      url = new URL(raw.trim())
    } catch {
      url = null
    }
    if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') || !url.hostname) {
      ctx.addIssue({
        code: 'custom',
        message:
          'must be a PostgreSQL URL such as postgres://user:password@host:5432/database (unset: the SQLite file in DATA_DIR)',
      })
      return z.NEVER
    }
    return raw.trim()
  })

/** A URL as logs may show it: the password replaced. */
export function withoutPassword(raw: string): string {
  try {
    const url = new URL(raw)
    if (url.password) url.password = '***'
    return url.toString()
  } catch {
    return '[unreadable URL]'
  }
}

const optionalText = (min: number, meaning: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (blank(raw)) return null
      if (raw.trim().length >= min) return raw.trim()
      ctx.addIssue({ code: 'custom', message: meaning })
      return z.NEVER
    })

const text = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((raw) => (blank(raw) ? fallback : raw.trim()))

const MAX = 2 ** 31 - 1

/** Every variable the server reads; add a new one here, with its default and its rule. */
const envSchema = z.object({
  PORT: wholeNumber(3000, 1, 65535, 'a TCP port'),
  HOST: text('127.0.0.1'),
  DATA_DIR: text('./data'),
  DATABASE_URL: databaseUrl,
  DATABASE_SCHEMA: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (blank(raw)) return 'public'
      if (/^[a-z_][a-z0-9_]{0,62}$/.test(raw.trim())) return raw.trim()
      ctx.addIssue({ code: 'custom', message: 'must be lower-case letters, digits and underscores' })
      return z.NEVER
    }),
  PUBLIC_URL: publicUrl,
  CLIENT_DIR: text('./dist/client'),
  DB_SYNCHRONOUS: oneOf('FULL', ['FULL', 'NORMAL'] as const, (v) => v.toUpperCase()),
  MAX_FRAME_BYTES: wholeNumber(32 * 1024 * 1024, 1024, MAX, 'the largest WebSocket frame in bytes'),
  MAX_CONNECTIONS_PER_WORKSHOP: wholeNumber(1000, 1, 1_000_000, 'the connections one workshop may hold'),
  ADMISSION_PER_SECOND: wholeNumber(100, 1, 100_000, 'the connections admitted per second'),
  ADMISSION_BURST: wholeNumber(200, 1, 100_000, 'the connections admitted at once'),
  CLIENT_MESSAGES_PER_SECOND: wholeNumber(200, 1, 100_000, 'the messages per second of one connection'),
  // Off by default: on 2 cores it measured the same latency for 20 % more CPU (docs/benchmarks.md).
  COMMIT_THREAD: onOff(false),
  TRUST_PROXY: trustProxy,
  MAX_GUESTS_PER_WORKSHOP: wholeNumber(1000, 0, 1_000_000, 'the guests a workshop admits (0: no cap)'),
  LOG_LEVEL: oneOf('info', LOG_LEVELS, (v) => v.toLowerCase()),
  METRICS_TOKEN: optionalText(16, 'must be at least 16 characters long'),
  SHUTDOWN_GRACE_SECONDS: wholeNumber(10, 0, 600, 'the seconds shutdown waits for requests'),
  // Off by default: names in a filed record are personal data kept for as long as the record.
  MINUTES_NAMES: onOff(false),
})

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse({ ...env })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const name = String(issue?.path[0] ?? 'configuration')
    const got = name === 'DATABASE_URL' ? withoutPassword(env[name] ?? '') : (env[name] ?? '')
    throw new ConfigError(`${name} ${issue?.message ?? 'is invalid'}, got "${got}"`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    publicUrl: e.PUBLIC_URL.origin,
    basePath: e.PUBLIC_URL.basePath,
    clientDir: path.resolve(cwd, e.CLIENT_DIR),
    syncMode: e.DB_SYNCHRONOUS,
    maxFrameBytes: e.MAX_FRAME_BYTES,
    maxConnectionsPerWorkshop: e.MAX_CONNECTIONS_PER_WORKSHOP,
    admissionPerSecond: e.ADMISSION_PER_SECOND,
    admissionBurst: e.ADMISSION_BURST,
    clientMessagesPerSecond: e.CLIENT_MESSAGES_PER_SECOND,
    commitThread: e.COMMIT_THREAD,
    trustProxy: e.TRUST_PROXY,
    maxGuestsPerWorkshop: e.MAX_GUESTS_PER_WORKSHOP,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    minutesNames: e.MINUTES_NAMES,
  }
}

/** The configuration as the start log shows it: every value, secrets only as set or not. */
export function effectiveConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    databaseUrl: config.databaseUrl ? withoutPassword(config.databaseUrl) : null,
    metricsToken: config.metricsToken ? '[set]' : null,
  }
}
