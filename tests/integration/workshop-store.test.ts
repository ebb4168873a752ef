/**
 * Workshops and their participants on both storage engines: join codes unique (also when a
 * drawn code is taken), workshops listed for their owner and their members, participants in
 * the order they joined, role changes and removal (which ends a guest's sessions), and joining
 * decided in one transaction (a rejoin from the same device, the guest cap under concurrent joins);
 * the in-memory participant directory following the store's writes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { generateSessionToken, SessionStore } from '../../server/auth/session-store.ts'
import type { SqlDatabase } from '../../server/db/sql-database.ts'
import { type StoredUser, UserStore } from '../../server/users/user-store.ts'
import { joinAsAccount, joinAsGuest } from '../../server/workshops/joining.ts'
import { type Workshop, WorkshopStore } from '../../server/workshops/workshop-store.ts'
import { type OpenedDatabase, storageEngines } from '../support/databases.ts'

/** Join codes to hand out before random ones: forces a collision with a code in use. */
const drawn = vi.hoisted(() => ({ codes: [] as string[] }))
vi.mock('../../server/ids.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../server/ids.ts')>()
  return { ...actual, newJoinCode: () => drawn.codes.shift() ?? actual.newJoinCode() }
})

const engines = await storageEngines()

describe.each(engines)('workshops and participants on $name', (engine) => {
  let opened: OpenedDatabase
  let db: SqlDatabase
  let workshops: WorkshopStore
  let owner: StoredUser
  let workshop: Workshop

  beforeEach(async () => {
    if (engine.unavailable) return
    opened = await engine.open()
    db = opened.db
    workshops = new WorkshopStore(db)
    const created = await new UserStore(db).createFirst({ username: 'Moderation', passwordHash: 'x' })
    if (!created) throw new Error('no user')
    owner = created
    workshop = await workshops.create({ title: 'Haushalt', template: null, ownerId: owner.id })
  })
  afterEach(async () => {
    drawn.codes.length = 0
    if (!engine.unavailable) await opened.dispose()
  })

  it.skipIf(engine.unavailable)(
    'finds a workshop by id and code, and lists it for owner and members',
    async () => {
      expect(await workshops.byId(workshop.id)).toEqual(workshop)
      expect(await workshops.byJoinCode(workshop.joinCode)).toEqual(workshop)
      expect(workshop).toMatchObject({ joining: true, guestCap: null, closedAt: null })
      const users = new UserStore(db)
      const kai = await users.create({
        username: 'Kai',
        passwordHash: 'x',
        role: 'councillor',
        isAdmin: false,
      })
      if (!kai) throw new Error('no user')
      const later = await workshops.create({
        title: 'Verkehr',
        template: 'x',
        ownerId: owner.id,
        createdAt: 9e12,
      })
      expect((await workshops.listOwnedBy(owner.id)).map((w) => w.title)).toEqual(['Verkehr', 'Haushalt'])
      expect(await workshops.listJoinedBy(kai.id)).toEqual([])
      await workshops.ensureMember(workshop.id, kai, 'councillor')
      expect((await workshops.listJoinedBy(kai.id)).map((w) => w.id)).toEqual([workshop.id])
      // An owner's own workshops are not "joined".
      await workshops.ensureMember(later.id, owner, 'facilitator')
      expect(await workshops.listJoinedBy(owner.id)).toEqual([])

      await workshops.setJoining(workshop.id, false)
      await workshops.setGuestCap(workshop.id, 12)
      expect(await workshops.byId(workshop.id)).toMatchObject({ joining: false, guestCap: 12 })
      await workshops.setJoining(workshop.id, true)
      await workshops.setGuestCap(workshop.id, null)
      expect(await workshops.byId(workshop.id)).toMatchObject({ joining: true, guestCap: null })
    },
  )

  it.skipIf(engine.unavailable)('keeps join codes unique when a drawn code is already in use', async () => {
    drawn.codes.push(workshop.joinCode, 'ZZZZ2345')
    const second = await workshops.create({ title: 'Zweite', template: null, ownerId: owner.id })
    expect(second.joinCode).toBe('ZZZZ2345')

    drawn.codes.push(workshop.joinCode, 'YYYY2345')
    const renewed = await workshops.renewJoinCode(second.id)
    expect(renewed).toBe('YYYY2345')
    expect(await workshops.byJoinCode('ZZZZ2345')).toBeNull()
    expect((await workshops.byJoinCode(workshop.joinCode))?.id).toBe(workshop.id)
    expect((await workshops.byJoinCode('YYYY2345'))?.id).toBe(second.id)

    const many = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        workshops.create({ title: `W${i}`, template: null, ownerId: owner.id }),
      ),
    )
    expect(new Set([workshop, second, ...many].map((w) => w.joinCode)).size).toBe(22)
  })

  it.skipIf(engine.unavailable)(
    "keeps a loaded workshop's participants in memory, current with the store's writes",
    async () => {
      const anna = await workshops.addGuest(workshop.id, 'Anna', 'citizen')
      const directory = workshops.directory
      expect(() => directory.get(workshop.id, anna.id)).toThrow(/not loaded/)
      // A join while the workshop is being read is not lost, whichever it comes after.
      const loading = directory.load(workshop.id)
      const ben = await workshops.addGuest(workshop.id, 'Ben', 'councillor')
      await loading
      expect(directory.get(workshop.id, anna.id)).toEqual({
        id: anna.id,
        name: 'Anna',
        role: 'citizen',
        removed: false,
      })
      expect(directory.get(workshop.id, ben.id)?.role).toBe('councillor')
      expect(directory.get(workshop.id, 'nobody')).toBeNull()

      const member = await workshops.ensureMember(workshop.id, owner, 'facilitator')
      expect(directory.get(workshop.id, member.id)).toMatchObject({ name: 'Moderation', role: 'facilitator' })
      await workshops.setRole(anna.id, 'observer')
      expect(directory.get(workshop.id, anna.id)?.role).toBe('observer')
      await workshops.remove(ben.id)
      expect(directory.get(workshop.id, ben.id)?.removed).toBe(true)
      // As the table says: a removed participant's role stays.
      await workshops.setRole(ben.id, 'staff')
      expect(directory.get(workshop.id, ben.id)?.role).toBe('councillor')

      // Forgotten (written beside the store), it is read again as stored.
      await db.run('UPDATE participants SET name = ? WHERE id = ?', ['Person A', anna.id])
      expect(directory.get(workshop.id, anna.id)?.name).toBe('Anna')
      directory.forget(workshop.id)
      await directory.load(workshop.id)
      expect(directory.get(workshop.id, anna.id)).toEqual({
        id: anna.id,
        name: 'Person A',
        role: 'observer',
        removed: false,
      })
      expect(directory.get(workshop.id, ben.id)).toMatchObject({ role: 'councillor', removed: true })
    },
  )

  it.skipIf(engine.unavailable)(
    'lists participants in join order; role changes and removal count',
    async () => {
      const member = await workshops.ensureMember(workshop.id, owner, 'facilitator')
      expect(await workshops.ensureMember(workshop.id, owner, 'staff')).toEqual(member)
      expect(await workshops.memberByUser(workshop.id, owner.id)).toEqual(member)
      const names = ['Anna', 'Ben', 'Cem', 'Dora', 'Emil', 'Fatma']
      // Joined as fast as the store allows: many in the same millisecond.
      const guests = []
      for (const name of names)
        guests.push(await workshops.addGuest(workshop.id, name, 'citizen', `dev-${name}`))
      expect((await workshops.participants(workshop.id)).map((p) => p.name)).toEqual(['Moderation', ...names])
      expect(await workshops.guestCount(workshop.id)).toBe(6)
      const [anna, ben] = guests as [(typeof guests)[0], (typeof guests)[0]]
      expect(await workshops.participant(anna.id)).toEqual(anna)
      expect(await workshops.deviceOf(anna.id)).toBe('dev-Anna')
      expect(await workshops.deviceOf(member.id)).toBeNull()

      await workshops.setRole(ben.id, 'observer')
      expect((await workshops.participant(ben.id))?.role).toBe('observer')
      expect((await workshops.writers(workshop.id)).map((p) => p.name)).not.toContain('Ben')

      const sessions = new SessionStore(db)
      const token = generateSessionToken()
      await sessions.create(token, { participantId: anna.id })
      await workshops.remove(anna.id)
      expect(await workshops.participant(anna.id)).toMatchObject({ removed: true })
      expect(await sessions.validate(token)).toBeNull()
      expect(await workshops.guestCount(workshop.id)).toBe(5)
      // A removed participant's role no longer changes; they stay listed, marked.
      await workshops.setRole(anna.id, 'assistant')
      expect((await workshops.participant(anna.id))?.role).toBe('citizen')
      expect((await workshops.participants(workshop.id)).filter((p) => p.removed).map((p) => p.name)).toEqual(
        ['Anna'],
      )
    },
  )

  it.skipIf(engine.unavailable)(
    'a guest rejoining from the same device under the same name is the same one',
    async () => {
      const base = { role: 'citizen' as const, defaultGuestCap: 0 }
      const first = await joinAsGuest(workshops, workshop, { ...base, name: 'Anna', earlier: null })
      if (!first.ok) throw new Error('refused')
      const earlier = {
        id: first.participant.id,
        workshopId: workshop.id,
        name: 'Anna',
        role: 'citizen' as const,
      }
      const again = await joinAsGuest(workshops, workshop, { ...base, name: '  anna ', earlier })
      expect(again).toMatchObject({ ok: true, returning: true, participant: { id: first.participant.id } })
      const ben = await joinAsGuest(workshops, workshop, { ...base, name: 'Ben', earlier })
      if (!ben.ok) throw new Error('refused')
      expect(ben.returning).toBe(false)
      expect(await workshops.deviceOf(ben.participant.id)).toBe(
        await workshops.deviceOf(first.participant.id),
      )
      expect(
        (
          await workshops.guestsOnDevice(workshop.id, (await workshops.deviceOf(ben.participant.id)) ?? '')
        ).map((p) => p.name),
      ).toEqual(['Anna', 'Ben'])

      await workshops.remove(first.participant.id)
      expect(await joinAsGuest(workshops, workshop, { ...base, name: 'Anna', earlier })).toEqual({
        ok: false,
        reason: 'removed',
      })
      await workshops.setJoining(workshop.id, false)
      // The doors as stored count, not the workshop object the caller read before.
      expect(await joinAsGuest(workshops, workshop, { ...base, name: 'Cem', earlier: null })).toEqual({
        ok: false,
        reason: 'joining-closed',
      })
      const kai = await new UserStore(db).create({
        username: 'Kai',
        passwordHash: 'x',
        role: 'facilitator',
        isAdmin: false,
      })
      if (!kai) throw new Error('no user')
      expect(await joinAsAccount(workshops, workshop, kai)).toEqual({ ok: false, reason: 'joining-closed' })
      expect(await joinAsAccount(workshops, workshop, owner)).toMatchObject({
        ok: true,
        participant: { role: 'facilitator' },
      })
    },
  )

  it.skipIf(engine.unavailable)('admits no more guests than the cap when they join at once', async () => {
    await workshops.setGuestCap(workshop.id, 3)
    const capped = (await workshops.byId(workshop.id)) as Workshop
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        joinAsGuest(workshops, capped, {
          name: `Gast ${i}`,
          role: 'citizen',
          earlier: null,
          defaultGuestCap: 0,
        }),
      ),
    )
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3)
    expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.reason)).toEqual(
      Array(5).fill('workshop-full'),
    )
    expect(await workshops.guestCount(workshop.id)).toBe(3)
  })
})
