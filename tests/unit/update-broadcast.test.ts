/**
 * Committed updates on their way out (issue 15): a small room sends each at once to everyone but
 * its sender; a big room sends the first after a quiet spell at once and merges the rest of its
 * window into one update, encoded once.
 */
import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { UpdateBroadcast, updateWindow } from '../../server/sync/update-broadcast.ts'

function edits(count: number): Uint8Array[] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  for (let i = 0; i < count; i++) doc.getMap('notes').set(`c${i}`, i)
  doc.destroy()
  return updates
}

function outbox(connections: number) {
  const sent: { frame: Uint8Array; except: unknown }[] = []
  const out = new UpdateBroadcast(
    (frame, except) => sent.push({ frame, except }),
    () => connections,
    (err) => {
      throw err
    },
  )
  return { out, sent }
}

/** Applies sync update frames to a fresh doc. */
function applied(frames: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  for (const frame of frames) {
    const d = decoding.createDecoder(frame)
    expect([decoding.readVarUint(d), decoding.readVarUint(d)]).toEqual([0, 2])
    Y.applyUpdate(doc, decoding.readVarUint8Array(d))
  }
  return doc
}

afterEach(() => {
  vi.useRealTimers()
})

describe('update broadcast', () => {
  it('sends each update at once in a small room, to everyone but its sender', () => {
    expect(updateWindow(20)).toBe(0)
    const { out, sent } = outbox(20)
    const [a, b] = edits(2) as [Uint8Array, Uint8Array]
    out.add(a, 'alice')
    out.add(b, 'bob')
    expect(sent.map((s) => s.except)).toEqual(['alice', 'bob'])
  })

  it('merges a big room’s updates within its window into one frame', () => {
    // The window is timed by the clock: a fake one, so a loaded machine cannot stretch it.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
    expect(updateWindow(1000)).toBe(50)
    const { out, sent } = outbox(1000)
    const updates = edits(5)
    out.add(updates[0] as Uint8Array, 'alice')
    expect(sent.length).toBe(1)
    out.add(updates[1] as Uint8Array, 'alice')
    out.add(updates[2] as Uint8Array, 'alice')
    expect(sent.length).toBe(1)
    vi.advanceTimersByTime(80)
    // One sender: still not sent back to her.
    expect(sent.map((s) => s.except)).toEqual(['alice', 'alice'])
    out.add(updates[3] as Uint8Array, 'alice')
    out.add(updates[4] as Uint8Array, 'bob')
    vi.advanceTimersByTime(80)
    // Two senders: to everyone (applying one's own update again changes nothing).
    expect(sent.map((s) => s.except)).toEqual(['alice', 'alice', null])
    expect(
      applied(sent.map((s) => s.frame))
        .getMap('notes')
        .toJSON(),
    ).toEqual({
      c0: 0,
      c1: 1,
      c2: 2,
      c3: 3,
      c4: 4,
    })
  })
})
