/**
 * The light part of the load, in a process of its own: raw sockets that join rooms, optionally
 * move a cursor, and count what they receive. Kept apart so that the probes' event loop, which
 * timestamps every arrival, never waits behind thousands of frames a second.
 *
 * Driven over IPC by crowd.ts: open → (cursors | presence) → count → close.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as Y from 'yjs'
import { type RawClient, rawClient } from './clients.ts'
import type { RunningPeer } from './servers.ts'

type PeerAddress = Pick<RunningPeer, 'kind' | 'wsUrl' | 'params'>

export type CrowdCommand =
  | {
      cmd: 'open'
      peer: PeerAddress
      rooms: string[]
      /** Per socket, its own query parameters (a participant's token); the peer's otherwise. */
      params?: Record<string, string>[]
      /** Per socket, the server it talks to (several nodes); `peer` otherwise. */
      peers?: PeerAddress[]
      /** Send every presence frame received straight back, as y-websocket clients do. */
      echo?: boolean
      /** Every `sample`-th socket applies what it receives to a doc, to check what arrived. */
      sample?: number
    }
  | { cmd: 'cursors'; hz: number }
  | {
      cmd: 'presence'
      /** Sockets [0, movers) move a cursor at `hz`; the others state a static presence once. */
      movers: number
      hz: number
      /** Every socket renews its state this often, as the y-websocket client does (15 s). */
      renewMs: number
    }
  | { cmd: 'stop-cursors' }
  | { cmd: 'count' }
  | { cmd: 'close' }

export type CrowdReply =
  | { reply: 'opened'; sockets: number }
  | {
      reply: 'count'
      frames: number
      awareness: number
      awarenessStates: number
      largestAwareness: number
      bytes: number
      cursorsSent: number
      closed: number
      /** This process's event-loop lag (p99 since the sockets opened). */
      lagP99Ms: number
      /** Per sampled socket: each card's x as that socket has it. */
      samples: Record<string, number>[]
    }
  | { reply: 'closed' }

const counter = { frames: 0, awareness: 0, awarenessStates: 0, largestAwareness: 0, bytes: 0 }
let clients: RawClient[] = []
const sampleDocs: Y.Doc[] = []
let timers: NodeJS.Timeout[] = []
let cursorsSent = 0
let closed = 0

const lag = monitorEventLoopDelay({ resolution: 10 })
const send = (reply: CrowdReply) => process.send?.(reply)

/** Runs `tick` every `period` ms, socket i starting at i/n of the period: an even load, no bursts. */
function spread(i: number, n: number, period: number, tick: () => void): void {
  timers.push(
    setTimeout(
      () => {
        tick()
        timers.push(setInterval(tick, period))
      },
      (i / n) * period,
    ),
  )
}

process.on('message', async (command: CrowdCommand) => {
  if (command.cmd === 'open') {
    const peer = (i: number) =>
      ({ ...(command.peers?.[i] ?? command.peer), rooms: [], pid: 0, dataDir: '' }) as unknown as RunningPeer
    for (let i = 0; i < command.rooms.length; i += 20) {
      const wave = command.rooms.slice(i, i + 20).map((room, j) => {
        const params = command.params?.[i + j]
        const doc = command.sample && (i + j) % command.sample === 0 ? new Y.Doc() : undefined
        if (doc) sampleDocs.push(doc)
        return rawClient(peer(i + j), room, counter, {
          ...(params ? { params } : {}),
          ...(doc ? { doc } : {}),
          echo: command.echo,
        })
      })
      clients.push(...(await Promise.all(wave)))
    }
    for (const c of clients)
      c.ws.on('close', () => {
        closed++
      })
    lag.enable()
    send({ reply: 'opened', sockets: clients.length })
  } else if (command.cmd === 'cursors') {
    const period = 1000 / command.hz
    clients.forEach((client, i) => {
      let seq = 0
      spread(i, clients.length, period, () => {
        client.sendCursor(++seq, i)
        cursorsSent++
      })
    })
  } else if (command.cmd === 'presence') {
    clients.forEach((client, i) => {
      if (i < command.movers) {
        let seq = 0
        spread(i, command.movers, 1000 / command.hz, () => {
          client.sendCursor(++seq, i)
          cursorsSent++
        })
      } else {
        // A participant reading the board: a view, no cursor, renewed like y-websocket does.
        const state = { cursor: null, view: { cx: i, cy: 0, scale: 1 } }
        client.sendState(state)
        spread(i, clients.length, command.renewMs, () => client.sendState(state))
      }
    })
  } else if (command.cmd === 'stop-cursors') {
    for (const t of timers) clearInterval(t)
    timers = []
  } else if (command.cmd === 'count') {
    const samples = sampleDocs.map((doc) => {
      const xs: Record<string, number> = {}
      doc.getMap<Y.Map<unknown>>('notes').forEach((card, key) => {
        const x = card.get('x')
        if (typeof x === 'number') xs[key] = x
      })
      return xs
    })
    send({ reply: 'count', ...counter, cursorsSent, closed, lagP99Ms: lag.percentile(99) / 1e6, samples })
  } else if (command.cmd === 'close') {
    for (const t of timers) clearInterval(t)
    for (const c of clients) c.ws.close()
    clients = []
    send({ reply: 'closed' })
    process.exit(0)
  }
})
