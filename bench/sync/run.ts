/**
 * Side-by-side sync benchmark: one run, servers in turns, each as its own process on a fresh room.
 *
 *   cd bench/sync && npm ci && npx tsx run.ts [seconds=10]
 *
 * BENCH_SERVERS=ratswerkstatt,reference runs a subset; BENCH_SCENARIOS=room,cursors,rooms,cold,
 * persist,idle,kill,room1000 a subset of scenarios (room1000, issue 15, is not in the default set:
 * Ratswerkstatt only, BENCH_ROOM1000_SECONDS long, 30 by default); BENCH_ROUNDS (default 3) repeats the one-room scenario,
 * servers interleaved, and reports the median round.
 */
import { EventEmitter } from 'node:events'
import os from 'node:os'
import { coldLoad } from './cold-load.ts'
import { runCursors } from './cursors.ts'
import { idleMemory } from './idle-memory.ts'
import { killNineLoss } from './kill-nine.ts'
import { type LoadResult, runLoad } from './load.ts'
import { persistRate } from './persist-rate.ts'
import { runRoom1000 } from './room1000.ts'
import {
  processStats,
  type RunningPeer,
  SERVER_KINDS,
  type ServerKind,
  startPeer,
  stopPeer,
} from './servers.ts'
import { latency, ms, percent } from './stats.ts'

const SECONDS = Number(process.argv[2] ?? 10)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
// Every y-websocket provider adds an exit listener; a run opens many on purpose.
EventEmitter.defaultMaxListeners = 2000
const KINDS = process.env.BENCH_SERVERS
  ? SERVER_KINDS.filter((k) => process.env.BENCH_SERVERS?.split(',').includes(k))
  : SERVER_KINDS
const SCENARIOS = new Set(
  (process.env.BENCH_SCENARIOS ?? 'room,cursors,rooms,cold,persist,idle,kill').split(','),
)
const LAG_LIMIT_MS = 100

