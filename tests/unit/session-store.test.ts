/** Sessions after the Lucia method: expiry, renewal in the second half, and nothing else stored. */
import fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { generateSessionToken, SESSION_LIFETIME_MS, SessionStore } from '../../server/auth/session-store.ts'
import { openDatabase } from '../../server/db/open-database.ts'
import { UserStore } from '../../server/users/user-store.ts'
import { tempDataDir } from '../support/test-server.ts'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

describe('SessionStore', () => {
  it('renews a session used in its second half and ends it after expiry', () => {
    const dir = tempDataDir()
    dirs.push(dir)
    const db = openDatabase(dir)
    let now = 1_000_000
    const sessions = new SessionStore(db, () => now)
    const user = new UserStore(db).createFirst({ username: 'moderation', passwordHash: 'x' })
    if (!user) throw new Error('no user')
    const token = generateSessionToken()
    const created = sessions.create(token, { userId: user.id })

    now += 5 * 24 * 3600 * 1000
    expect(sessions.validate(token)).toMatchObject({ renewed: false, expiresAt: created })

    now += 12 * 24 * 3600 * 1000
    const renewed = sessions.validate(token)
    expect(renewed).toMatchObject({ renewed: true, expiresAt: now + SESSION_LIFETIME_MS })

    now += SESSION_LIFETIME_MS
    expect(sessions.validate(token)).toBeNull()
    expect(db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 })
  })
})
