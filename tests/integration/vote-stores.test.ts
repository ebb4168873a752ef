/**
 * The ballot store and the hand-counted dots on both storage engines: budget and cap refused
 * inside the transaction (also for casts sent at once), the ballot stamped with one group, the
 * results computed once at the first reveal (also for two reveals at once) and everything
 * refused after it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SqlDatabase } from '../../server/db/sql-database.ts'
import { PaperStore } from '../../server/votes/paper-store.ts'
import { VoteStore } from '../../server/votes/vote-store.ts'
import type { VoteRule } from '../../shared/script/script-schema.ts'
import type { Ballot, VoteResults } from '../../shared/votes/results.ts'
import { type OpenedDatabase, storageEngines } from '../support/databases.ts'
import { seedWorkshop } from '../support/store-fixtures.ts'

const engines = await storageEngines()
const dots: VoteRule = { method: 'dots', budget: 3, cap: 2 }
const anna = { workshopId: 'w1', phaseId: 'p1', participantId: 'anna', group: 'citizen' as const }
const bert = { ...anna, participantId: 'bert' }

/** Stand-in results that say which ballots they were computed from. */
const resultsOf = (ballots: Ballot[]) =>
  ({
    counted: ballots.map((b) => `${b.participantId}:${b.cardId}:${b.points}`).sort(),
    paper: null,
  }) as unknown as VoteResults

