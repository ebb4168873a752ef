/**
 * Presence reduced to what a screen can show (issue 15): a batch carries at most its maximum of
 * states, ranked removals first, then facilitators, then the most recently changed, unchanged
 * renewals last; what does not fit goes with the next batch, as it is by then.
 */
import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { PresenceBatch, presenceInterval } from '../../server/sync/presence-batch.ts'
import { awarenessMessage, receivedAwareness } from '../support/raw-client.ts'

const docs: Y.Doc[] = []
afterEach(() => {
  for (const doc of docs.splice(0)) doc.destroy()
})
const tick = () => new Promise((r) => setTimeout(r, 3))

function room(maxStates: number) {
  const doc = new Y.Doc()
  docs.push(doc)
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalState(null)
  const sent: Uint8Array[] = []
  // An interval long enough that only explicit flushes send, after the first.
  const batch = new PresenceBatch(
    awareness,
    (frame) => sent.push(frame),
    (err) => {
      throw err
    },
    60_000,
    maxStates,
  )
  awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }) =>
    batch.add(change),
  )
  const clocks = new Map<number, number>()
  const apply = (clientId: number, state: unknown) => {
    const clock = (clocks.get(clientId) ?? 0) + 1
    clocks.set(clientId, clock)
    const decoder = decoding.createDecoder(awarenessMessage([{ clientId, clock, state }]))
    decoding.readVarUint(decoder)
    awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'peer')
  }
  const ids = (frame: Uint8Array | undefined) =>
    frame ? receivedAwareness([frame]).map((e) => e.clientId) : []
  return { awareness, batch, sent, apply, ids }
}

describe('presence reduction', () => {
  it('sends at most its maximum, ranked, and the rest with the next batches', async () => {
    const { awareness, batch, sent, apply, ids } = room(3)
    const facilitator = { user: { name: 'F', role: 'facilitator', participantId: 'f' }, cursor: { x: 0 } }
    for (const id of [1, 2, 3, 4, 5]) apply(id, { cursor: { x: id } })
    apply(6, facilitator)
    for (let i = 0; i < 3; i++) batch.flush()
    expect(sent.flatMap(ids).sort()).toEqual([1, 2, 3, 4, 5, 6])
    sent.length = 0
    // Relayed once each. Now: a renewal of 1, moves of 2, 3, 4 in that order, 5 leaves, F moves.
    apply(1, { cursor: { x: 1 } })
    await tick()
    for (const id of [2, 3, 4]) {
      apply(id, { cursor: { x: id * 10 } })
      await tick()
    }
    awarenessProtocol.removeAwarenessStates(awareness, [5], 'close')
    awareness.meta.delete(5)
    apply(6, { ...facilitator, cursor: { x: 1 } })
    batch.flush()
    batch.flush()
    batch.flush()
    expect(sent.map(ids)).toEqual([
      [5, 6, 4],
      [1, 2, 3],
    ])
    // An unchanged renewal waits behind moves.
    sent.length = 0
    apply(1, { cursor: { x: 1 } })
    await tick()
    for (const id of [2, 3, 4]) {
      apply(id, { cursor: { x: id * 100 } })
      await tick()
    }
    batch.flush()
    batch.flush()
    expect(sent.map(ids)).toEqual([[4, 3, 2], [1]])
    sent.length = 0
    // Waiting states go out as they are when sent, not as they were.
    apply(2, { cursor: { x: 21 } })
    apply(3, { cursor: { x: 31 } })
    apply(4, { cursor: { x: 41 } })
    apply(4, { cursor: { x: 42 } })
    batch.flush()
    expect(receivedAwareness(sent).find((e) => e.clientId === 4)?.state).toEqual({
      cursor: { x: 42 },
    })
  })

  it('batches less often as the room grows: at most 10,000 presence sends a second', () => {
    expect(presenceInterval(10)).toBe(50)
    expect(presenceInterval(500)).toBe(50)
    expect(presenceInterval(1000)).toBe(100)
    expect(presenceInterval(2000)).toBe(200)
  })
})
