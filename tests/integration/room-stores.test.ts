/**
 * The room store on both storage engines: a batch of appends and compactions commits as one,
 * loading replays the state row and the log after it (and updates still pending in the writer),
 * a room stored as one row comes back unapplied for the first joiner, and a compaction drops
 * exactly the log it folds in.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { SqlDatabase } from '../../server/db/sql-database.ts'
import { RoomStore } from '../../server/sync/room-store.ts'
import { type OpenedDatabase, storageEngines } from '../support/databases.ts'

const engines = await storageEngines()

/** Each update adds one key to the room's map `m`; the updates build on each other. */
function updates(count: number): { doc: Y.Doc; steps: Uint8Array[] } {
  const doc = new Y.Doc()
  const steps: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => steps.push(update))
  for (let i = 0; i < count; i++) doc.getMap('m').set(`k${i}`, i)
  return { doc, steps }
}

const keys = (doc: Y.Doc) => [...doc.getMap('m').keys()].sort()

describe.each(engines)('room store on $name', (engine) => {
  let opened: OpenedDatabase
  let db: SqlDatabase
  let store: RoomStore

  beforeEach(async () => {
    if (engine.unavailable) return
    opened = await engine.open()
    db = opened.db
    store = new RoomStore(db)
  })
  afterEach(async () => {
    if (!engine.unavailable) await opened.dispose()
  })

  it.skipIf(engine.unavailable)(
    'replays the state row and the log after it, with what is pending',
    async () => {
      const { doc, steps } = updates(5)
      const [s0, s1, s2, s3, s4] = steps as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array]
      await store.commit([
        { kind: 'append', room: 'r', seq: 1, update: s0 },
        { kind: 'append', room: 'r', seq: 2, update: s1 },
      ])
      const folded = new Y.Doc()
      Y.applyUpdate(folded, s0)
      Y.applyUpdate(folded, s1)
      await store.commit([
        { kind: 'compact', room: 'r', state: Y.encodeStateAsUpdate(folded), seq: 2 },
        { kind: 'append', room: 'r', seq: 3, update: s2 },
      ])
      expect(await db.all('SELECT seq FROM room_updates WHERE room = ? ORDER BY seq', ['r'])).toEqual([
        { seq: 3 },
      ])
      const loaded = await store.load('r', [{ kind: 'append', room: 'r', seq: 4, update: s3 }])
      expect(keys(loaded.doc)).toEqual(['k0', 'k1', 'k2', 'k3'])
      expect(loaded.seq).toBe(4)
      expect(loaded.logLength).toBe(1)
      expect(loaded.fullState).toBeNull()
      // Another room is untouched; a room never stored loads empty.
      await store.commit([{ kind: 'append', room: 'other', seq: 1, update: s4 }])
      expect(keys((await store.load('r')).doc)).toEqual(['k0', 'k1', 'k2'])
      expect((await store.load('nothing')).seq).toBe(0)
      doc.destroy()
    },
  )

  it.skipIf(engine.unavailable)(
    'gives a room stored as one row back unapplied, for the first joiner',
    async () => {
      const { doc } = updates(3)
      const state = Y.encodeStateAsUpdate(doc)
      await store.commit([{ kind: 'compact', room: 'r', state, seq: 7 }])
      const deferred = await store.load('r', [], true)
      expect(deferred.deferred).toEqual(state)
      expect(deferred.fullState).toEqual(state)
      expect(keys(deferred.doc)).toEqual([])
      expect(deferred.seq).toBe(7)
      const built = await store.load('r')
      expect(keys(built.doc)).toEqual(['k0', 'k1', 'k2'])
      expect(built.deferred).toBeNull()
      doc.destroy()
    },
  )

  it.skipIf(engine.unavailable)('commits a batch as one: a refused append leaves nothing of it', async () => {
    const { steps } = updates(2)
    await store.commit([{ kind: 'append', room: 'r', seq: 1, update: steps[0] as Uint8Array }])
    await expect(
      store.commit([
        { kind: 'append', room: 'r', seq: 2, update: steps[1] as Uint8Array },
        // The same sequence number again: the primary key refuses it.
        { kind: 'append', room: 'r', seq: 1, update: steps[1] as Uint8Array },
      ]),
    ).rejects.toThrow()
    expect(await db.all('SELECT seq FROM room_updates WHERE room = ? ORDER BY seq', ['r'])).toEqual([
      { seq: 1 },
    ])
  })
})
