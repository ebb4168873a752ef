/**
 * A room of 1,000 (issue 15): one workshop board with 1,000 joined participants, each a light raw
 * socket with its presence on (the writers' cursors moving, everyone else's a static view renewed
 * every 15 s as y-websocket does, and every presence frame echoed back as y-websocket does). The
 * writers are participants writing to their own desk with a real y-websocket client, so each of
 * their card moves (and every fourth a text edit) takes the citizen's path: desk, projection,
 * board. A few probes (real providers on the board) time each move from the write on the desk to
 * its arrival; the raw sockets count the board updates they receive.
 *
 * `nodes` is where sockets connect, socket i to nodes[i % n]: one node today; the three-node
 * run will pass its servers' addresses here (workshop and joins go to the first).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { type BenchClient, openClient } from './clients.ts'
import { Crowd } from './crowd.ts'
import type { LoadResult } from './load.ts'
import { processStats, type RunningPeer } from './servers.ts'
import { sleep } from './stats.ts'

export interface Room1000Options {
  participants: number
  writers: number
  probes: number
  /** Card moves a second over all writers (each writer one every writers/rate seconds). */
  updatesPerSecond: number
  /** How often a writer's cursor moves. */
  writerCursorHz: number
  seconds: number
  /** Raw sockets echo every presence frame, as y-websocket clients do (ours no longer). */
  echo: boolean
}

export interface Room1000Result extends LoadResult {
  /** Server CPU seconds (user + system) during the load, over all nodes. */
  cpuSeconds: number
  /** Largest peak resident memory of any node, MiB. */
  peakMiB: number
  /** Per raw socket per second during the load: presence frames, states, bytes. */
  presenceFramesPerSocketSecond: number
  presenceStatesPerSocketSecond: number
  largestPresenceFrame: number
  bytesPerSocketSecond: number
  /** Update frames per raw socket (several updates merge into one frame in a big room). */
  updateFramesPerSocket: number
  /** Raw sockets the server closed (a slow reader is dropped). */
  rawClosed: number
  crowdLagP99Ms: number
  setupSeconds: number
}

/**
 * Every this many raw sockets applies what it receives: updates in a big room arrive merged (one
 * frame for several), so what arrived is checked by content, each writer's card at its last x.
 */
const SAMPLE_EVERY = 25

interface Joined {
  participantId: string
  token: string
}

const httpBase = (peer: RunningPeer) => peer.wsUrl.replace(/^ws/, 'http').replace(/\/sync$/, '')

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

