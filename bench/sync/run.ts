/**
 * Side-by-side sync benchmark, one run, servers in turns, each on a fresh room:
 *
 *   cd bench/sync && npm ci && npx tsx run.ts [seconds=10]
 *
 * Scenario: 200 clients in one room, 10 writers moving cards at 50 and at 200 updates/s in total,
 * 3 probes timing every update, the rest light raw sockets. Then updates lost on `kill -9`.
 * Hocuspocus speaks its own framing (not the y-websocket protocol) and needs its own provider:
 * it is not in this run yet.
 */
import { EventEmitter } from 'node:events'
import os from 'node:os'
import { killNineLoss } from './kill-nine.ts'
import { runLoad } from './load.ts'
import { processStats, type ServerKind, startPeer, stopPeer } from './servers.ts'

const SECONDS = Number(process.argv[2] ?? 10)
// Every y-websocket provider adds an exit listener; a run opens many on purpose.
EventEmitter.defaultMaxListeners = 1000
const ALL: ServerKind[] = [
  'ratswerkstatt',
  'reference',
  'reference-leveldb',
  'hocuspocus',
  'hocuspocus-sqlite',
]
// BENCH_SERVERS=ratswerkstatt,reference runs a subset (for profiling one server).
const KINDS = process.env.BENCH_SERVERS
  ? ALL.filter((k) => process.env.BENCH_SERVERS?.split(',').includes(k))
  : ALL

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

console.log(`Sync benchmark, ${new Date().toISOString()}, ${os.cpus().length} cores, Node ${process.version}`)
console.log(
  'server              | rate/s | p50 ms | p99 ms | max ms | delivery probes/raw | CPU s | peak MiB | lag p99',
)
// BENCH_RATES=200 runs one rate; BENCH_SCENARIOS picks scenarios (see below).
const RATES = (process.env.BENCH_RATES ?? '50,200').split(',').map(Number)
for (const rate of RATES) {
  for (const kind of KINDS) {
    const peer = await startPeer(kind, { rooms: 1 })
    try {
      const before = processStats(peer.pid)
      const r = await runLoad(peer, {
        room: peer.rooms[0] as string,
        clients: 200,
        writers: 10,
        probes: 3,
        updatesPerSecond: rate,
        seconds: SECONDS,
      })
      const after = processStats(peer.pid)
      const sorted = [...r.latencies].sort((a, b) => a - b)
      const f = (n: number) => n.toFixed(2).padStart(6)
      const lagging = r.generatorLagP99Ms > 100 ? ' (generator lagged: thrown out)' : ''
      console.log(
        `${kind.padEnd(19)} | ${String(rate).padStart(6)} | ${f(pct(sorted, 50))} | ${f(pct(sorted, 99))} | ${f(sorted.at(-1) ?? Number.NaN)} | ${(r.probeDelivery * 100).toFixed(1).padStart(6)} % / ${(r.rawDelivery * 100).toFixed(1).padStart(6)} % | ${(after.cpuSeconds - before.cpuSeconds).toFixed(1).padStart(5)} | ${String(after.peakMiB).padStart(8)} | ${r.generatorLagP99Ms.toFixed(0)} ms${lagging}`,
      )
    } finally {
      await stopPeer(peer)
    }
  }
}

if (process.env.BENCH_SKIP_KILL) process.exit(0)
console.log(
  '\nUpdates lost on kill -9 during continuous editing (what an observer had received, missing after restart)',
)
for (const kind of KINDS) {
  const r = await killNineLoss(kind)
  console.log(
    `${kind.padEnd(19)} | observer had ${String(r.seen).padStart(5)} updates | lost after restart: ${r.lost}`,
  )
}
// Providers left by the peers' clients keep timers; the run is over.
process.exit(0)
