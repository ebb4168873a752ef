/**
 * Sessions after the Lucia method: the client holds a random token, the database holds only
 * its SHA-256, sessions expire after 30 days and are renewed when used in their second half.
 * A session belongs either to an account or to a guest participant of one workshop. Async, on
 * the storage interface.
 */
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import type { Role, UserRole } from '../../shared/policy/roles.ts'
import type { SqlDatabase } from '../db/sql-database.ts'

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000
const RENEW_BEFORE_MS = 15 * 24 * 60 * 60 * 1000

export type { UserRole } from '../../shared/policy/roles.ts'
/** A role inside one workshop: the shared vocabulary of shared/policy/roles.ts. */
export type ParticipantRole = Role

export interface SessionUser {
  id: string
  username: string
  role: UserRole
  isAdmin: boolean
}

export interface SessionGuest {
  id: string
  workshopId: string
  name: string
  role: ParticipantRole
}

interface SessionTimes {
  sessionId: string
  expiresAt: number
  /** The expiry moved forward on this request: the cookie needs to say so. */
  renewed: boolean
}

export type Principal =
  | (SessionTimes & { kind: 'user'; user: SessionUser })
  | (SessionTimes & { kind: 'guest'; guest: SessionGuest })

interface SessionRow {
  id: string
  expires_at: number
  user_id: string | null
  username: string | null
  user_role: UserRole | null
  is_admin: number | null
  participant_id: string | null
  workshop_id: string | null
  participant_name: string | null
  participant_role: ParticipantRole | null
}

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}

export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

const TOKEN_PATTERN = /^[a-z2-7]{32}$/

export class SessionStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  async create(token: string, owner: { userId: string } | { participantId: string }): Promise<number> {
    const expiresAt = this.now() + SESSION_LIFETIME_MS
    await this.db.run('INSERT INTO sessions (id, user_id, participant_id, expires_at) VALUES (?, ?, ?, ?)', [
      sessionIdOf(token),
      'userId' in owner ? owner.userId : null,
      'participantId' in owner ? owner.participantId : null,
      expiresAt,
    ])
    return expiresAt
  }

  /** The principal behind a token, or null for an unknown, malformed or expired one. */
  async validate(token: string): Promise<Principal | null> {
    if (!TOKEN_PATTERN.test(token)) return null
    const id = sessionIdOf(token)
    const row = await this.db.get<SessionRow>(
      `SELECT s.id, s.expires_at, s.user_id, u.username, u.role AS user_role, u.is_admin,
                s.participant_id, p.workshop_id, p.name AS participant_name, p.role AS participant_role
           FROM sessions s
           LEFT JOIN users u ON u.id = s.user_id
           LEFT JOIN participants p ON p.id = s.participant_id
          WHERE s.id = ?`,
      [id],
    )
    if (!row) return null
    const now = this.now()
    if (now >= row.expires_at) {
      await this.invalidate(id)
      return null
    }
    let expiresAt = row.expires_at
    if (now >= expiresAt - RENEW_BEFORE_MS) {
      expiresAt = now + SESSION_LIFETIME_MS
      await this.db.run('UPDATE sessions SET expires_at = ? WHERE id = ?', [expiresAt, id])
    }
    if (row.user_id && row.username && row.user_role) {
      return {
        kind: 'user',
        sessionId: id,
        expiresAt,
        renewed: expiresAt !== row.expires_at,
        user: { id: row.user_id, username: row.username, role: row.user_role, isAdmin: row.is_admin === 1 },
      }
    }
    if (row.participant_id && row.workshop_id && row.participant_name && row.participant_role) {
      return {
        kind: 'guest',
        sessionId: id,
        expiresAt,
        renewed: expiresAt !== row.expires_at,
        guest: {
          id: row.participant_id,
          workshopId: row.workshop_id,
          name: row.participant_name,
          role: row.participant_role,
        },
      }
    }
    return null
  }

  async invalidate(sessionId: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE id = ?', [sessionId])
  }

  async invalidateAllOfUser(userId: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE user_id = ?', [userId])
  }

  async deleteExpired(): Promise<number> {
    return (await this.db.run('DELETE FROM sessions WHERE expires_at <= ?', [this.now()])).changes
  }
}
