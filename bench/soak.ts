/**
 * Soak: a long, bounded session against a server running as its own process. Clients sit in one
 * board, writers move their cards, everyone's cursor moves; every interval the script prints the
 * server's memory and CPU and the propagation latency measured by a few probes in that interval.
 * Writers and probes are real `y-websocket` clients; the rest are light sockets that move their
 * cursor and count the updates they receive without keeping a document, so that the generator's
 * own memory (a hundred copies of the board's history) does not grow into the measurement.
 *
 *   npx tsx bench/soak.ts [minutes=30] [clients=100] [updatesPerSecond=20]
 */
import { EventEmitter } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import WebSocket from 'ws'
import type * as Y from 'yjs'
import { addCard, moveCard } from '../shared/board/card-ops.ts'
import { createWorkshop, setupFacilitator } from '../tests/support/api.ts'
import { awarenessMessage } from '../tests/support/raw-client.ts'
import { processStats, spawnServer } from '../tests/support/server-process.ts'
import { connectMany, type SyncClient } from '../tests/support/sync-client.ts'

const MINUTES = Number(process.argv[2] ?? 30)
const CLIENTS = Number(process.argv[3] ?? 100)
const RATE = Number(process.argv[4] ?? 20)
const WRITERS = 10
const PROBES = 3
const REPORT_MS = 30_000
const CURSOR_HZ = 0.5

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN

// Every y-websocket provider adds an exit listener; this script opens many on purpose.
EventEmitter.defaultMaxListeners = 1000
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-soak-'))
const server = await spawnServer(dataDir)
const pid = server.child.pid ?? 0
let clients: SyncClient[] = []
let listeners: Listener[] = []
const timers: NodeJS.Timeout[] = []

interface Listener {
  ws: WebSocket
  /** Sync updates received since counting started. */
  updates: number
}

/** A light client: joins the board, counts the updates it is sent, keeps no document. */
function openListener(baseUrl: string, room: string, token: string): Promise<Listener> {
  const url = new URL(`${baseUrl.replace(/^http/, 'ws')}/sync/${room}`)
  url.searchParams.set('token', token)
  const ws = new WebSocket(url)
  const listener: Listener = { ws, updates: 0 }
  ws.on('message', (data: Buffer) => {
    // messageSync (0), syncUpdate (2): one card move relayed.
    if (data[0] === 0 && data[1] === 2) listener.updates += 1
  })
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(listener))
    ws.once('error', reject)
  })
}

try {
  const token = await setupFacilitator(server.url)
  const { id } = await createWorkshop(server.url, token, 'Dauerlauf')
  clients = await connectMany(server.url, id, token, WRITERS + PROBES)
  for (let i = WRITERS + PROBES; i < CLIENTS; i += 50) {
    const wave = Array.from({ length: Math.min(50, CLIENTS - i) }, () => openListener(server.url, id, token))
    listeners.push(...(await Promise.all(wave)))
  }
  const writers = clients.slice(0, WRITERS)
  const probes = clients.slice(WRITERS, WRITERS + PROBES)
  writers.forEach((w, i) => {
    addCard(w.doc, `w${i}`, { text: `Läufer ${i}`, x: 0, y: i * 100, color: 'yellow' })
  })
  await new Promise((r) => setTimeout(r, 1000))
  for (const listener of listeners) listener.updates = 0

  const sentAt = new Map<string, number>()
  let latencies: number[] = []
  let sent = 0
  let received = 0
  for (const probe of probes) {
    probe.doc.getMap<Y.Map<unknown>>('notes').observeDeep((events) => {
      const now = performance.now()
      for (const event of events) {
        const card = event.target as Y.Map<unknown>
        const key = `${card.get('y')}:${card.get('x')}`
        const at = sentAt.get(key)
        if (at !== undefined) {
          latencies.push(now - at)
          received++
        }
      }
    })
  }
  let n = 0
  timers.push(
    setInterval(() => {
      const i = n % WRITERS
      const x = Math.floor(n / WRITERS) + 1
      sentAt.set(`${i * 100}:${x}`, performance.now())
      moveCard((writers[i] as SyncClient).doc, `w${i}`, x, i * 100)
      sent++
      n++
    }, 1000 / RATE),
  )
  const moveCursor: ((step: number) => void)[] = [
    ...clients.map(
      (c, i) => (step: number) => c.provider.awareness.setLocalStateField('cursor', { x: step, y: i }),
    ),
    ...listeners.map((listener, i) => {
      const clientId = 1_000_000 + i
      return (step: number) => {
        if (listener.ws.readyState !== WebSocket.OPEN) return
        const y = clients.length + i
        listener.ws.send(awarenessMessage([{ clientId, clock: step, state: { cursor: { x: step, y } } }]))
      }
    }),
  ]
  moveCursor.forEach((move, i) => {
    const start = setTimeout(
      () => {
        let step = 0
        timers.push(setInterval(() => move(++step), 1000 / CURSOR_HZ))
      },
      (i / CLIENTS) * (1000 / CURSOR_HZ),
    )
    timers.push(start)
  })

  console.log(
    `Soak, ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} cores: ${CLIENTS} clients, ${WRITERS} writers at ${RATE} updates/s, cursors at ${CURSOR_HZ} Hz, ${MINUTES} min`,
  )
  console.log(
    ' minute | RSS MiB | CPU s (interval) | p50 ms | p99 ms | max ms | delivered probes / light | generator lag max ms | generator RSS MiB',
  )
  // The generator's own stalls show up as latency too; its lag tells the two apart.
  const lag = monitorEventLoopDelay({ resolution: 10 })
  lag.enable()
  const started = Date.now()
  let last = processStats(pid)
  while (Date.now() - started < MINUTES * 60_000) {
    await new Promise((r) => setTimeout(r, REPORT_MS))
    const now = processStats(pid)
    const sorted = [...latencies].sort((a, b) => a - b)
    const delivered = sent === 0 ? 1 : received / (sent * PROBES)
    // Light clients count relayed moves; those still in flight at the cut arrive later.
    const lightDelivered =
      sent === 0 || listeners.length === 0
        ? 1
        : Math.min(...listeners.map((listener) => listener.updates)) / sent
    console.log(
      `${((Date.now() - started) / 60_000).toFixed(1).padStart(7)} | ${String(now.rssMiB).padStart(7)} | ${(now.cpuSeconds - last.cpuSeconds).toFixed(1).padStart(16)} | ${pct(sorted, 50).toFixed(2).padStart(6)} | ${pct(sorted, 99).toFixed(2).padStart(6)} | ${(sorted.at(-1) ?? Number.NaN).toFixed(2).padStart(6)} | ${(delivered * 100).toFixed(1)} % / ${(lightDelivered * 100).toFixed(1)} % | ${(lag.max / 1e6).toFixed(0)} | ${Math.round(process.memoryUsage().rss / 2 ** 20)}`,
    )
    last = now
    // Latency per interval; delivery counts from the start (updates in flight at a cut arrive later).
    latencies = []
    lag.reset()
  }
} finally {
  for (const t of timers) clearInterval(t)
  for (const c of clients) c.destroy()
  for (const listener of listeners) listener.ws.terminate()
  listeners = []
  server.child.kill('SIGTERM')
  await server.exited
  fs.rmSync(dataDir, { recursive: true, force: true })
}
