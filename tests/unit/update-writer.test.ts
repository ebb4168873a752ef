/**
 * The writer commits on its own thread, a batch at a time, and runs the callbacks (the
 * broadcasts) only after the commit. When SQLite refuses writes, nothing is broadcast and
 * nothing is dropped; a room reloaded meanwhile still has every accepted update. Nothing is
 * committed or broadcast before the card records it waits for.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openDatabase } from '../../server/db/open-database.ts'
import { SqliteSqlDatabase } from '../../server/db/sqlite-sql.ts'
import { createLogger } from '../../server/logger.ts'
import { CommitThread } from '../../server/sync/commit-thread.ts'
import { RoomStore } from '../../server/sync/room-store.ts'
import { UpdateWriter } from '../../server/sync/update-writer.ts'
import { waitFor } from '../support/sync-client.ts'
import { tempDataDir } from '../support/test-server.ts'

const cleanups: (() => Promise<unknown> | undefined)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

function setup(before?: () => Promise<void>) {
  const dir = tempDataDir()
  const db = openDatabase(dir)
  const health: (Error | null)[] = []
  const writer = new UpdateWriter(
    () =>
      new CommitThread({
        file: path.join(dir, 'ratswerkstatt.sqlite'),
        synchronous: 'FULL',
        busyTimeoutMs: 20,
      }),
    createLogger('silent'),
    (e) => health.push(e),
    before,
  )
  cleanups.push(async () => {
    await writer.close(1000)
    db.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  const rows = () => (db.prepare('SELECT COUNT(*) AS n FROM room_updates').get() as { n: number }).n
  return { db, writer, rows, health, store: new RoomStore(new SqliteSqlDatabase(db)) }
}

function cardUpdate(id: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('notes').set(id, id)
  return Y.encodeStateAsUpdate(doc)
}

describe('UpdateWriter', () => {
  it('commits and broadcasts nothing before the records it waits for are committed', async () => {
    // Stands in for the card ledger's flush: open until the test says the records are stored.
    let stored = () => {}
    let waits = 0
    const records = new Promise<void>((resolve) => {
      stored = resolve
    })
    const { writer, rows } = setup(() => {
      waits++
      return records
    })
    let broadcast = false
    writer.append('r', 1, cardUpdate('a'), () => {
      broadcast = true
    })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(rows()).toBe(0)
    expect(broadcast).toBe(false)
    stored()
    await writer.drained()
    expect(rows()).toBe(1)
    expect(broadcast).toBe(true)
    // Once before the commit and once before the broadcasts.
    expect(waits).toBe(2)
  })

  it('commits queued updates together and only then runs the callbacks', async () => {
    const { writer, rows } = setup()
    const order: string[] = []
    writer.append('r', 1, new Uint8Array([1]), () => order.push(`done1:${rows()}`))
    writer.append('r', 2, new Uint8Array([2]), () => order.push(`done2:${rows()}`))
    writer.afterCommit(() => order.push('after'))
    expect(order).toEqual([])
    expect(writer.idle).toBe(false)
    await writer.drained()
    expect(order).toEqual(['done1:2', 'done2:2', 'after'])
    expect(writer.idle).toBe(true)
  })

  it('holds callbacks while the database refuses writes, and catches up when it recovers', async () => {
    const { db, writer, rows, health } = setup()
    // Another process holding the write lock: the commit thread's writes fail with SQLITE_BUSY.
    db.exec('BEGIN IMMEDIATE')
    let broadcast = false
    writer.append('r', 1, cardUpdate('a'), () => {
      broadcast = true
    })
    await waitFor(() => writer.lastError !== null, 3000, 'failure')
    expect(broadcast).toBe(false)
    expect(writer.lastError?.message).toMatch(/locked|busy/i)
    expect(health[0]).toBeInstanceOf(Error)
    db.exec('COMMIT')
    await waitFor(() => broadcast, 3000, 'retry')
    expect(rows()).toBe(1)
    expect(writer.lastError).toBeNull()
    expect(health.at(-1)).toBeNull()
  })

  it('hands out what is not on disk yet, so a room reloaded meanwhile loses nothing', async () => {
    const { db, writer, store } = setup()
    db.exec('BEGIN IMMEDIATE')
    writer.append('r', 1, cardUpdate('a'), () => {})
    writer.append('other', 1, cardUpdate('x'), () => {})
    writer.append('r', 2, cardUpdate('b'), () => {})
    expect(writer.pending('r').map((job) => job.seq)).toEqual([1, 2])
    const loaded = await store.load('r', writer.pending('r'))
    expect([...loaded.doc.getMap('notes').keys()].sort()).toEqual(['a', 'b'])
    expect(loaded.seq).toBe(2)
    db.exec('COMMIT')
    await writer.drained()
    expect(writer.pending('r')).toEqual([])
  })

  it('skips a compaction whose room has nothing to fold any more (a failed room), and goes on', async () => {
    const { db, writer, rows } = setup()
    const order: string[] = []
    writer.append('r', 1, cardUpdate('a'), () => order.push('append'))
    writer.compact(
      'r',
      () => null,
      () => order.push('compact'),
    )
    await writer.drained()
    expect(order).toEqual(['append', 'compact'])
    expect(rows()).toBe(1)
    expect(db.prepare('SELECT COUNT(*) AS n FROM room_state').get()).toEqual({ n: 0 })
  })
})
