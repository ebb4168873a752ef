/**
 * Hostile frames for protocol fuzzing, from a seeded generator so a failure can be replayed:
 * random bytes, garbled sync steps, mutated and truncated real updates, oversized and malformed
 * presence, text frames, and bursts of valid-looking noise.
 */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { addCard } from '../../shared/board/card-ops.ts'
import { awarenessMessage, openRaw, type RawPeer, syncMessage } from './raw-client.ts'

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type FuzzFrame = Uint8Array | string

export function fuzzFrames(seed: number): () => FuzzFrame {
  const random = seededRandom(seed)
  const int = (n: number) => Math.floor(random() * n)
  const doc = new Y.Doc()
  const samples: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => samples.push(u))
  for (let i = 0; i < 20; i++) addCard(doc, `f${i}`, { text: `Fuzz ${i}`, x: i, y: i, color: 'blue' })
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256))
  const mutate = (u: Uint8Array) => {
    const copy = u.slice()
    for (let k = 0; k < 1 + int(4); k++) copy[int(copy.length)] = int(256)
    return copy
  }
  const kinds: (() => FuzzFrame)[] = [
    () => bytes(1 + int(64)),
    () => syncMessage(int(5), bytes(int(32))),
    () => syncMessage(2, mutate(samples[int(samples.length)] as Uint8Array)),
    () => syncMessage(1, (samples[int(samples.length)] as Uint8Array).slice(0, 1 + int(10))),
    () => syncMessage(0, bytes(int(16))),
    () =>
      awarenessMessage([
        { clientId: int(1e6), clock: int(100), state: { cursor: { x: int(99), y: int(99) } } },
      ]),
    () => awarenessMessage([{ clientId: int(1e6), clock: 1, state: 'x'.repeat(3000 + int(3000)) }]),
    () => {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 1)
      encoding.writeVarUint(e, 10_000_000)
      return encoding.toUint8Array(e)
    },
    () => 'text frames are not part of the protocol',
    () => new Uint8Array([3]),
  ]
  return () => (kinds[int(kinds.length)] as () => FuzzFrame)()
}

export interface FuzzTarget {
  url: string
  workshopId: string
  /** Tokens to fuzz with, taken in turn (a facilitator's writes pass more checks than a guest's). */
  tokens: string[]
}

/**
 * One fuzzing connection: sends `frames` hostile frames one at a time to the board and the desk of
 * a workshop, reopening whenever the server closes it, and counts the close codes. `wait` gives
 * the server time to answer between frames, so every frame meets a live connection.
 */
export async function runFuzzer(
  target: FuzzTarget,
  seed: number,
  budget: { take(): boolean },
  closes: Map<number, number>,
  wait: (closed: boolean) => Promise<void>,
): Promise<void> {
  const next = fuzzFrames(seed)
  let peer: RawPeer | null = null
  let closed = true
  let turn = seed
  while (budget.take()) {
    if (closed) {
      const room = turn % 2 === 0 ? target.workshopId : `${target.workshopId}/desk`
      const token = target.tokens[turn % target.tokens.length] as string
      turn++
      peer = await openRaw(target.url, room, { token })
      closed = false
      void peer.closed.then(({ code }) => {
        closes.set(code, (closes.get(code) ?? 0) + 1)
        closed = true
      })
    }
    peer?.send(next())
    await wait(closed)
  }
  peer?.ws.close()
}

/** A shared count of frames still to send. */
export function frameBudget(frames: number) {
  let left = frames
  return { take: () => left-- > 0, sent: () => frames - Math.max(0, left) }
}
