/**
 * The two caches of a room's sync traffic: presence batches (one message per interval, removals
 * with their clock even after the room forgot the client) and step 1 answers by state vector.
 */
import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { PresenceBatch } from '../../server/sync/presence-batch.ts'
import { MAX_ANSWER_BYTES, MAX_ANSWERS, SyncAnswers } from '../../server/sync/sync-answers.ts'
import { awarenessMessage, receivedAwareness } from '../support/raw-client.ts'

const docs: Y.Doc[] = []
afterEach(() => {
  for (const doc of docs.splice(0)) doc.destroy()
})

function room() {
  const doc = new Y.Doc()
  docs.push(doc)
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalState(null)
  const sent: Uint8Array[] = []
  const batch = new PresenceBatch(
    awareness,
    (frame) => sent.push(frame),
    (err) => {
      throw err
    },
  )
  awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }) =>
    batch.add(change),
  )
  /** Applies a peer's presence message as the server does. */
  const apply = (clientId: number, clock: number, state: unknown) => {
    const decoder = decoding.createDecoder(awarenessMessage([{ clientId, clock, state }]))
    decoding.readVarUint(decoder)
    awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'peer')
  }
  return { awareness, batch, sent, apply }
}

describe('presence batches', () => {
  it('sends a change after a quiet spell at once and collects the rest into one message', async () => {
    const { sent, apply } = room()
    apply(1, 1, { cursor: { x: 0 } })
    expect(sent.length).toBe(1)
    for (let clock = 2; clock <= 10; clock++) {
      apply(1, clock, { cursor: { x: clock } })
      apply(2, clock, { cursor: { x: -clock } })
    }
    expect(sent.length).toBe(1)
    await new Promise((r) => setTimeout(r, 80))
    expect(sent.length).toBe(2)
    expect(receivedAwareness(sent.slice(1))).toEqual([
      { clientId: 1, state: { cursor: { x: 10 } } },
      { clientId: 2, state: { cursor: { x: -10 } } },
    ])
  })

  it('announces a removal with its clock after the room forgot the client', async () => {
    const { awareness, batch, sent, apply } = room()
    apply(7, 1, { cursor: { x: 1 } })
    apply(8, 1, { cursor: { x: 2 } })
    awarenessProtocol.removeAwarenessStates(awareness, [7], 'close')
    awareness.meta.delete(7)
    batch.flush()
    const removal = receivedAwareness(sent).filter((e) => e.clientId === 7)
    expect(removal.at(-1)?.state).toBeNull()
    // A peer that knew client 7 at clock 1 accepts the removal (clock 2).
    const peer = new awarenessProtocol.Awareness(new Y.Doc())
    peer.setLocalState(null)
    for (const frame of sent) {
      const decoder = decoding.createDecoder(frame)
      decoding.readVarUint(decoder)
      awarenessProtocol.applyAwarenessUpdate(peer, decoding.readVarUint8Array(decoder), 'server')
    }
    expect(peer.getStates().has(7)).toBe(false)
    expect(peer.getStates().get(8)).toEqual({ cursor: { x: 2 } })
    expect(batch.snapshot()).not.toBeNull()
    peer.destroy()
  })

  it('encodes everyone’s presence for joiners once until it changes', () => {
    const { batch, apply } = room()
    expect(batch.snapshot()).toBeNull()
    apply(3, 1, { cursor: { x: 3 } })
    const first = batch.snapshot()
    expect(batch.snapshot()).toBe(first)
    apply(3, 2, { cursor: { x: 4 } })
    expect(batch.snapshot()).not.toBe(first)
    expect(receivedAwareness([batch.snapshot() as Uint8Array])).toEqual([
      { clientId: 3, state: { cursor: { x: 4 } } },
    ])
  })
})

describe('step 1 answers', () => {
  it('encodes each state vector once until cleared, within its bounds', () => {
    const answers = new SyncAnswers()
    let encoded = 0
    const encode = (n: number) => () => {
      encoded++
      return new Uint8Array(n)
    }
    const sv = (i: number) => new Uint8Array([1, i, 1])
    const a = answers.answer(sv(0), encode(10))
    expect(answers.answer(Uint8Array.from(sv(0)), encode(10))).toBe(a)
    expect(encoded).toBe(1)
    for (let i = 1; i <= MAX_ANSWERS; i++) answers.answer(sv(i), encode(10))
    expect(answers.size).toBe(MAX_ANSWERS)
    answers.answer(sv(0), encode(10))
    expect(encoded).toBe(MAX_ANSWERS + 2)
    answers.answer(sv(200), encode(MAX_ANSWER_BYTES + 1))
    expect(answers.size).toBe(MAX_ANSWERS)
    answers.clear()
    expect(answers.size).toBe(0)
  })
})
