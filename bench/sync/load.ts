/**
 * Load for one server: y-websocket writers moving their cards, a few y-websocket probes that time
 * every update from write to arrival, and light raw sockets that only do the handshake and count
 * what they receive. Latency comes from the probes; the generator's own event-loop lag is reported
 * so that a run whose load generator fell behind can be thrown out.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type WebSocket from 'ws'
import * as Y from 'yjs'
import { type BenchClient, openClient, rawSocket } from './clients.ts'
import type { RunningPeer } from './servers.ts'

export interface LoadResult {
  sent: number
  latencies: number[]
  probeDelivery: number
  rawDelivery: number
  generatorLagP99Ms: number
}

export async function runLoad(
  peer: RunningPeer,
  options: {
    room: string
    clients: number
    writers: number
    probes: number
    updatesPerSecond: number
    seconds: number
  },
): Promise<LoadResult> {
  const docs: Y.Doc[] = []
  const providers: BenchClient[] = []
  const open = (room: string) => {
    const doc = new Y.Doc()
    const p = openClient(peer, room, doc)
    docs.push(doc)
    providers.push(p)
    return { doc, p }
  }
  const writers = Array.from({ length: options.writers }, () => open(options.room))
  const probes = Array.from({ length: options.probes }, () => open(options.room))
  await Promise.all(providers.map((p) => p.synced))
  writers.forEach(({ doc }, i) => {
    const card = new Y.Map<unknown>()
    card.set('x', 0)
    doc.getMap('notes').set(`w${i}`, card)
  })

  const rawCount = Math.max(0, options.clients - options.writers - options.probes)
  const counter = { frames: 0 }
  const raws: WebSocket[] = []
  for (let i = 0; i < rawCount; i += 20) {
    raws.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(20, rawCount - i) }, () => rawSocket(peer, options.room, counter)),
      )),
    )
  }
  await new Promise((r) => setTimeout(r, 1000))
  const framesBefore = counter.frames

  const sentAt = new Map<string, number>()
  const latencies: number[] = []
  let seen = 0
  for (const { doc } of probes) {
    const last = new Map<string, number>()
    doc.on('update', () => {
      const now = performance.now()
      doc.getMap<Y.Map<unknown>>('notes').forEach((card, key) => {
        const x = card.get('x')
        if (typeof x !== 'number' || x === last.get(key)) return
        last.set(key, x)
        const at = sentAt.get(`${key}:${x}`)
        if (at !== undefined) {
          latencies.push(now - at)
          seen++
        }
      })
    })
  }

  const lag = monitorEventLoopDelay({ resolution: 10 })
  lag.enable()
  const interval = 1000 / options.updatesPerSecond
  const total = Math.round(options.updatesPerSecond * options.seconds)
  let sent = 0
  const started = performance.now()
  await new Promise<void>((resolve) => {
    const tick = () => {
      // Catch up on schedule: as many updates as the clock says are due.
      const due = Math.min(total, Math.floor((performance.now() - started) / interval) + 1)
      while (sent < due) {
        const i = sent % writers.length
        const w = writers[i] as { doc: Y.Doc }
        const x = Math.floor(sent / writers.length) + 1
        sentAt.set(`w${i}:${x}`, performance.now())
        w.doc.getMap<Y.Map<unknown>>('notes').get(`w${i}`)?.set('x', x)
        sent++
      }
      if (sent >= total) resolve()
      else setTimeout(tick, Math.max(0, interval / 2))
    }
    tick()
  })
  await new Promise((r) => setTimeout(r, 2000))
  lag.disable()
  const result: LoadResult = {
    sent,
    latencies,
    probeDelivery: seen / (sent * options.probes),
    rawDelivery: rawCount === 0 ? 1 : (counter.frames - framesBefore) / (sent * rawCount),
    generatorLagP99Ms: lag.percentile(99) / 1e6,
  }
  for (const p of providers) p.destroy()
  for (const d of docs) d.destroy()
  for (const ws of raws) ws.close()
  return result
}
