/**
 * The storage interface's promise, on both engines: the same SQL reads and writes the same rows
 * (bytes, millisecond times, case-blind usernames), a transaction commits as a whole or not at
 * all, concurrent read-modify-write transactions never lose an update, and nothing outside a
 * transaction sees its work before the commit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SqlDatabase } from '../../server/db/sql-database.ts'
import { numberedPlaceholders } from '../../server/db/sql-database.ts'
import { type OpenedDatabase, storageEngines } from '../support/databases.ts'

const engines = await storageEngines()

describe('numbered placeholders', () => {
  it('numbers ? outside quotes and comments', () => {
    expect(numberedPlaceholders(`SELECT '?', "a?" FROM t WHERE a = ? AND b = ? -- c?\n AND d = ?`)).toBe(
      `SELECT '?', "a?" FROM t WHERE a = $1 AND b = $2 -- c?\n AND d = $3`,
    )
  })
})

describe.each(engines)('SQL on $name', (engine) => {
  let opened: OpenedDatabase
  let db: SqlDatabase

  beforeEach(async () => {
    if (engine.unavailable) return
    opened = await engine.open()
    db = opened.db
    await db.run(
      `INSERT INTO users (id, username, password_hash, role, created_at) VALUES (?, ?, ?, 'facilitator', ?)`,
      ['u1', 'Anna.Schmidt', 'x', 1_764_000_000_123],
    )
    await db.run(
      `INSERT INTO workshops (id, title, join_code, owner_id, created_at) VALUES ('w1', 'Werkstatt', 'ABC', 'u1', 1)`,
    )
  })
  afterEach(async () => {
    if (!engine.unavailable) await opened.dispose()
  })

  it.skipIf(engine.unavailable)(
    'reads back times in milliseconds as numbers, and finds names case-blind',
    async () => {
      const user = await db.get<{ id: string; created_at: number }>(
        'SELECT id, created_at FROM users WHERE username = ?',
        ['anna.SCHMIDT'],
      )
      expect(user).toEqual({ id: 'u1', created_at: 1_764_000_000_123 })
      await expect(
        db.run(
          `INSERT INTO users (id, username, password_hash, role, created_at) VALUES ('u2', 'ANNA.schmidt', 'x', 'staff', 1)`,
        ),
      ).rejects.toThrow()
      expect(await db.get('SELECT id FROM users WHERE username = ?', ['niemand'])).toBeUndefined()
    },
  )

  it.skipIf(engine.unavailable)('stores bytes unchanged and counts changed rows', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 0])
    await db.run('INSERT INTO room_state (room, state, last_seq) VALUES (?, ?, ?)', ['r', bytes, 7])
    const row = await db.get<{ state: Uint8Array; last_seq: number }>(
      'SELECT state, last_seq FROM room_state WHERE room = ?',
      ['r'],
    )
    expect(new Uint8Array(row?.state ?? [])).toEqual(bytes)
    expect(row?.last_seq).toBe(7)
    const upsert = `INSERT INTO room_state (room, state, last_seq) VALUES (?, ?, ?)
      ON CONFLICT(room) DO UPDATE SET state = excluded.state, last_seq = excluded.last_seq`
    expect((await db.run(upsert, ['r', new Uint8Array([9]), 8])).changes).toBe(1)
    expect((await db.run('DELETE FROM room_state WHERE room = ?', ['nichts'])).changes).toBe(0)
    expect(await db.all('SELECT last_seq FROM room_state')).toEqual([{ last_seq: 8 }])
  })

  it.skipIf(engine.unavailable)('commits a transaction as a whole, or rolls all of it back', async () => {
    const insert = 'INSERT INTO instance_settings (key, value) VALUES (?, ?)'
    await db.transaction(async (tx) => {
      await tx.run(insert, ['a', '1'])
      await tx.run(insert, ['b', '2'])
    })
    await expect(
      db.transaction(async (tx) => {
        await tx.run(insert, ['c', '3'])
        await tx.run(insert, ['a', 'doppelt'])
      }),
    ).rejects.toThrow()
    const rows = await db.all<{ key: string }>('SELECT key FROM instance_settings ORDER BY key')
    expect(rows.map((r) => r.key)).toEqual(['a', 'b'])
  })

  it.skipIf(engine.unavailable)(
    'never loses an update to concurrent read-modify-write transactions',
    async () => {
      await db.run(`INSERT INTO instance_settings (key, value) VALUES ('n', '0')`)
      await Promise.all(
        Array.from({ length: 20 }, () =>
          db.transaction(async (tx) => {
            const row = await tx.get<{ value: string }>(`SELECT value FROM instance_settings WHERE key = 'n'`)
            await tx.run(`UPDATE instance_settings SET value = ? WHERE key = 'n'`, [
              String(Number(row?.value) + 1),
            ])
          }),
        ),
      )
      expect(await db.get(`SELECT value FROM instance_settings WHERE key = 'n'`)).toEqual({ value: '20' })
    },
  )

  it.skipIf(engine.unavailable)('shows nothing of an open transaction outside it', async () => {
    let inside: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      inside = resolve
    })
    let finish: () => void = () => {}
    const open = db.transaction(async (tx) => {
      await tx.run(`INSERT INTO instance_settings (key, value) VALUES ('offen', '1')`)
      inside()
      await new Promise<void>((resolve) => {
        finish = resolve
      })
      throw new Error('zurück')
    })
    await held
    const outside = db.get(`SELECT value FROM instance_settings WHERE key = 'offen'`)
    finish()
    await expect(open).rejects.toThrow('zurück')
    expect(await outside).toBeUndefined()
  })
})
