/**
 * The servers under test, each started as its own process on 127.0.0.1: Ratswerkstatt (its real
 * entry point, durable writes on), the reference y-websocket server (in memory and with LevelDB),
 * and Hocuspocus 3 (in memory and with SQLite). Each reports its URL, how to name a room, and its pid
 * for CPU and memory readings.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')

export type ServerKind =
  | 'ratswerkstatt'
  | 'ratswerkstatt-normal'
  | 'reference'
  | 'reference-leveldb'
  | 'hocuspocus'
  | 'hocuspocus-sqlite'
export const SERVER_KINDS: ServerKind[] = [
  'ratswerkstatt',
  'ratswerkstatt-normal',
  'reference',
  'reference-leveldb',
  'hocuspocus',
  'hocuspocus-sqlite',
]
export const PERSISTENT: ReadonlySet<ServerKind> = new Set([
  'ratswerkstatt',
  'ratswerkstatt-normal',
  'reference-leveldb',
  'hocuspocus-sqlite',
])

export interface RunningPeer {
  kind: ServerKind
  /** ws:// URL that y-websocket appends the room name to. */
  wsUrl: string
  params: Record<string, string>
  /** Room names to use (Ratswerkstatt rooms are workshops created for the run). */
  rooms: string[]
  pid: number
  child: ChildProcess
  exited: Promise<void>
  dataDir: string
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${out}`)),
      timeoutMs,
    )
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const match = pattern.exec(out)
      if (match) {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        child.stdout?.resume()
        child.stderr?.resume()
        resolve(match)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
    })
  })
}

async function waitForPort(port: number, timeoutMs = 30_000): Promise<void> {
  const started = Date.now()
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end()
        resolve(true)
      })
      socket.on('error', () => resolve(false))
    })
    if (ok) return
    if (Date.now() - started > timeoutMs) throw new Error(`port ${port} never opened`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

async function json(url: string, body: unknown, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`)
  return (await res.json()) as Record<string, string>
}

export async function startPeer(
  kind: ServerKind,
  options: {
    rooms: number
    dataDir?: string
    token?: string
    existingRooms?: string[]
    /** Extra environment for Ratswerkstatt (settings a scenario needs). */
    env?: Record<string, string>
  },
): Promise<RunningPeer> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `bench-${kind}-`))
  const port = await freePort()
  let child: ChildProcess
  let params: Record<string, string> = {}
  let rooms = options.existingRooms ?? Array.from({ length: options.rooms }, (_, i) => `room-${i}`)
  let wsUrl = `ws://127.0.0.1:${port}`
  if (kind.startsWith('ratswerkstatt')) {
    // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server under load.
    const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []
    child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        CLIENT_DIR: '/nonexistent',
        LOG_LEVEL: 'info',
        ADMISSION_PER_SECOND: '2000',
        ADMISSION_BURST: '2000',
        // The variant without an fsync per commit: safe against a crashed process, not a power cut.
        ...(kind === 'ratswerkstatt-normal' ? { DB_SYNCHRONOUS: 'NORMAL' } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    await waitForLine(child, /"url":"http/)
    const base = `http://127.0.0.1:${port}`
    let token = options.token
    if (!token) {
      token = (await json(`${base}/api/setup`, { username: 'bench', password: 'bench-password-123' }))
        .token as string
      rooms = []
      for (let i = 0; i < options.rooms; i++)
        rooms.push((await json(`${base}/api/workshops`, { title: `Bench ${i}` }, token)).id as string)
    }
    params = { token }
    wsUrl = `ws://127.0.0.1:${port}/sync`
  } else if (kind === 'reference' || kind === 'reference-leveldb') {
    child = spawn(process.execPath, [path.join(here, 'node_modules/@y/websocket-server/src/server.js')], {
      cwd: here,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        ...(kind === 'reference-leveldb' ? { YPERSISTENCE: dataDir } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    await waitForPort(port)
  } else {
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(here, 'hocuspocus-server.ts'),
        String(port),
        ...(kind === 'hocuspocus-sqlite' ? [path.join(dataDir, 'db.sqlite')] : []),
      ],
      { cwd: here, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    await waitForLine(child, /ready \d+/)
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return { kind, wsUrl, params, rooms, pid: child.pid ?? 0, child, exited, dataDir }
}

/** Starts a stopped (or killed) peer again on the same data and rooms. */
export function restartPeer(peer: RunningPeer): Promise<RunningPeer> {
  return startPeer(peer.kind, {
    rooms: peer.rooms.length,
    dataDir: peer.dataDir,
    existingRooms: peer.rooms,
    ...(peer.params.token ? { token: peer.params.token } : {}),
  })
}

export async function stopPeer(peer: RunningPeer, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  peer.child.kill(signal)
  await peer.exited
}

/** CPU seconds (user + system) and peak resident memory of a process, from /proc. */
export function processStats(pid: number): { cpuSeconds: number; peakMiB: number; rssMiB: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  const ticks = Number(stat[11] ?? 0) + Number(stat[12] ?? 0)
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  return {
    cpuSeconds: ticks / 100,
    peakMiB: Math.round(kb('VmHWM') / 1024),
    rssMiB: Math.round(kb('VmRSS') / 1024),
  }
}
