/**
 * Presence load: everyone in one room moves their cursor twice a second. A few probes (real
 * providers) time each other's cursor updates; the rest are raw sockets (in a process of their
 * own, crowd.ts) that send cursors in the awareness encoding and count the presence frames.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as Y from 'yjs'
import { type BenchClient, openClient } from './clients.ts'
import { Crowd } from './crowd.ts'
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
  const rawCount = options.clients - options.probes
  const crowd = await Crowd.open(
    peer,
    Array.from({ length: rawCount }, () => options.room),
  )
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
  const before = await crowd.count()
  crowd.cursors(options.hz)
  let probeSent = 0
  const period = 1000 / options.hz
  const timers = probes.map((probe, i) => {
    let seq = 0
    return setInterval(() => {
      seq++
      sentAt.set(`${PROBE_MARK + i}:${seq}`, performance.now())
      probe.awareness.setLocalStateField('cursor', { x: seq, y: PROBE_MARK + i })
      probeSent++
    }, period)
  })
  await sleep(options.seconds * 1000)
  crowd.stopCursors()
  for (const t of timers) clearInterval(t)
  await sleep(2000)
  lag.disable()
  const after = await crowd.count()
  const totalSent = after.cursorsSent - before.cursorsSent + probeSent
  const result: LoadResult = {
    sent: totalSent,
    latencies,
    probeDelivery: seen / (probeSent * (options.probes - 1)),
    // Every presence update reaches every raw socket (servers echo it to the sender too).
    rawDelivery: (after.awareness - before.awareness) / (totalSent * rawCount),
    generatorLagP99Ms: lag.percentile(99) / 1e6,
  }
  for (const p of probes) p.destroy()
  for (const d of docs) d.destroy()
  await crowd.close()
  return result
}
