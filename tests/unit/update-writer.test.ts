/**
 * The writer commits a tick's updates together and runs their callbacks (the broadcasts) only
 * after the commit. When SQLite refuses writes, nothing is broadcast and nothing is dropped.
 */
import fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/open-database.ts'
import { createLogger } from '../../server/logger.ts'
import { RoomStore } from '../../server/sync/room-store.ts'
import { UpdateWriter } from '../../server/sync/update-writer.ts'
import { waitFor } from '../support/sync-client.ts'
import { tempDataDir } from '../support/test-server.ts'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

function setup() {
  const dir = tempDataDir()
  dirs.push(dir)
  const db = openDatabase(dir)
  const health: (Error | null)[] = []
  const writer = new UpdateWriter(new RoomStore(db), createLogger('silent'), (e) => health.push(e))
  const rows = () => (db.prepare('SELECT COUNT(*) AS n FROM room_updates').get() as { n: number }).n
  return { db, writer, rows, health }
}

describe('UpdateWriter', () => {
  it('commits one tick together and only then runs the callbacks', async () => {
    const { writer, rows } = setup()
    const order: string[] = []
    writer.append('r', 1, new Uint8Array([1]), () => order.push(`done1:${rows()}`))
    writer.append('r', 2, new Uint8Array([2]), () => order.push(`done2:${rows()}`))
    writer.afterCommit(() => order.push('after'))
    expect(order).toEqual([])
    await waitFor(() => writer.idle)
    expect(order).toEqual(['done1:2', 'done2:2', 'after'])
  })

  it('holds callbacks while the database refuses writes, and catches up when it recovers', async () => {
    const { db, writer, rows, health } = setup()
    db.pragma('query_only = ON')
    let broadcast = false
    writer.append('r', 1, new Uint8Array([1]), () => {
      broadcast = true
    })
    await new Promise((r) => setTimeout(r, 50))
    expect(broadcast).toBe(false)
    expect(writer.lastError).toBeInstanceOf(Error)
    expect(health[0]).toBeInstanceOf(Error)
    db.pragma('query_only = OFF')
    await waitFor(() => broadcast, 3000, 'retry')
    expect(rows()).toBe(1)
    expect(writer.lastError).toBeNull()
    expect(health.at(-1)).toBeNull()
  })
})
