/** The card ledger's invariants: holds end, tombstones never do, and each change is announced. */
import fs from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Db, openDatabase } from '../../server/db/open-database.ts'
import { SqliteSqlDatabase } from '../../server/db/sqlite-sql.ts'
import { createLogger } from '../../server/logger.ts'
import { CardLedger } from '../../server/moderation/card-ledger.ts'
import { tempDataDir } from '../support/test-server.ts'

let dir: string
let db: Db
let ledger: CardLedger
let announced: string[]
beforeEach(async () => {
  dir = tempDataDir()
  db = openDatabase(dir)
  ledger = new CardLedger(
    new SqliteSqlDatabase(db),
    createLogger('silent'),
    () => {},
    () => 1000,
  )
  await ledger.load('w')
  announced = []
  ledger.onChange((workshopId, authorId) => announced.push(`${workshopId}/${authorId}`))
})
afterEach(async () => {
  await ledger.close()
  db.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('card ledger', () => {
  it('holds a card once, and releases a hold', () => {
    expect(ledger.hold('w', 'k1', 'anna', 'private')).toBe(true)
    expect(ledger.hold('w', 'k1', 'bert', 'approval')).toBe(false)
    expect(ledger.get('w', 'k1')).toMatchObject({ authorId: 'anna', state: 'private', at: 1000 })
    expect(ledger.count('w', 'private')).toBe(1)
    expect(ledger.release('w', 'k1')).toBe(true)
    expect(ledger.get('w', 'k1')).toBeNull()
    expect(announced).toEqual(['w/anna', 'w/anna'])
  })

  it('rejects only a card waiting for approval, by its author', () => {
    ledger.hold('w', 'p1', 'anna', 'private')
    ledger.hold('w', 'a1', 'anna', 'approval')
    expect(ledger.reject('w', 'p1', 'anna', 'nein', 'Moderation')).toBe(false)
    expect(ledger.reject('w', 'a1', 'bert', 'nein', 'Moderation')).toBe(false)
    expect(ledger.reject('w', 'a1', 'anna', 'Werbung', 'Moderation')).toBe(true)
    expect(ledger.ofAuthor('w', 'anna').map((r) => [r.cardId, r.state, r.reason, r.by])).toEqual([
      ['a1', 'rejected', 'Werbung', 'Moderation'],
      ['p1', 'private', null, null],
    ])
  })

  it('never releases a tombstone, and a hidden record is not turned into a deletion', () => {
    ledger.markDeleted('w', 'd1', 'anna', 'Moderation')
    ledger.markHidden('w', 'h1', 'anna', 'beleidigend', 'Moderation', 5)
    ledger.markDeleted('w', 'h1', 'anna', 'Moderation')
    expect(ledger.release('w', 'd1')).toBe(false)
    expect(ledger.release('w', 'h1')).toBe(false)
    expect(ledger.get('w', 'h1')).toMatchObject({ state: 'hidden', reason: 'beleidigend', at: 5 })
    expect(ledger.get('w', 'd1')).toMatchObject({ state: 'deleted', by: 'Moderation' })
  })

  it('answers only for a loaded workshop', async () => {
    expect(() => ledger.get('other', 'k1')).toThrow('not loaded')
    expect(() => ledger.hold('other', 'k1', 'anna', 'private')).toThrow('not loaded')
    await ledger.load('other')
    expect(ledger.hold('other', 'k1', 'anna', 'private')).toBe(true)
  })

  it('writes every change through, in order', async () => {
    ledger.hold('w', 'k1', 'anna', 'approval')
    ledger.reject('w', 'k1', 'anna', 'doppelt', 'Moderation')
    ledger.hold('w', 'k2', 'anna', 'private')
    ledger.release('w', 'k2')
    await ledger.flushed()
    const rows = db.prepare('SELECT card_id, state, reason FROM card_records ORDER BY card_id').all()
    expect(rows).toEqual([{ card_id: 'k1', state: 'rejected', reason: 'doppelt' }])
  })
})
