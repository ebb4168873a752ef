/**
 * Presence load: everyone in one room moves their cursor twice a second. A few probes (real
 * providers) time each other's cursor updates; the rest are raw sockets that send cursors in
 * the y-websocket awareness encoding and count the presence frames they receive.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as Y from 'yjs'
import { type BenchClient, openClient, type RawClient, rawClient } from './clients.ts'
import type { LoadResult } from './load.ts'
import type { RunningPeer } from './servers.ts'
import { sleep } from './stats.ts'

const PROBE_MARK = 1_000_000

export async function runCursors(
  peer: RunningPeer,
  options: { room: string; clients: number; probes: number; hz: number; seconds: number },
): Promise<LoadResult> {
  const docs = Array.from({ length: options.probes }, () => new Y.Doc())
  const probes: BenchClient[] = docs.map((doc) => openClient(peer, options.room, doc))
  await Promise.all(probes.map((p) => p.synced))
  const counter = { frames: 0, awareness: 0 }
  const raws: RawClient[] = []
  const rawCount = options.clients - options.probes
  for (let i = 0; i < rawCount; i += 20) {
    const wave = Array.from({ length: Math.min(20, rawCount - i) }, () =>
      rawClient(peer, options.room, counter),
    )
    raws.push(...(await Promise.all(wave)))
  }
  await sleep(1000)

  // A probe's cursor carries y = PROBE_MARK + its index and x = a sequence number.
  const sentAt = new Map<string, number>()
  const latencies: number[] = []
  let seen = 0
  probes.forEach((probe, me) => {
    const last = new Map<number, number>()
    probe.awareness.on('change', () => {
      const now = performance.now()
      probe.awareness.getStates().forEach((state) => {
        const cursor = state.cursor as { x: number; y: number } | undefined
        if (!cursor || cursor.y < PROBE_MARK || cursor.y === PROBE_MARK + me) return
        if (last.get(cursor.y) === cursor.x) return
        last.set(cursor.y, cursor.x)
        const at = sentAt.get(`${cursor.y}:${cursor.x}`)
        if (at !== undefined) {
          latencies.push(now - at)
          seen++
        }
      })
    })
  })

  const lag = monitorEventLoopDelay({ resolution: 10 })
  lag.enable()
  const awarenessBefore = counter.awareness
  let rawSent = 0
  let probeSent = 0
  const period = 1000 / options.hz
  // Spread the senders over the period so the load is even, not one burst per period.
  const senders = [...raws.map((raw, i) => ({ raw, i })), ...probes.map((probe, i) => ({ probe, i }))]
  const timers = senders.map((sender, k) => {
    let seq = 0
    const send = () => {
      seq++
      if ('raw' in sender) {
        sender.raw.sendCursor(seq, sender.i)
        rawSent++
      } else {
        sentAt.set(`${PROBE_MARK + sender.i}:${seq}`, performance.now())
        sender.probe.awareness.setLocalStateField('cursor', { x: seq, y: PROBE_MARK + sender.i })
        probeSent++
      }
    }
    const offset = (k / senders.length) * period
    let interval: NodeJS.Timeout | undefined
    const start = setTimeout(() => {
      send()
      interval = setInterval(send, period)
    }, offset)
    return () => {
      clearTimeout(start)
      clearInterval(interval)
    }
  })
  await sleep(options.seconds * 1000)
  for (const stop of timers) stop()
  await sleep(2000)
  lag.disable()
  const totalSent = rawSent + probeSent
  const result: LoadResult = {
    sent: totalSent,
    latencies,
    probeDelivery: seen / (probeSent * (options.probes - 1)),
    // Every presence update reaches every raw socket (servers echo it to the sender too).
    rawDelivery: (counter.awareness - awarenessBefore) / (totalSent * rawCount),
    generatorLagP99Ms: lag.percentile(99) / 1e6,
  }
  for (const p of probes) p.destroy()
  for (const d of docs) d.destroy()
  for (const raw of raws) raw.ws.close()
  return result
}
