/**
 * The event log and the card records on both storage engines: appends form one chain that
 * verifies (also for appends sent at once, and inside a caller's transaction that rolls back),
 * and the card ledger's write-through: what it answered from memory is what a ledger opened
 * afterwards reads, the queued writes committed in their order, each decision with its log
 * entry, and a commit the database refuses kept and retried until it goes through.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AuditService, SYSTEM_ACTOR } from '../../server/audit/audit-service.ts'
import { recordModeration } from '../../server/audit/moderation-audit.ts'
import type { SqlDatabase } from '../../server/db/sql-database.ts'
import { createLogger } from '../../server/logger.ts'
import { CardLedger } from '../../server/moderation/card-ledger.ts'
import { RETRY_MS } from '../../server/moderation/write-queue.ts'
import { SnapshotStore } from '../../server/snapshots/snapshot-store.ts'
import { type OpenedDatabase, storageEngines } from '../support/databases.ts'
import { seedWorkshop } from '../support/store-fixtures.ts'

const engines = await storageEngines()
const facilitator = { role: 'facilitator' as const, name: 'Moderation' }

describe.each(engines)('event log and card records on $name', (engine) => {
  let opened: OpenedDatabase
  let db: SqlDatabase
  let audit: AuditService
  const ledgers: CardLedger[] = []

  /** A ledger as the sync server builds it: decisions and reveals go to the log. */
  const openLedger = async (workshopId = 'w1', onHealth: (e: Error | null) => void = () => {}) => {
    const ledger = new CardLedger(db, createLogger('silent'), onHealth)
    recordModeration({ ledger, onRevealed: () => {} }, audit)
    await ledger.load(workshopId)
    ledgers.push(ledger)
    return ledger
  }
  const kinds = async (workshopId = 'w1') => (await audit.log.entries(workshopId)).map((e) => e.kind)

  beforeEach(async () => {
    if (engine.unavailable) return
    opened = await engine.open()
    db = opened.db
    await seedWorkshop(db, 'w1')
    audit = new AuditService(db)
  })
  afterEach(async () => {
    if (engine.unavailable) return
    for (const ledger of ledgers.splice(0)) await ledger.close(2000)
    await opened.dispose()
  })

  it.skipIf(engine.unavailable)('appends a chain that verifies, snapshots included', async () => {
    const snapshots = new SnapshotStore(db, audit)
    await audit.record('w1', 'workshop.created', facilitator, { template: null })
    await snapshots.create({
      workshopId: 'w1',
      label: 'Anfang',
      createdBy: 'Moderation',
      state: new Uint8Array([0, 0]),
    })
    await audit.record('w1', 'phase.changed', facilitator, { from: null, to: 'p1' })
    const log = await audit.log.entries('w1')
    expect(log.map((e) => [e.seq, e.kind])).toEqual([
      [1, 'log.started'],
      [2, 'workshop.created'],
      [3, 'snapshot.taken'],
      [4, 'phase.changed'],
    ])
    expect(log[1]?.prevHash).toBe(log[0]?.hash)
    expect(await audit.verify('w1')).toEqual({ ok: true, entries: 4, snapshots: 1 })
    // A snapshot changed behind the log's back is named.
    await db.run('UPDATE snapshots SET state = ? WHERE workshop_id = ?', [new Uint8Array([0, 0, 1]), 'w1'])
    expect((await audit.verify('w1')).ok).toBe(false)
  })

  it.skipIf(engine.unavailable)('keeps one chain when appends are sent at once', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => audit.record('w1', 'retention.run', SYSTEM_ACTOR, { n: i })),
    )
    const log = await audit.log.entries('w1')
    expect(log.map((e) => e.seq)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1))
    expect(log.filter((e) => e.kind === 'log.started')).toHaveLength(1)
    expect(
      log
        .slice(1)
        .map((e) => e.data.n)
        .sort((a, b) => Number(a) - Number(b)),
    ).toEqual(Array.from({ length: 12 }, (_, i) => i))
    expect(await audit.verify('w1')).toMatchObject({ ok: true, entries: 13 })
  })

  it.skipIf(engine.unavailable)(
    'records inside a caller’s transaction, and nothing of it when that rolls back',
    async () => {
      await db.transaction(async (tx) => {
        await tx.run('UPDATE workshops SET closed_at = 5 WHERE id = ?', ['w1'])
        await audit.record('w1', 'workshop.closed', facilitator, {}, tx)
      })
      await expect(
        db.transaction(async (tx) => {
          await audit.record('w1', 'workshop.exported', facilitator, {}, tx)
          throw new Error('given up')
        }),
      ).rejects.toThrow('given up')
      expect(await kinds()).toEqual(['log.started', 'workshop.closed'])
    },
  )

  it.skipIf(engine.unavailable)(
    'writes the ledger through: a ledger opened later reads what this one answered',
    async () => {
      const ledger = await openLedger()
      ledger.hold('w1', 'p1', 'anna', 'private')
      ledger.hold('w1', 'a1', 'anna', 'approval')
      ledger.hold('w1', 'a2', 'bert', 'approval')
      ledger.reject('w1', 'a2', 'bert', 'doppelt', 'Moderation')
      ledger.markDeleted('w1', 'd1', 'anna', 'Moderation')
      ledger.hide({
        workshopId: 'w1',
        cardId: 'h1',
        authorId: 'bert',
        text: 'Unsinn',
        reason: 'beleidigend',
        by: 'Moderation',
        at: 7,
      })
      ledger.hide({
        workshopId: 'w1',
        cardId: 'h2',
        authorId: null,
        text: 'Alt',
        reason: 'Werbung',
        by: 'Moderation',
        at: 8,
      })
      ledger.release('w1', 'p1')
      await ledger.flushed()
      const again = await openLedger()
      for (const author of ['anna', 'bert'])
        expect(again.ofAuthor('w1', author)).toEqual(ledger.ofAuthor('w1', author))
      expect(again.get('w1', 'p1')).toBeNull()
      expect(again.inState('w1', 'hidden').map((r) => [r.cardId, r.reason, r.at])).toEqual([
        ['h1', 'beleidigend', 7],
      ])
      const hidden = await db.all<{ card_id: string; text: string }>(
        'SELECT card_id, text FROM hidden_cards WHERE workshop_id = ? ORDER BY card_id',
        ['w1'],
      )
      expect(hidden).toEqual([
        { card_id: 'h1', text: 'Unsinn' },
        { card_id: 'h2', text: 'Alt' },
      ])
      // Each decision with its entry, in the order decided.
      expect(await kinds()).toEqual([
        'log.started',
        'card.rejected',
        'card.deleted',
        'card.hidden',
        'card.hidden',
      ])
      expect(await audit.verify('w1')).toMatchObject({ ok: true })
    },
  )

  it.skipIf(engine.unavailable)(
    'commits queued writes in their order, also those queued during a commit',
    async () => {
      const ledger = await openLedger()
      // The same card through hold → release → hold → reject: only the order makes the last state.
      ledger.hold('w1', 'k1', 'anna', 'private')
      ledger.release('w1', 'k1')
      const first = ledger.flushed()
      ledger.hold('w1', 'k1', 'anna', 'approval')
      await Promise.resolve()
      ledger.reject('w1', 'k1', 'anna', 'zu spät', 'Moderation')
      for (let i = 0; i < 20; i++) {
        ledger.hold('w1', `n${i}`, 'bert', 'private')
        if (i % 2 === 0) ledger.release('w1', `n${i}`)
      }
      await first
      await ledger.flushed()
      const stored = await db.all<{ card_id: string; state: string }>(
        'SELECT card_id, state FROM card_records WHERE workshop_id = ? ORDER BY card_id',
        ['w1'],
      )
      const memory = [...ledger.ofAuthor('w1', 'anna'), ...ledger.ofAuthor('w1', 'bert')]
        .map((r) => ({ card_id: r.cardId, state: r.state }))
        .sort((a, b) => (a.card_id < b.card_id ? -1 : 1))
      expect(stored).toEqual(memory)
      expect(stored.find((r) => r.card_id === 'k1')?.state).toBe('rejected')
      expect(stored).toHaveLength(11)
    },
  )

  it.skipIf(engine.unavailable)(
    'keeps a refused commit and retries it until the database takes it',
    async () => {
      const health: (string | null)[] = []
      const ledger = await openLedger('w1', (e) => health.push(e ? 'failing' : null))
      await refuseRecords(db, true)
      ledger.hold('w1', 'k1', 'anna', 'approval')
      ledger.reject('w1', 'k1', 'anna', 'nein', 'Moderation')
      expect(await ledger.flushedWithin(RETRY_MS / 2)).toBe(false)
      expect(ledger.lastError).not.toBeNull()
      ledger.hold('w1', 'k2', 'anna', 'private')
      await refuseRecords(db, false)
      expect(await ledger.flushedWithin(5 * RETRY_MS)).toBe(true)
      expect(ledger.lastError).toBeNull()
      expect(health).toEqual(['failing', null])
      const stored = await db.all<{ card_id: string; state: string }>(
        'SELECT card_id, state FROM card_records ORDER BY card_id',
      )
      expect(stored).toEqual([
        { card_id: 'k1', state: 'rejected' },
        { card_id: 'k2', state: 'private' },
      ])
      expect(await kinds()).toEqual(['log.started', 'card.rejected'])
    },
  )
})

/** A trigger that makes the database refuse every new card record (or drops it again). */
async function refuseRecords(db: SqlDatabase, on: boolean): Promise<void> {
  if (db.dialect === 'sqlite') {
    await db.run(
      on
        ? `CREATE TRIGGER refuse_records BEFORE INSERT ON card_records
           BEGIN SELECT RAISE(ABORT, 'refused for the test'); END`
        : 'DROP TRIGGER refuse_records',
    )
    return
  }
  if (on) {
    await db.run(
      `CREATE FUNCTION refuse_records() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'refused for the test'; END $$`,
    )
    await db.run(
      'CREATE TRIGGER refuse_records BEFORE INSERT ON card_records FOR EACH ROW EXECUTE FUNCTION refuse_records()',
    )
  } else {
    await db.run('DROP TRIGGER refuse_records ON card_records')
    await db.run('DROP FUNCTION refuse_records()')
  }
}