interface Row {
  kind: ServerKind
  result: LoadResult
  cpuSeconds: number
  peakMiB: number
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number

/** Runs `load` against a fresh server and reads its CPU time and peak memory around it. */
async function measured(
  kind: ServerKind,
  rooms: number,
  load: (peer: RunningPeer) => Promise<LoadResult>,
): Promise<Row> {
  const peer = await startPeer(kind, { rooms })
  try {
    const before = processStats(peer.pid)
    const result = await load(peer)
    const after = processStats(peer.pid)
    return { kind, result, cpuSeconds: after.cpuSeconds - before.cpuSeconds, peakMiB: after.peakMiB }
  } finally {
    await stopPeer(peer)
  }
}

function printRows(title: string, rounds: Row[][]): void {
  console.log(`\n${title}`)
  console.log(
    'server               |  p50 ms |  p99 ms |  max ms | p99 of each round        | delivery probes / raw | CPU s | peak MiB | p99 ratio RW/peer',
  )
  const byKind = new Map<ServerKind, Row[]>()
  for (const round of rounds)
    for (const row of round) byKind.set(row.kind, [...(byKind.get(row.kind) ?? []), row])
  const p99Of = (rows: Row[]) => median(rows.map((r) => latency(r.result.latencies).p99))
  const ours = byKind.get('ratswerkstatt')
  for (const [kind, rows] of byKind) {
    const stats = rows.map((r) => latency(r.result.latencies))
    const lagged = rows.some((r) => r.result.generatorLagP99Ms > LAG_LIMIT_MS)
    const ratio = ours && kind !== 'ratswerkstatt' ? `${(p99Of(ours) / p99Of(rows)).toFixed(2)}×` : ''
    console.log(
      [
        kind.padEnd(20),
        ms(median(stats.map((s) => s.p50))),
        ms(median(stats.map((s) => s.p99))),
        ms(median(stats.map((s) => s.max))),
        stats
          .map((s) => s.p99.toFixed(2))
          .join(' ')
          .padEnd(24),
        `${percent(Math.min(...rows.map((r) => r.result.probeDelivery)))} / ${percent(Math.min(...rows.map((r) => r.result.rawDelivery)))}`.padEnd(
          21,
        ),
        median(rows.map((r) => r.cpuSeconds))
          .toFixed(1)
          .padStart(5),
        String(Math.max(...rows.map((r) => r.peakMiB))).padStart(8),
        `${ratio}${lagged ? ' (generator lagged: thrown out)' : ''}`,
      ].join(' | '),
    )
  }
}

console.log(
  `Sync benchmark, ${new Date().toISOString()}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${SECONDS} s per load`,
)

if (SCENARIOS.has('room')) {
  for (const rate of [50, 200]) {
    const rounds: Row[][] = []
    for (let round = 0; round < ROUNDS; round++) {
      const rows: Row[] = []
      for (const kind of KINDS) {
        rows.push(
          await measured(kind, 1, (peer) =>
            runLoad(peer, {
              rooms: peer.rooms,
              clientsPerRoom: 200,
              writersPerRoom: 10,
              probesPerRoom: 3,
              updatesPerSecond: rate,
              seconds: SECONDS,
            }),
          ),
        )
      }
      rounds.push(rows)
    }
    printRows(`200 clients in one room, 10 writers, ${rate} updates/s (median of ${ROUNDS} rounds)`, rounds)
  }
}

if (SCENARIOS.has('cursors')) {
  const rows: Row[] = []
  for (const kind of KINDS)
    rows.push(
      await measured(kind, 1, (peer) =>
        runCursors(peer, {
          room: peer.rooms[0] as string,
          clients: 100,
          probes: 10,
          hz: 2,
          seconds: SECONDS,
        }),
      ),
    )
  printRows('100 clients in one room, every cursor at 2 Hz (presence latency between probes)', [rows])
}

if (SCENARIOS.has('rooms')) {
  const rows: Row[] = []
  for (const kind of KINDS)
    rows.push(
      await measured(kind, 50, (peer) =>
        runLoad(peer, {
          rooms: peer.rooms,
          clientsPerRoom: 20,
          writersPerRoom: 1,
          probesPerRoom: 1,
          updatesPerSecond: 100,
          seconds: SECONDS,
        }),
      ),
    )
  printRows('1,000 clients over 50 rooms, one writer per room, 100 updates/s in total', [rows])
}

if (SCENARIOS.has('cold')) {
  console.log(
    '\nA room of 5,000 cards: cold load after kill -9 and restart, then a join while it is in memory',
  )
  console.log('server               | cold ms | cards at "synced" | 2 s later | warm ms | cards at "synced"')
  for (const kind of KINDS) {
    const r = await coldLoad(kind, 5000)
    console.log(
      `${kind.padEnd(20)} | ${ms(r.coldMs)} | ${String(r.cardsAtColdSync).padStart(17)} | ${String(r.cardsLater).padStart(9)} | ${ms(r.warmMs)} | ${String(r.cardsAtWarmSync).padStart(17)}`,
    )
  }
}

if (SCENARIOS.has('persist')) {
  console.log(
    '\nOne writer, 5,000 updates as fast as its socket takes them (Ratswerkstatt: committed before relay)',
  )
  console.log('server               | updates/s | arrived')
  for (const kind of KINDS) {
    // The per-connection message limit (200/s by default) is lifted: this measures the server.
    const peer = await startPeer(kind, { rooms: 1, env: { CLIENT_MESSAGES_PER_SECOND: '100000' } })
    try {
      const r = await persistRate(peer, 5000)
      console.log(`${kind.padEnd(20)} | ${r.perSecond.toFixed(0).padStart(9)} | ${r.arrived}`)
    } finally {
      await stopPeer(peer)
    }
  }
}

if (SCENARIOS.has('idle')) {
  console.log(
    '\nResident memory (MiB): no room, 20 idle clients in a room of 2,000 cards, then after all left',
  )
  console.log('server               | no room | idle room | +5 s | +20 s | +60 s')
  for (const kind of KINDS) {
    const peer = await startPeer(kind, { rooms: 1 })
    try {
      const r = await idleMemory(peer, 2000)
      console.log(
        `${kind.padEnd(20)} | ${String(r.baseMiB).padStart(7)} | ${String(r.idleRoomMiB).padStart(9)} | ${r.afterLeaving.map((a) => String(a.rssMiB).padStart(a.seconds === 5 ? 4 : 5)).join(' | ')}`,
      )
    } finally {
      await stopPeer(peer)
    }
  }
}

if (SCENARIOS.has('kill')) {
  console.log(
    '\nUpdates lost on kill -9 during continuous editing (what an observer had received, missing after restart)',
  )
  for (const kind of KINDS) {
    const r = await killNineLoss(kind)
    console.log(
      `${kind.padEnd(20)} | observer had ${String(r.seen).padStart(5)} updates | lost after restart: ${r.lost}`,
    )
  }
}
if (SCENARIOS.has('room1000')) {
  const seconds = Number(process.env.BENCH_ROOM1000_SECONDS ?? 30)
  const rate = Number(process.env.BENCH_ROOM1000_RATE ?? 60)
  // BENCH_ROOM1000_ECHO=on: the raw sockets echo presence as stock y-websocket clients do.
  const echo = process.env.BENCH_ROOM1000_ECHO === 'on'
  console.log(
    `\nA room of 1,000 (issue 15): 1,000 participants on one board, 200 writing through their desks at ${rate} updates/s in total, writers' cursors at 1.5 Hz, everyone's presence on${echo ? ' and echoed' : ''}, 3 probes; ${seconds} s`,
  )
  console.log(
    'server               |  p50 ms |  p99 ms |  max ms | delivery probes / raw | CPU s per 1,000 updates | peak MiB | presence per socket/s: frames, states, KiB | largest | dropped | lag gen / crowd ms',
  )
  for (const kind of KINDS.filter((k) => k.startsWith('ratswerkstatt'))) {
    // 1,000 board sockets, 200 desks and the probes: over the default cap of 1,000 a workshop.
    const peer = await startPeer(kind, { rooms: 0, env: { MAX_CONNECTIONS_PER_WORKSHOP: '1300' } })
    try {
      const r = await runRoom1000([peer], {
        participants: 1000,
        writers: 200,
        probes: 3,
        updatesPerSecond: rate,
        writerCursorHz: 1.5,
        seconds,
        echo,
      })
      const s = latency(r.latencies)
      const lagged = r.generatorLagP99Ms > LAG_LIMIT_MS
      console.log(
        [
          kind.padEnd(20),
          ms(s.p50),
          ms(s.p99),
          ms(s.max),
          `${percent(r.probeDelivery)} / ${percent(r.rawDelivery)}`.padEnd(21),
          ((r.cpuSeconds / r.sent) * 1000).toFixed(2).padStart(23),
          String(r.peakMiB).padStart(8),
          `${r.presenceFramesPerSocketSecond.toFixed(1)}, ${r.presenceStatesPerSocketSecond.toFixed(0)}, ${(r.bytesPerSocketSecond / 1024).toFixed(1)}`.padEnd(
            42,
          ),
          String(r.largestPresenceFrame).padStart(7),
          String(r.rawClosed).padStart(7),
          `${r.generatorLagP99Ms.toFixed(0)} / ${r.crowdLagP99Ms.toFixed(0)}${lagged ? ' (generator lagged: thrown out)' : ''}`,
        ].join(' | '),
      )
      console.log(
        `  ${r.sent} updates, ${r.latencies.length} probe arrivals, ${r.updateFramesPerSocket.toFixed(0)} update frames per raw socket (raw delivery: cards at their last position on 1 socket in 25), server CPU ${r.cpuSeconds.toFixed(1)} s during the load, setup ${r.setupSeconds.toFixed(1)} s`,
      )
    } finally {
      await stopPeer(peer)
    }
  }
}
// Providers left by the peers' clients keep timers; the run is over.
process.exit(0)
