/** Accounts: facilitators, councillors and staff. The first account is also the administrator. */

import type { SessionUser, UserRole } from '../auth/session-store.ts'
import type { Db } from '../db/open-database.ts'
import { newId } from '../ids.ts'

interface UserRow {
  id: string
  username: string
  password_hash: string
  role: UserRole
  is_admin: number
}

export interface StoredUser extends SessionUser {
  passwordHash: string
}

function toUser(row: UserRow): StoredUser {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    isAdmin: row.is_admin === 1,
    passwordHash: row.password_hash,
  }
}

export function publicUser(user: SessionUser): SessionUser {
  return { id: user.id, username: user.username, role: user.role, isAdmin: user.isAdmin }
}

export class UserStore {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n
  }

  byId(id: string): StoredUser | null {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined
    return row ? toUser(row) : null
  }

  setPasswordHash(id: string, passwordHash: string): void {
    this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id)
  }

  byUsername(username: string): StoredUser | null {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined
    return row ? toUser(row) : null
  }

  /** Creates an account; returns null when the username is taken. */
  create(input: {
    username: string
    passwordHash: string
    role: UserRole
    isAdmin: boolean
  }): StoredUser | null {
    const id = newId()
    const result = this.db
      .prepare(
        `INSERT INTO users (id, username, password_hash, role, is_admin, created_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(username) DO NOTHING`,
      )
      .run(id, input.username, input.passwordHash, input.role, input.isAdmin ? 1 : 0, Date.now())
    if (result.changes === 0) return null
    return {
      id,
      username: input.username,
      role: input.role,
      isAdmin: input.isAdmin,
      passwordHash: input.passwordHash,
    }
  }

  /** Creates the first account only while there is none, atomically. */
  createFirst(input: { username: string; passwordHash: string }): StoredUser | null {
    return this.db.transaction(() => {
      if (this.count() > 0) return null
      return this.create({ ...input, role: 'facilitator', isAdmin: true })
    })()
  }
}