export async function runRoom1000(nodes: RunningPeer[], options: Room1000Options): Promise<Room1000Result> {
  const started = performance.now()
  const first = nodes[0]
  if (!first?.kind.startsWith('ratswerkstatt')) throw new Error('room1000 runs against Ratswerkstatt only')
  const node = (i: number) => nodes[i % nodes.length] as RunningPeer
  const base = httpBase(first)
  const { id, joinCode } = await post<{ id: string; joinCode: string }>(
    `${base}/api/workshops`,
    { title: 'Ein Raum für 1.000' },
    first.params.token,
  )
  // Real participants: each joins with the code and gets a session of its own.
  const joined: Joined[] = []
  for (let i = 0; i < options.participants; i += 25) {
    const wave = Array.from({ length: Math.min(25, options.participants - i) }, (_, j) =>
      post<Joined>(`${base}/api/join`, { code: joinCode, name: `Teilnehmende ${i + j + 1}` }),
    )
    joined.push(...(await Promise.all(wave)))
  }

  // The writers' desks: real y-websocket clients, as the browser's desk connection.
  const writers = joined.slice(0, options.writers).map((p, i) => {
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(node(i).wsUrl, `${id}/desk`, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { token: p.token },
      disableBc: true,
    })
    const synced = new Promise<void>((resolve) =>
      provider.synced ? resolve() : provider.once('sync', () => resolve()),
    )
    return { doc, provider, synced, card: `card-${i}` }
  })
  await Promise.all(writers.map((w) => w.synced))
  // The probes: facilitators' screens on the board, presence on.
  const probeDocs = Array.from({ length: options.probes }, () => new Y.Doc())
  const probes: BenchClient[] = probeDocs.map((doc, i) => openClient(node(i), id, doc))
  await Promise.all(probes.map((p) => p.synced))
  probes.forEach((p, i) => {
    p.awareness.setLocalStateField('cursor', { x: i, y: -1 })
  })

  const crowd = await Crowd.open(
    first,
    joined.map(() => id),
    {
      params: joined.map((p) => ({ token: p.token })),
      peers: joined.map((_, i) => node(i)),
      echo: options.echo,
      sample: SAMPLE_EVERY,
    },
  )
  crowd.presence(options.writers, options.writerCursorHz, 15_000)

  // Each writer puts one card on the board through its desk, then moves it.
  for (const w of writers) {
    w.doc.transact(() => {
      const card = new Y.Map<unknown>()
      card.set('text', new Y.Text('Mehr Bänke am Marktplatz'))
      card.set('x', 0)
      card.set('y', 0)
      card.set('color', 'yellow')
      card.set('createdAt', Date.now())
      w.doc.getMap('notes').set(w.card, card)
    })
  }
  const onBoard = () => probeDocs.every((d) => d.getMap('notes').size >= options.writers)
  for (let waited = 0; !onBoard(); waited += 100) {
    if (waited > 20_000) throw new Error('the writers’ cards did not reach the board within 20 s')
    await sleep(100)
  }
  await sleep(1000)
  const setupSeconds = (performance.now() - started) / 1000

  const sentAt = new Map<string, number>()
  const latencies: number[] = []
  let seen = 0
  for (const doc of probeDocs) {
    const last = new Map<string, number>()
    const notes = doc.getMap<Y.Map<unknown>>('notes')
    notes.observeDeep((events) => {
      const now = performance.now()
      for (const event of events) {
        const card = event.target
        if (!(card instanceof Y.Map) || card.parent !== notes) continue
        const key = card._item?.parentSub
        const x = card.get('x')
        if (typeof key !== 'string' || typeof x !== 'number' || x === last.get(key)) continue
        last.set(key, x)
        const at = sentAt.get(`${key}:${x}`)
        if (at !== undefined) {
          latencies.push(now - at)
          seen++
        }
      }
    })
  }

  const before = await crowd.count()
  const stats0 = nodes.map((n) => processStats(n.pid))
  const lag = monitorEventLoopDelay({ resolution: 10 })
  lag.enable()
  const interval = 1000 / options.updatesPerSecond
  const total = Math.round(options.updatesPerSecond * options.seconds)
  let sent = 0
  const loadStarted = performance.now()
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - loadStarted) / interval) + 1)
      while (sent < due) {
        const w = writers[sent % writers.length] as (typeof writers)[number]
        const x = Math.floor(sent / writers.length) + 1
        const card = w.doc.getMap<Y.Map<unknown>>('notes').get(w.card)
        sentAt.set(`${w.card}:${x}`, performance.now())
        w.doc.transact(() => {
          card?.set('x', x)
          // Every fourth update is a move with an edit of the card's text.
          if (sent % 4 === 0) (card?.get('text') as Y.Text | undefined)?.insert(0, '!')
        })
        sent++
      }
      if (sent >= total) resolve()
      else setTimeout(tick, Math.max(0, interval / 2))
    }
    tick()
  })
  const loadSeconds = (performance.now() - loadStarted) / 1000
  await sleep(2000)
  lag.disable()
  const stats1 = nodes.map((n) => processStats(n.pid))
  const after = await crowd.count()
  const raw = options.participants
  // The last x each writer's card was given.
  const finalX = new Map<string, number>()
  writers.forEach((w, i) => {
    const moves = Math.floor(sent / writers.length) + (i < sent % writers.length ? 1 : 0)
    finalX.set(w.card, moves)
  })
  let converged = 0
  for (const sample of after.samples) for (const [card, x] of finalX) if (sample[card] === x) converged++
  const perSocketSecond = (n: number) => n / raw / loadSeconds
  const result: Room1000Result = {
    sent,
    latencies,
    probeDelivery: seen / (sent * options.probes),
    rawDelivery: converged / (finalX.size * after.samples.length),
    generatorLagP99Ms: lag.percentile(99) / 1e6,
    cpuSeconds: stats1.reduce((sum, s, i) => sum + s.cpuSeconds - (stats0[i]?.cpuSeconds ?? 0), 0),
    peakMiB: Math.max(...stats1.map((s) => s.peakMiB)),
    presenceFramesPerSocketSecond: perSocketSecond(after.awareness - before.awareness),
    presenceStatesPerSocketSecond: perSocketSecond(after.awarenessStates - before.awarenessStates),
    largestPresenceFrame: after.largestAwareness,
    bytesPerSocketSecond: perSocketSecond(after.bytes - before.bytes),
    updateFramesPerSocket: (after.frames - before.frames) / raw,
    rawClosed: after.closed,
    crowdLagP99Ms: after.lagP99Ms,
    setupSeconds,
  }
  for (const p of probes) p.destroy()
  for (const w of writers) w.provider.destroy()
  await crowd.close()
  return result
}
