/** The chain's rules as pure functions: canonical JSON, entry hashes, and what checkChain names. */
import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../server/audit/canonical.ts'
import {
  checkChain,
  checkSnapshots,
  entryHash,
  type LogEntry,
  snapshotRef,
} from '../../server/audit/chain.ts'
import { chained } from '../../server/audit/event-log.ts'

const seal = (entries: ReturnType<typeof chained>): LogEntry[] =>
  entries.map((e) => ({ ...e, hash: entryHash(e) }))

function chain(workshop: string): LogEntry[] {
  return seal(
    chained(null, [
      { at: 1, kind: 'log.started', actor: { role: 'system' }, data: { workshop } },
      { at: 2, kind: 'participant.joined', actor: { role: 'citizen', participant: 'p1' }, data: {} },
      {
        at: 3,
        kind: 'snapshot.taken',
        actor: { role: 'facilitator', participant: 'f1' },
        data: { snapshots: [snapshotRef('s1', new Uint8Array([1, 2, 3]))] },
      },
    ]),
  )
}

describe('event chain', () => {
  it('hashes the same entry the same whatever the order of its fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 2, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[1,{"y":null,"z":2}]},"b":1}',
    )
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}')
    const [first] = chain('w1')
    const reordered = {
      data: first?.data,
      prevHash: first?.prevHash,
      kind: first?.kind,
      actor: first?.actor,
      at: 1,
      seq: 1,
    }
    expect(entryHash(reordered as LogEntry)).toBe(first?.hash)
  })

  it('accepts an intact chain and names the first entry that does not match', () => {
    const entries = chain('w1')
    expect(checkChain(entries, 'w1')).toBeNull()
    expect(checkChain(entries, 'w2')).toEqual({ kind: 'entry', id: 3, reason: 'other-workshop' })
    const edited = entries.map((e) => (e.seq === 2 ? { ...e, at: 99 } : e))
    expect(checkChain(edited, 'w1')).toEqual({ kind: 'entry', id: 2, reason: 'hash-mismatch' })
    const resealed = edited.map((e) => (e.seq === 2 ? { ...e, hash: entryHash(e) } : e))
    expect(checkChain(resealed, 'w1')).toEqual({ kind: 'entry', id: 3, reason: 'prev-hash-mismatch' })
    expect(checkChain([entries[0] as LogEntry, entries[2] as LogEntry], 'w1')).toEqual({
      kind: 'entry',
      id: 2,
      reason: 'missing',
    })
  })

  it('checks snapshots against the entry that vouches for them', () => {
    const entries = chain('w1')
    expect(checkSnapshots([{ id: 's1', state: new Uint8Array([1, 2, 3]) }], entries)).toBeNull()
    expect(checkSnapshots([{ id: 's1', state: new Uint8Array([1, 2, 4]) }], entries)).toEqual({
      kind: 'snapshot',
      id: 's1',
      reason: 'hash-mismatch',
    })
    expect(checkSnapshots([], entries)).toEqual({ kind: 'snapshot', id: 's1', reason: 'missing' })
  })
})
