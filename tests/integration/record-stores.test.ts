/**
 * The workshop's records on both storage engines: snapshots (bytes unchanged, newest first, the
 * latest also when two are taken within one millisecond, never another workshop's), speaking
 * times (one open speech per workshop, also when the floor is handed over twice at once), photo
 * versions (each kept, the first upload of a version wins) and the retention settings.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SqlDatabase } from '../../server/db/sql-database.ts'
import { SpeakingStore, type SpeechStart } from '../../server/hands/speaking-store.ts'
import { PhotoStore } from '../../server/photos/photo-store.ts'
import type { ResizedPhoto } from '../../server/photos/resize-photo.ts'
import {
  DEFAULT_RETENTION,
  readRetention,
  writeRetention,
} from '../../server/retention/retention-settings.ts'
import { SnapshotStore } from '../../server/snapshots/snapshot-store.ts'
import { type OpenedDatabase, storageEngines } from '../support/databases.ts'
import { seedWorkshop } from '../support/store-fixtures.ts'

const engines = await storageEngines()

const speech = (participantId: string | null, startedAt: number): SpeechStart => ({
  workshopId: 'w1',
  participantId,
  name: participantId,
  role: 'citizen',
  onBehalf: participantId === null,
  phaseId: 'p1',
  phaseName: 'Ideen',
  startedAt,
})

const photo = (version: string, fill: number): ResizedPhoto => ({
  image: Buffer.from([0xff, 0xd8, fill, 0, 0xff, 0xd9]),
  width: 1600,
  height: 1200,
  thumbnail: Buffer.from([0xff, 0xd8, fill]),
  version,
})

describe.each(engines)('record stores on $name', (engine) => {
  let opened: OpenedDatabase
  let db: SqlDatabase

  beforeEach(async () => {
    if (engine.unavailable) return
    opened = await engine.open()
    db = opened.db
    await seedWorkshop(db, 'w1', [
      { id: 'anna', role: 'citizen' },
      { id: 'bert', role: 'staff' },
    ])
    await seedWorkshop(db, 'w2')
  })
  afterEach(async () => {
    if (!engine.unavailable) await opened.dispose()
  })

  it.skipIf(engine.unavailable)('keeps snapshots byte for byte, newest first, per workshop', async () => {
    const snapshots = new SnapshotStore(db)
    expect(await snapshots.get('w1')).toBeNull()
    const state = (n: number) => new Uint8Array([0, n, 255, 0])
    const taken = []
    for (const n of [1, 2, 3])
      taken.push(
        await snapshots.create({ workshopId: 'w1', label: `S${n}`, createdBy: 'Mod', state: state(n) }),
      )
    await snapshots.create({
      workshopId: 'w2',
      label: 'fremd',
      createdBy: 'Mod',
      state: state(9),
      phase: 'p9',
    })
    // Taken within a millisecond or not, each is later than the one before.
    for (let i = 1; i < taken.length; i++)
      expect(taken[i]?.createdAt).toBeGreaterThan(taken[i - 1]?.createdAt ?? Number.POSITIVE_INFINITY)
    expect((await snapshots.list('w1')).map((s) => s.label)).toEqual(['S3', 'S2', 'S1'])
    const latest = await snapshots.get('w1')
    expect(latest).toEqual({ ...taken[2], state: state(3) })
    expect(latest?.phase).toBeNull()
    expect((await snapshots.get('w1', taken[0]?.id))?.state).toEqual(state(1))
    const other = (await snapshots.list('w2'))[0]
    expect(other).toMatchObject({ label: 'fremd', phase: 'p9', workshopId: 'w2' })
    expect(await snapshots.get('w1', other?.id)).toBeNull()
  })

  it.skipIf(engine.unavailable)('hands the floor over: the open speech ends, one stays open', async () => {
    const speaking = new SpeakingStore(db)
    expect(await speaking.end('w1', 100)).toBeNull()
    await speaking.handOver(speech('anna', 1000))
    const second = await speaking.handOver(speech(null, 4000))
    // A clock step backwards ends the speech at its start, never before.
    const ended = await speaking.end('w1', 3000)
    expect(ended).toMatchObject({ id: second, startedAt: 4000, endedAt: 4000, durationMs: 0 })
    expect(await speaking.end('w1', 5000)).toBeNull()
    await speaking.handOver(speech('bert', 6000))
    const rows = await speaking.list('w1')
    expect(rows.map((r) => [r.participantId, r.onBehalf, r.startedAt, r.endedAt, r.durationMs])).toEqual([
      ['anna', false, 1000, 4000, 3000],
      [null, true, 4000, 4000, 0],
      ['bert', false, 6000, null, null],
    ])
    expect(rows[0]).toMatchObject({ name: 'anna', role: 'citizen', phaseId: 'p1', phaseName: 'Ideen' })
    expect((await speaking.list('w1', 4000)).map((r) => r.startedAt)).toEqual([1000, 4000])
    expect(await speaking.list('w2')).toEqual([])
  })

  it.skipIf(engine.unavailable)(
    'keeps one open speech when the floor is handed over several times at once',
    async () => {
      const speaking = new SpeakingStore(db)
      await Promise.all([1, 2, 3, 4].map((n) => speaking.handOver(speech(n % 2 ? 'anna' : 'bert', 1000 + n))))
      const rows = await speaking.list('w1')
      expect(rows).toHaveLength(4)
      expect(rows.filter((r) => r.endedAt === null)).toHaveLength(1)
    },
  )

  it.skipIf(engine.unavailable)(
    'keeps every photo version; the first upload of a version stays',
    async () => {
      const photos = new PhotoStore(db)
      await photos.save('w1', 'card', photo('v1', 1), 'Assi', 10)
      await photos.save('w1', 'card', photo('v2', 2), 'Assi', 20)
      await photos.save('w1', 'card', photo('v1', 7), 'Jemand', 30)
      const first = await photos.get('w1', 'card', 'v1')
      expect(first && [...first.image]).toEqual([0xff, 0xd8, 1, 0, 0xff, 0xd9])
      expect(first).toMatchObject({ width: 1600, height: 1200 })
      expect((await photos.get('w1', 'card', 'v2'))?.image[2]).toBe(2)
      expect(await photos.thumbnailUri('w1', 'card', 'v2')).toBe(
        `data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, 2]).toString('base64')}`,
      )
      expect(await photos.get('w2', 'card', 'v1')).toBeNull()
      expect(await photos.thumbnailUri('w1', 'card', 'v3')).toBeNull()
    },
  )

  it.skipIf(engine.unavailable)('stores the retention settings, 0 as keep', async () => {
    expect(await readRetention(db)).toEqual(DEFAULT_RETENTION)
    const stored = await writeRetention(db, {
      guestDays: 30,
      hiddenTextDays: 0,
      workshopDays: 365,
      participantDeletion: 'remove',
    })
    expect(stored).toEqual({
      guestDays: 30,
      hiddenTextDays: null,
      workshopDays: 365,
      participantDeletion: 'remove',
    })
    await writeRetention(db, { ...stored, guestDays: 7 })
    expect(await readRetention(db)).toEqual({ ...stored, guestDays: 7 })
  })
})
