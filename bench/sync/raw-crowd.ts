/**
 * The light part of the load, in a process of its own: raw sockets that join rooms, optionally
 * move a cursor, and count what they receive. Kept apart so that the probes' event loop, which
 * timestamps every arrival, never waits behind thousands of frames a second.
 *
 * Driven over IPC by crowd.ts: open → (cursors) → count → close.
 */
import { type RawClient, type RawCounter, rawClient } from './clients.ts'
import type { RunningPeer } from './servers.ts'

export type CrowdCommand =
  | { cmd: 'open'; peer: Pick<RunningPeer, 'kind' | 'wsUrl' | 'params'>; rooms: string[] }
  | { cmd: 'cursors'; hz: number }
  | { cmd: 'stop-cursors' }
  | { cmd: 'count' }
  | { cmd: 'close' }

export type CrowdReply =
  | { reply: 'opened'; sockets: number }
  | { reply: 'count'; frames: number; awareness: number; cursorsSent: number }
  | { reply: 'closed' }

const counter: Required<RawCounter> = { frames: 0, awareness: 0 }
let clients: RawClient[] = []
let timers: NodeJS.Timeout[] = []
let cursorsSent = 0

const send = (reply: CrowdReply) => process.send?.(reply)

process.on('message', async (command: CrowdCommand) => {
  if (command.cmd === 'open') {
    const peer = { ...command.peer, rooms: [], pid: 0, dataDir: '' } as unknown as RunningPeer
    for (let i = 0; i < command.rooms.length; i += 20) {
      const wave = command.rooms.slice(i, i + 20).map((room) => rawClient(peer, room, counter))
      clients.push(...(await Promise.all(wave)))
    }
    send({ reply: 'opened', sockets: clients.length })
  } else if (command.cmd === 'cursors') {
    const period = 1000 / command.hz
    // Spread over the period so the load is even, not one burst per period.
    timers = clients.map((client, i) => {
      let seq = 0
      const tick = () => {
        client.sendCursor(++seq, i)
        cursorsSent++
      }
      return setTimeout(
        () => {
          tick()
          timers.push(setInterval(tick, period))
        },
        (i / clients.length) * period,
      )
    })
  } else if (command.cmd === 'stop-cursors') {
    for (const t of timers) clearInterval(t)
    timers = []
  } else if (command.cmd === 'count') {
    send({ reply: 'count', frames: counter.frames, awareness: counter.awareness, cursorsSent })
  } else if (command.cmd === 'close') {
    for (const t of timers) clearInterval(t)
    for (const c of clients) c.ws.close()
    clients = []
    send({ reply: 'closed' })
    process.exit(0)
  }
})
