/**
 * Server configuration from the environment. Every setting has a safe default so that
 * `npm start` works on a fresh machine.
 */
import path from 'node:path'

export interface Config {
  port: number
  host: string
  dataDir: string
  /** Public origin for links and QR codes behind a proxy, e.g. https://werkstatt.example.de */
  publicUrl: string | null
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
  logLevel: string
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${value}"`)
  return n
}

function publicUrlFrom(value: string | undefined): string | null {
  if (!value) return null
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute URL such as https://werkstatt.example.de, got "${value}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error('PUBLIC_URL must use http or https')
  return url.origin
}

function trustProxyFrom(value: string | undefined): number {
  const v = (value ?? '').trim().toLowerCase()
  if (v === '' || v === 'false' || v === 'off') return 0
  if (v === 'true' || v === 'on') return 1
  const hops = Number(v)
  if (!Number.isInteger(hops) || hops < 0 || hops > 10)
    throw new Error(`TRUST_PROXY must be the number of your own proxies (0-10) or true/false, got "${value}"`)
  return hops
}

function commitThreadFrom(value: string | undefined): boolean {
  const v = (value ?? 'off').toLowerCase()
  if (v !== 'on' && v !== 'off') throw new Error('COMMIT_THREAD must be on or off')
  // Off by default: on 2 cores it measured the same latency for 20 % more CPU (docs/benchmarks.md).
  return v === 'on'
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const syncMode = (env.DB_SYNCHRONOUS ?? 'FULL').toUpperCase()
  if (syncMode !== 'FULL' && syncMode !== 'NORMAL') throw new Error('DB_SYNCHRONOUS must be FULL or NORMAL')
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(cwd, env.DATA_DIR || './data'),
    publicUrl: publicUrlFrom(env.PUBLIC_URL),
    clientDir: path.resolve(cwd, env.CLIENT_DIR || './dist/client'),
    syncMode,
    maxFrameBytes: intFrom(env.MAX_FRAME_BYTES, 32 * 1024 * 1024, 'MAX_FRAME_BYTES'),
    maxConnectionsPerWorkshop: intFrom(
      env.MAX_CONNECTIONS_PER_WORKSHOP,
      1000,
      'MAX_CONNECTIONS_PER_WORKSHOP',
    ),
    admissionPerSecond: intFrom(env.ADMISSION_PER_SECOND, 100, 'ADMISSION_PER_SECOND') || 100,
    admissionBurst: intFrom(env.ADMISSION_BURST, 200, 'ADMISSION_BURST') || 200,
    commitThread: commitThreadFrom(env.COMMIT_THREAD),
    clientMessagesPerSecond:
      intFrom(env.CLIENT_MESSAGES_PER_SECOND, 200, 'CLIENT_MESSAGES_PER_SECOND') || 200,
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
    maxGuestsPerWorkshop: intFrom(env.MAX_GUESTS_PER_WORKSHOP, 1000, 'MAX_GUESTS_PER_WORKSHOP'),
    logLevel: env.LOG_LEVEL || 'info',
  }
}
