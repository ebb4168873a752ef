/**
 * Accounts and sessions on both storage engines: usernames found and refused case-blind, only
 * one first administrator however many try at once, account administration ending sessions,
 * and sessions after the Lucia method (renewed in their second half, deleted once expired).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { generateSessionToken, SESSION_LIFETIME_MS, SessionStore } from '../../server/auth/session-store.ts'
import type { SqlDatabase } from '../../server/db/sql-database.ts'
import {
  accountById,
  accountByUsername,
  deactivateAccount,
  isDeactivated,
  listAccounts,
  reactivateAccount,
  resetPassword,
  setAccountRole,
} from '../../server/users/account-admin.ts'
import { UserStore } from '../../server/users/user-store.ts'
import { WorkshopStore } from '../../server/workshops/workshop-store.ts'
import { type OpenedDatabase, storageEngines } from '../support/databases.ts'

const engines = await storageEngines()
const DAY = 24 * 3600 * 1000

describe.each(engines)('accounts and sessions on $name', (engine) => {
  let opened: OpenedDatabase
  let db: SqlDatabase
  let users: UserStore
  let now: number
  let sessions: SessionStore

  beforeEach(async () => {
    if (engine.unavailable) return
    opened = await engine.open()
    db = opened.db
    users = new UserStore(db)
    now = 1_000_000
    sessions = new SessionStore(db, () => now)
  })
  afterEach(async () => {
    if (!engine.unavailable) await opened.dispose()
  })

  const sessionCount = async () => (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM sessions'))?.n

  it.skipIf(engine.unavailable)('creates accounts and finds and refuses usernames case-blind', async () => {
    expect(await users.count()).toBe(0)
    const anna = await users.create({
      username: 'Anna.Schmidt',
      passwordHash: 'h1',
      role: 'councillor',
      isAdmin: false,
    })
    expect(anna).toMatchObject({ username: 'Anna.Schmidt', role: 'councillor', isAdmin: false })
    expect(await users.byUsername('anna.SCHMIDT')).toEqual(anna)
    expect(await users.byId(anna?.id ?? '')).toEqual(anna)
    expect(
      await users.create({ username: 'ANNA.schmidt', passwordHash: 'h2', role: 'staff', isAdmin: false }),
    ).toBeNull()
    expect(await users.count()).toBe(1)
    expect(await users.byUsername('niemand')).toBeNull()
    await users.setPasswordHash(anna?.id ?? '', 'h3')
    expect((await users.byUsername('Anna.Schmidt'))?.passwordHash).toBe('h3')
  })

  it.skipIf(engine.unavailable)('makes one first administrator, however many try at once', async () => {
    const tries = await Promise.all(
      ['eins', 'zwei', 'drei', 'vier', 'fünf'].map((username) =>
        users.createFirst({ username, passwordHash: 'x' }),
      ),
    )
    const made = tries.filter((u) => u !== null)
    expect(made).toHaveLength(1)
    expect(made[0]).toMatchObject({ role: 'facilitator', isAdmin: true })
    expect(await users.count()).toBe(1)
    expect(await users.createFirst({ username: 'später', passwordHash: 'x' })).toBeNull()
  })

  it.skipIf(engine.unavailable)(
    'deactivation and a new password end every session of the account',
    async () => {
      const admin = await users.createFirst({ username: 'chefin', passwordHash: 'x' })
      const staff = await users.create({ username: 'Kai', passwordHash: 'x', role: 'staff', isAdmin: false })
      if (!admin || !staff) throw new Error('no accounts')
      const kai = [generateSessionToken(), generateSessionToken()]
      for (const token of kai) await sessions.create(token, { userId: staff.id })
      const chefin = generateSessionToken()
      await sessions.create(chefin, { userId: admin.id })

      expect(await deactivateAccount(db, staff.id, 5)).toBe(true)
      expect(await deactivateAccount(db, staff.id, 6)).toBe(false)
      expect(await isDeactivated(db, staff.id)).toBe(true)
      for (const token of kai) expect(await sessions.validate(token)).toBeNull()
      expect(await sessions.validate(chefin)).toMatchObject({ kind: 'user', user: { username: 'chefin' } })
      expect(await accountByUsername(db, 'kai')).toEqual({ id: staff.id, username: 'Kai', deactivatedAt: 5 })

      expect(await reactivateAccount(db, staff.id)).toBe(true)
      expect(await reactivateAccount(db, staff.id)).toBe(false)
      expect(await isDeactivated(db, staff.id)).toBe(false)

      await setAccountRole(db, staff.id, 'councillor')
      expect(await accountById(db, staff.id)).toMatchObject({ role: 'councillor', deactivated: false })
      expect((await listAccounts(db)).map((a) => a.username)).toEqual(['chefin', 'Kai'])

      await resetPassword(db, admin.id, 'neu')
      expect(await sessions.validate(chefin)).toBeNull()
      expect((await users.byId(admin.id))?.passwordHash).toBe('neu')
      expect(await sessionCount()).toBe(0)
    },
  )

  it.skipIf(engine.unavailable)(
    'renews a session used in its second half and deletes it once expired',
    async () => {
      const user = await users.createFirst({ username: 'moderation', passwordHash: 'x' })
      if (!user) throw new Error('no user')
      const token = generateSessionToken()
      const created = await sessions.create(token, { userId: user.id })
      expect(created).toBe(now + SESSION_LIFETIME_MS)

      now += 5 * DAY
      expect(await sessions.validate(token)).toMatchObject({ renewed: false, expiresAt: created })

      now += 12 * DAY
      const renewed = await sessions.validate(token)
      expect(renewed).toMatchObject({ kind: 'user', renewed: true, expiresAt: now + SESSION_LIFETIME_MS })
      // The renewal is stored: the next request sees the new expiry, not a second renewal.
      expect(await sessions.validate(token)).toMatchObject({
        renewed: false,
        expiresAt: now + SESSION_LIFETIME_MS,
      })

      now += SESSION_LIFETIME_MS
      expect(await sessions.validate(token)).toBeNull()
      expect(await sessionCount()).toBe(0)
      expect(await sessions.validate('not-a-token')).toBeNull()
      expect(await sessions.validate(generateSessionToken())).toBeNull()
    },
  )

  it.skipIf(engine.unavailable)('a guest session carries the participant as they are now', async () => {
    const owner = await users.createFirst({ username: 'moderation', passwordHash: 'x' })
    if (!owner) throw new Error('no user')
    const workshops = new WorkshopStore(db)
    const workshop = await workshops.create({ title: 'Werkstatt', template: null, ownerId: owner.id })
    const guest = await workshops.addGuest(workshop.id, 'Anna', 'citizen')
    const token = generateSessionToken()
    await sessions.create(token, { participantId: guest.id })
    expect(await sessions.validate(token)).toMatchObject({
      kind: 'guest',
      guest: { id: guest.id, workshopId: workshop.id, name: 'Anna', role: 'citizen' },
    })
    await workshops.setRole(guest.id, 'observer')
    expect(await sessions.validate(token)).toMatchObject({ guest: { role: 'observer' } })
    await sessions.invalidate((await sessions.validate(token))?.sessionId ?? '')
    expect(await sessions.validate(token)).toBeNull()
  })

  it.skipIf(engine.unavailable)('ends all sessions of one account, and sweeps expired ones', async () => {
    const a = await users.createFirst({ username: 'a-konto', passwordHash: 'x' })
    const b = await users.create({ username: 'b-konto', passwordHash: 'x', role: 'staff', isAdmin: false })
    if (!a || !b) throw new Error('no accounts')
    const early = generateSessionToken()
    await sessions.create(early, { userId: a.id })
    now += 10 * DAY
    const later = generateSessionToken()
    await sessions.create(later, { userId: b.id })
    const other = generateSessionToken()
    await sessions.create(other, { userId: a.id })

    now += SESSION_LIFETIME_MS - 5 * DAY
    expect(await sessions.deleteExpired()).toBe(1)
    expect(await sessionCount()).toBe(2)
    await sessions.invalidateAllOfUser(a.id)
    expect(await sessions.validate(other)).toBeNull()
    expect(await sessions.validate(later)).toMatchObject({ user: { id: b.id } })
  })
})