describe.each(engines)('vote stores on $name', (engine) => {
  let opened: OpenedDatabase
  let db: SqlDatabase
  let votes: VoteStore
  let paper: PaperStore

  beforeEach(async () => {
    if (engine.unavailable) return
    opened = await engine.open()
    db = opened.db
    await seedWorkshop(db, 'w1', [
      { id: 'anna', role: 'citizen' },
      { id: 'bert', role: 'citizen' },
    ])
    votes = new VoteStore(db)
    paper = new PaperStore(db)
  })
  afterEach(async () => {
    if (!engine.unavailable) await opened.dispose()
  })

  it.skipIf(engine.unavailable)(
    'refuses what breaks the cap or the budget, and takes points back with 0',
    async () => {
      expect(await votes.cast(anna, 'bus', 3, dots)).toEqual({ ok: false, reason: 'over-cap' })
      expect(await votes.cast(anna, 'bus', 2, dots)).toEqual({
        ok: true,
        mine: { allocations: { bus: 2 }, used: 2 },
      })
      expect(await votes.cast(anna, 'bank', 2, dots)).toEqual({ ok: false, reason: 'over-budget' })
      // Points on the same card are replaced, not added.
      expect((await votes.cast(anna, 'bus', 1, dots)).ok).toBe(true)
      expect(await votes.cast(anna, 'bank', 2, dots)).toEqual({
        ok: true,
        mine: { allocations: { bus: 1, bank: 2 }, used: 3 },
      })
      expect(await votes.cast(anna, 'bus', 0, dots)).toEqual({
        ok: true,
        mine: { allocations: { bank: 2 }, used: 2 },
      })
      expect(await votes.mine('w1', 'p1', 'anna')).toEqual({ allocations: { bank: 2 }, used: 2 })
      expect(await votes.mine('w1', 'other-phase', 'anna')).toEqual({ allocations: {}, used: 0 })
    },
  )

  it.skipIf(engine.unavailable)('never overspends with casts sent at once', async () => {
    const cards = Array.from({ length: 12 }, (_, i) => `card-${i}`)
    const results = await Promise.all(cards.map((card) => votes.cast(anna, card, 1, dots)))
    expect(results.filter((r) => r.ok)).toHaveLength(3)
    expect(results.filter((r) => !r.ok)).toEqual(Array(9).fill({ ok: false, reason: 'over-budget' }))
    expect((await votes.mine('w1', 'p1', 'anna')).used).toBe(3)
  })

  it.skipIf(engine.unavailable)('stamps the whole ballot with the group of the latest cast', async () => {
    await votes.cast(anna, 'bus', 1, dots)
    await votes.cast({ ...anna, group: 'councillor' }, 'bank', 1, dots)
    await votes.cast(bert, 'bus', 2, dots)
    expect(await votes.ballots('w1', 'p1')).toEqual([
      { participantId: 'anna', group: 'councillor', cardId: 'bank', points: 1 },
      { participantId: 'anna', group: 'councillor', cardId: 'bus', points: 1 },
      { participantId: 'bert', group: 'citizen', cardId: 'bus', points: 2 },
    ])
    expect(await votes.voterCount('w1', 'p1')).toBe(2)
    expect(await votes.voterCount('w1', 'p2')).toBe(0)
  })

  it.skipIf(engine.unavailable)(
    'reveals once: results stored, later reveals and writes refused or unchanged',
    async () => {
      await votes.cast(anna, 'bus', 2, dots)
      await votes.cast(bert, 'bank', 1, dots)
      expect(await votes.dropCard('w1', 'p1', 'bank')).toBe(1)
      expect(await votes.isRevealed('w1', 'p1')).toBe(false)
      let computed = 0
      const compute = async (ballots: Ballot[]) => {
        computed++
        return resultsOf(ballots)
      }
      const first = await votes.reveal('w1', 'p1', 1000, compute)
      expect(first).toEqual({ first: true, results: { counted: ['anna:bus:2'], paper: null } })
      expect(await votes.isRevealed('w1', 'p1')).toBe(true)
      expect(await votes.cast(bert, 'bus', 1, dots)).toEqual({ ok: false, reason: 'revealed' })
      expect(await votes.dropCard('w1', 'p1', 'bus')).toBe(0)
      const again = await votes.reveal('w1', 'p1', 2000, compute)
      expect(again).toEqual({ first: false, results: first.results })
      expect(computed).toBe(1)
      expect(await votes.storedResults('w1', 'p1')).toEqual(first.results)
      expect(await votes.storedResults('w1', 'p2')).toBeNull()
    },
  )

  it.skipIf(engine.unavailable)('computes the results once when two reveals come at once', async () => {
    await votes.cast(anna, 'bus', 2, dots)
    const reveals = await Promise.all(
      [1, 2, 3].map((at) => votes.reveal('w1', 'p1', at, async (b) => resultsOf(b))),
    )
    expect(reveals.filter((r) => r.first)).toHaveLength(1)
    for (const r of reveals) expect(r.results).toEqual(reveals[0]?.results)
  })

  it.skipIf(engine.unavailable)(
    'keeps hand-counted dots and voters per group, read inside the reveal, refused after it',
    async () => {
      const key = { workshopId: 'w1', phaseId: 'p1' }
      expect(
        await paper.setPoints(key, { cardId: 'bus', group: 'citizen', points: 4, enteredBy: 'assi' }, 10),
      ).toEqual({
        ok: true,
      })
      await paper.setPoints(key, { cardId: 'bus', group: 'citizen', points: 5, enteredBy: 'assi2' }, 11)
      await paper.setPoints(key, { cardId: 'bank', group: 'staff', points: 2, enteredBy: 'assi' }, 12)
      await paper.setPoints(key, { cardId: 'amt', group: 'staff', points: 1, enteredBy: 'assi' }, 13)
      await paper.setPoints(key, { cardId: 'amt', group: 'staff', points: 0, enteredBy: 'assi' }, 14)
      await paper.setVoters(key, 'citizen', 7, 'assi', 15)
      await paper.setVoters(key, 'staff', 3, 'assi', 16)
      await paper.setVoters(key, 'staff', 0, 'assi', 17)
      expect(await paper.entries(key)).toEqual([
        { cardId: 'bank', group: 'staff', points: 2, enteredBy: 'assi', enteredAt: 12 },
        { cardId: 'bus', group: 'citizen', points: 5, enteredBy: 'assi2', enteredAt: 11 },
      ])
      expect(await paper.voters(key)).toEqual({ citizen: 7, councillor: null, staff: null })

      const { results } = await votes.reveal('w1', 'p1', 20, async (_ballots, tx) => {
        const entries = await paper.entries(key, tx)
        const voters = await paper.voters(key, tx)
        return { entries: entries.length, citizens: voters.citizen, paper: null } as unknown as VoteResults
      })
      expect(results).toMatchObject({ entries: 2, citizens: 7 })
      const refused = { ok: false, reason: 'revealed' }
      expect(
        await paper.setPoints(key, { cardId: 'bus', group: 'citizen', points: 9, enteredBy: 'x' }, 30),
      ).toEqual(refused)
      expect(await paper.setVoters(key, 'citizen', 9, 'x', 30)).toEqual(refused)
      expect((await paper.entries(key)).map((e) => e.points)).toEqual([2, 5])
    },
  )
})
