/**
 * Account administration that outlives a session: listing accounts, changing an account's role,
 * deactivating an account (a councillor leaving office: no login, every session ended, their
 * records kept), reactivating it, and setting a new password (which also ends every session).
 * Used by `npm run admin`, the administrator's routes and the login. Async, on the storage
 * interface.
 */
import type { Account } from '../../shared/api/retention.ts'
import type { SqlDatabase } from '../db/sql-database.ts'

export interface AccountRow {
  id: string
  username: string
  deactivatedAt: number | null
}

interface Row {
  id: string
  username: string
  role: Account['role']
  is_admin: number
  deactivated_at: number | null
}

const toAccount = (r: Row): Account => ({
  id: r.id,
  username: r.username,
  role: r.role,
  isAdmin: r.is_admin === 1,
  deactivated: r.deactivated_at !== null,
})

const ACCOUNT_COLUMNS = 'id, username, role, is_admin, deactivated_at'

/** Every account, by username. */
export async function listAccounts(db: SqlDatabase): Promise<Account[]> {
  const rows = await db.all<Row>(`SELECT ${ACCOUNT_COLUMNS} FROM users ORDER BY username`)
  return rows.map(toAccount)
}

export async function accountById(db: SqlDatabase, id: string): Promise<Account | null> {
  const row = await db.get<Row>(`SELECT ${ACCOUNT_COLUMNS} FROM users WHERE id = ?`, [id])
  return row ? toAccount(row) : null
}

export async function accountByUsername(db: SqlDatabase, username: string): Promise<AccountRow | null> {
  const row = await db.get<{ id: string; username: string; deactivated_at: number | null }>(
    'SELECT id, username, deactivated_at FROM users WHERE username = ?',
    [username],
  )
  return row ? { id: row.id, username: row.username, deactivatedAt: row.deactivated_at } : null
}

export async function isDeactivated(db: SqlDatabase, userId: string): Promise<boolean> {
  const row = await db.get<{ deactivated_at: number | null }>(
    'SELECT deactivated_at FROM users WHERE id = ?',
    [userId],
  )
  return row?.deactivated_at != null
}

export async function setAccountRole(db: SqlDatabase, userId: string, role: Account['role']): Promise<void> {
  await db.run('UPDATE users SET role = ? WHERE id = ?', [role, userId])
}

/** Deactivates the account and ends its sessions; false when it was deactivated already. */
export function deactivateAccount(db: SqlDatabase, userId: string, at = Date.now()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { changes } = await tx.run(
      'UPDATE users SET deactivated_at = ? WHERE id = ? AND deactivated_at IS NULL',
      [at, userId],
    )
    await tx.run('DELETE FROM sessions WHERE user_id = ?', [userId])
    return changes > 0
  })
}

/** False when the account was active already. */
export async function reactivateAccount(db: SqlDatabase, userId: string): Promise<boolean> {
  const { changes } = await db.run(
    'UPDATE users SET deactivated_at = NULL WHERE id = ? AND deactivated_at IS NOT NULL',
    [userId],
  )
  return changes > 0
}

/** A new password hash; every session of the account ends. */
export async function resetPassword(db: SqlDatabase, userId: string, passwordHash: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run('UPDATE users SET password_hash = ? WHERE id = ?', [passwordHash, userId])
    await tx.run('DELETE FROM sessions WHERE user_id = ?', [userId])
  })
}
