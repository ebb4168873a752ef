/**
 * Account administration that outlives a session: deactivating an account (a councillor
 * leaving office: no login, every session ended, their records kept), reactivating it, and
 * setting a new password (which also ends every session). Used by `npm run admin` and the login.
 */
import type { Db } from '../db/open-database.ts'

export interface AccountRow {
  id: string
  username: string
  deactivatedAt: number | null
}

export function accountByUsername(db: Db, username: string): AccountRow | null {
  const row = db.prepare('SELECT id, username, deactivated_at FROM users WHERE username = ?').get(username) as
    | { id: string; username: string; deactivated_at: number | null }
    | undefined
  return row ? { id: row.id, username: row.username, deactivatedAt: row.deactivated_at } : null
}

export function isDeactivated(db: Db, userId: string): boolean {
  const row = db.prepare('SELECT deactivated_at FROM users WHERE id = ?').get(userId) as
    | { deactivated_at: number | null }
    | undefined
  return row?.deactivated_at != null
}

/** Deactivates the account and ends its sessions; false when it was deactivated already. */
export function deactivateAccount(db: Db, userId: string, at = Date.now()): boolean {
  return db.transaction(() => {
    const changed = db
      .prepare('UPDATE users SET deactivated_at = ? WHERE id = ? AND deactivated_at IS NULL')
      .run(at, userId).changes
    db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId)
    return changed > 0
  })()
}

/** False when the account was active already. */
export function reactivateAccount(db: Db, userId: string): boolean {
  return (
    db
      .prepare('UPDATE users SET deactivated_at = NULL WHERE id = ? AND deactivated_at IS NOT NULL')
      .run(userId).changes > 0
  )
}

/** A new password hash; every session of the account ends. */
export function resetPassword(db: Db, userId: string, passwordHash: string): void {
  db.transaction(() => {
    db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId)
    db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId)
  })()
}
