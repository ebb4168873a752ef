/**
 * Editing load on one or many rooms: in each room, y-websocket writers moving their cards, a few
 * y-websocket probes that time every update from write to arrival, and light raw sockets (in a
 * process of their own, crowd.ts) that only do the handshake and count what they receive. Latency comes from the probes; the
 * generator's own event-loop lag is reported so that a run whose generator fell behind can be
 * thrown out.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as Y from 'yjs'
import { type BenchClient, openClient } from './clients.ts'
import { Crowd } from './crowd.ts'
import type { RunningPeer } from './servers.ts'
import { sleep } from './stats.ts'

export interface LoadResult {
  sent: number
  latencies: number[]
  probeDelivery: number
  rawDelivery: number
  generatorLagP99Ms: number
}

export interface LoadOptions {
  rooms: string[]
  clientsPerRoom: number
  writersPerRoom: number
  probesPerRoom: number
  /** In total, over all rooms. */
  updatesPerSecond: number
  seconds: number
}

interface Writer {
  room: string
  index: number
  doc: Y.Doc
}

export async function runLoad(peer: RunningPeer, options: LoadOptions): Promise<LoadResult> {
  const docs: Y.Doc[] = []
  const providers: BenchClient[] = []
  const open = (room: string) => {
    const doc = new Y.Doc()
    providers.push(openClient(peer, room, doc))
    docs.push(doc)
    return doc
  }
  const writers: Writer[] = []
  const probes: { room: string; doc: Y.Doc }[] = []
  for (const room of options.rooms) {
    for (let i = 0; i < options.writersPerRoom; i++) writers.push({ room, index: i, doc: open(room) })
    for (let i = 0; i < options.probesPerRoom; i++) probes.push({ room, doc: open(room) })
    // Joining in waves keeps the handshake burst within every server's admission.
    if (providers.length % 100 === 0) await Promise.all(providers.map((p) => p.synced))
  }
  await Promise.all(providers.map((p) => p.synced))
  for (const w of writers) {
    const card = new Y.Map<unknown>()
    card.set('x', 0)
    w.doc.getMap('notes').set(`w${w.index}`, card)
  }

  const rawPerRoom = Math.max(0, options.clientsPerRoom - options.writersPerRoom - options.probesPerRoom)
  const wanted = options.rooms.flatMap((room) => Array.from({ length: rawPerRoom }, () => room))
  const crowd = wanted.length > 0 ? await Crowd.open(peer, wanted) : null
  await sleep(1000)
  const framesBefore = (await crowd?.count())?.frames ?? 0

  const sentAt = new Map<string, number>()
  const latencies: number[] = []
  let seen = 0
  for (const { room, doc } of probes) {
    const last = new Map<string, number>()
    doc.on('update', () => {
      const now = performance.now()
      doc.getMap<Y.Map<unknown>>('notes').forEach((card, key) => {
        const x = card.get('x')
        if (typeof x !== 'number' || x === last.get(key)) return
        last.set(key, x)
        const at = sentAt.get(`${room}:${key}:${x}`)
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
        const w = writers[sent % writers.length] as Writer
        const x = Math.floor(sent / writers.length) + 1
        sentAt.set(`${w.room}:w${w.index}:${x}`, performance.now())
        w.doc.getMap<Y.Map<unknown>>('notes').get(`w${w.index}`)?.set('x', x)
        sent++
      }
      if (sent >= total) resolve()
      else setTimeout(tick, Math.max(0, interval / 2))
    }
    tick()
  })
  await sleep(2000)
  lag.disable()
  const framesAfter = (await crowd?.count())?.frames ?? 0
  const result: LoadResult = {
    sent,
    latencies,
    probeDelivery: seen / (sent * options.probesPerRoom),
    rawDelivery: rawPerRoom === 0 ? 1 : (framesAfter - framesBefore) / (sent * rawPerRoom),
    generatorLagP99Ms: lag.percentile(99) / 1e6,
  }
  for (const p of providers) p.destroy()
  for (const d of docs) d.destroy()
  await crowd?.close()
  return result
}
