/**
 * Accounts: facilitators, councillors and staff. The first account is also the administrator.
 * Async, on the storage interface (SQLite or PostgreSQL); usernames are found case-blind (the
 * column's collation on both engines).
 */

import type { SessionUser, UserRole } from '../auth/session-store.ts'
import type { SqlDatabase, SqlQueries } from '../db/sql-database.ts'
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
  constructor(private readonly db: SqlDatabase) {}

  async count(q: SqlQueries = this.db): Promise<number> {
    const row = await q.get<{ n: number }>('SELECT COUNT(*) AS n FROM users')
    return row?.n ?? 0
  }

  async byId(id: string): Promise<StoredUser | null> {
    const row = await this.db.get<UserRow>('SELECT * FROM users WHERE id = ?', [id])
    return row ? toUser(row) : null
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db.run('UPDATE users SET password_hash = ? WHERE id = ?', [passwordHash, id])
  }

  async byUsername(username: string): Promise<StoredUser | null> {
    const row = await this.db.get<UserRow>('SELECT * FROM users WHERE username = ?', [username])
    return row ? toUser(row) : null
  }

  /** Creates an account; returns null when the username is taken (in any case). */
  async create(
    input: { username: string; passwordHash: string; role: UserRole; isAdmin: boolean },
    q: SqlQueries = this.db,
  ): Promise<StoredUser | null> {
    const id = newId()
    const result = await q.run(
      `INSERT INTO users (id, username, password_hash, role, is_admin, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(username) DO NOTHING`,
      [id, input.username, input.passwordHash, input.role, input.isAdmin ? 1 : 0, Date.now()],
    )
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
  createFirst(input: { username: string; passwordHash: string }): Promise<StoredUser | null> {
    return this.db.transaction(async (tx) => {
      if ((await this.count(tx)) > 0) return null
      return this.create({ ...input, role: 'facilitator', isAdmin: true }, tx)
    })
  }
}
