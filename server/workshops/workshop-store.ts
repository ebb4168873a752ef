/**
 * Workshops, their join codes, and the people who joined them (participants). Async, on the
 * storage interface; what joining must decide in one go runs in `transaction` with the `tx`
 * passed to each method. Its participant writes also update the in-memory `directory` the
 * sync path reads synchronously (participant-directory.ts).
 */

import type { ParticipantRole } from '../auth/session-store.ts'
import type { SqlDatabase, SqlQueries } from '../db/sql-database.ts'
import { newId, newJoinCode } from '../ids.ts'
import { ParticipantDirectory } from './participant-directory.ts'

export interface Workshop {
  id: string
  title: string
  template: string | null
  joinCode: string
  ownerId: string
  createdAt: number
  /** New people may join (a facilitator can close joining). */
  joining: boolean
  /** Guests this workshop admits at most; null: the server's default. */
  guestCap: number | null
  /** When it was closed (read-only for everyone from then on); null while open. */
  closedAt: number | null
}

export interface Participant {
  id: string
  workshopId: string
  userId: string | null
  name: string
  role: ParticipantRole
  removed: boolean
}

interface WorkshopRow {
  id: string
  title: string
  template: string | null
  join_code: string
  owner_id: string
  created_at: number
  joining_closed_at: number | null
  guest_cap: number | null
  closed_at: number | null
}

interface ParticipantRow {
  id: string
  workshop_id: string
  user_id: string | null
  name: string
  role: ParticipantRole
  removed_at: number | null
}

const toWorkshop = (r: WorkshopRow): Workshop => ({
  id: r.id,
  title: r.title,
  template: r.template,
  joinCode: r.join_code,
  ownerId: r.owner_id,
  createdAt: r.created_at,
  // Nobody joins a closed workshop.
  joining: r.joining_closed_at === null && r.closed_at === null,
  guestCap: r.guest_cap,
  closedAt: r.closed_at,
})

const toParticipant = (r: ParticipantRow): Participant => ({
  id: r.id,
  workshopId: r.workshop_id,
  userId: r.user_id,
  name: r.name,
  role: r.role,
  removed: r.removed_at !== null,
})

/** A unique constraint refused the write (SQLite's and PostgreSQL's way of saying so). */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505'
}

const JOIN_CODE_ATTEMPTS = 12

export class WorkshopStore {
  /** The last participant's `created_at` from this process. */
  private lastJoinedAt = 0
  /** The loaded workshops' participants, kept current by this store's writes. */
  readonly directory: ParticipantDirectory

  constructor(private readonly db: SqlDatabase) {
    this.directory = new ParticipantDirectory(db)
  }

  /**
   * A join time later than any before it from this process: participants are listed in the
   * order they joined, which SQLite's rowid used to keep for joins in the same millisecond.
   */
  private joinedAt(): number {
    this.lastJoinedAt = Math.max(Date.now(), this.lastJoinedAt + 1)
    return this.lastJoinedAt
  }

  /** Runs `work` in one transaction of this store's database (pass its `tx` to the methods). */
  transaction<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T> {
    return this.db.transaction(work)
  }

  /** `createdAt`: an imported workshop keeps its creation time (its minutes' agenda starts there). */
  async create(
    input: { title: string; template: string | null; ownerId: string; createdAt?: number },
    q: SqlQueries = this.db,
  ): Promise<Workshop> {
    for (let attempt = 1; attempt <= JOIN_CODE_ATTEMPTS; attempt++) {
      const workshop: Workshop = {
        id: newId(),
        title: input.title,
        template: input.template,
        joinCode: newJoinCode(),
        ownerId: input.ownerId,
        createdAt: input.createdAt ?? Date.now(),
        joining: true,
        guestCap: null,
        closedAt: null,
      }
      const result = await q.run(
        `INSERT INTO workshops (id, title, template, join_code, owner_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(join_code) DO NOTHING`,
        [
          workshop.id,
          workshop.title,
          workshop.template,
          workshop.joinCode,
          workshop.ownerId,
          workshop.createdAt,
        ],
      )
      if (result.changes === 1) return workshop
    }
    throw new Error('could not allocate a unique join code')
  }

  async byId(id: string, q: SqlQueries = this.db): Promise<Workshop | null> {
    const row = await q.get<WorkshopRow>('SELECT * FROM workshops WHERE id = ?', [id])
    return row ? toWorkshop(row) : null
  }

  async byJoinCode(code: string): Promise<Workshop | null> {
    const row = await this.db.get<WorkshopRow>('SELECT * FROM workshops WHERE join_code = ?', [code])
    return row ? toWorkshop(row) : null
  }

  async listOwnedBy(userId: string): Promise<Workshop[]> {
    const rows = await this.db.all<WorkshopRow>(
      'SELECT * FROM workshops WHERE owner_id = ? ORDER BY created_at DESC',
      [userId],
    )
    return rows.map(toWorkshop)
  }

  async listJoinedBy(userId: string): Promise<Workshop[]> {
    const rows = await this.db.all<WorkshopRow>(
      `SELECT w.* FROM workshops w JOIN participants p ON p.workshop_id = w.id
        WHERE p.user_id = ? AND w.owner_id <> ? AND p.removed_at IS NULL ORDER BY w.created_at DESC`,
      [userId, userId],
    )
    return rows.map(toWorkshop)
  }

  /** Opens or closes joining; people already in keep their place. */
  async setJoining(workshopId: string, joining: boolean, q: SqlQueries = this.db): Promise<void> {
    await q.run('UPDATE workshops SET joining_closed_at = ? WHERE id = ?', [
      joining ? null : Date.now(),
      workshopId,
    ])
  }

  async setGuestCap(workshopId: string, guestCap: number | null, q: SqlQueries = this.db): Promise<void> {
    await q.run('UPDATE workshops SET guest_cap = ? WHERE id = ?', [guestCap, workshopId])
  }

  /** Gives the workshop a new join code; the old one stops working at once. */
  async renewJoinCode(workshopId: string): Promise<string> {
    for (let attempt = 1; attempt <= JOIN_CODE_ATTEMPTS; attempt++) {
      const code = newJoinCode()
      try {
        // A code in use is skipped here; a concurrent renewal that takes it first is refused by
        // the unique index, and the next attempt draws another.
        const result = await this.db.run(
          `UPDATE workshops SET join_code = ?
            WHERE id = ? AND NOT EXISTS (SELECT 1 FROM workshops WHERE join_code = ?)`,
          [code, workshopId, code],
        )
        if (result.changes === 1) return code
      } catch (err) {
        if (!isUniqueViolation(err)) throw err
      }
    }
    throw new Error('could not allocate a unique join code')
  }

  /** Guests still in the workshop (removed ones do not count against its cap). */
  async guestCount(workshopId: string, q: SqlQueries = this.db): Promise<number> {
    const row = await q.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM participants WHERE workshop_id = ? AND user_id IS NULL AND removed_at IS NULL',
      [workshopId],
    )
    return row?.n ?? 0
  }

  /** A new guest; `deviceId` ties it to the browser it joined from (see guestsOnDevice). */
  async addGuest(
    workshopId: string,
    name: string,
    role: ParticipantRole,
    deviceId: string = newId(),
    q: SqlQueries = this.db,
  ): Promise<Participant> {
    const participant: Participant = { id: newId(), workshopId, userId: null, name, role, removed: false }
    await q.run(
      `INSERT INTO participants (id, workshop_id, user_id, name, role, created_at, device_id)
       VALUES (?, ?, NULL, ?, ?, ?, ?)`,
      [participant.id, workshopId, name, role, this.joinedAt(), deviceId],
    )
    // Known before the join commits (inside `q`'s transaction): nobody holds the new id until
    // the join answers, and one rolled back leaves an entry no one can ask for.
    this.directory.put(workshopId, participant)
    return participant
  }

  /** The device a guest joined from; null for accounts and unknown ids. */
  async deviceOf(participantId: string, q: SqlQueries = this.db): Promise<string | null> {
    const row = await q.get<{ device_id: string | null }>(
      'SELECT device_id FROM participants WHERE id = ? AND user_id IS NULL',
      [participantId],
    )
    return row?.device_id ?? null
  }

  /** The guests of a workshop who joined from one device, removed ones included. */
  async guestsOnDevice(
    workshopId: string,
    deviceId: string,
    q: SqlQueries = this.db,
  ): Promise<Participant[]> {
    const rows = await q.all<ParticipantRow>(
      `SELECT * FROM participants WHERE workshop_id = ? AND device_id = ? AND user_id IS NULL
        ORDER BY created_at, id`,
      [workshopId, deviceId],
    )
    return rows.map(toParticipant)
  }

  /** An account's participant record in a workshop, created on first join. */
  async ensureMember(
    workshopId: string,
    user: { id: string; username: string },
    role: ParticipantRole,
    q: SqlQueries = this.db,
  ): Promise<Participant> {
    await q.run(
      `INSERT INTO participants (id, workshop_id, user_id, name, role, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(workshop_id, user_id) WHERE user_id IS NOT NULL DO NOTHING`,
      [newId(), workshopId, user.id, user.username, role, this.joinedAt()],
    )
    const member = (await this.memberByUser(workshopId, user.id, q)) as Participant
    this.directory.put(workshopId, member)
    return member
  }

  async memberByUser(
    workshopId: string,
    userId: string,
    q: SqlQueries = this.db,
  ): Promise<Participant | null> {
    const row = await q.get<ParticipantRow>(
      'SELECT * FROM participants WHERE workshop_id = ? AND user_id = ?',
      [workshopId, userId],
    )
    return row ? toParticipant(row) : null
  }

  async participant(id: string): Promise<Participant | null> {
    const row = await this.db.get<ParticipantRow>('SELECT * FROM participants WHERE id = ?', [id])
    return row ? toParticipant(row) : null
  }

  /** Everyone who joined, in the order they joined; removed people included, marked. */
  async participants(workshopId: string): Promise<Participant[]> {
    const rows = await this.db.all<ParticipantRow>(
      'SELECT * FROM participants WHERE workshop_id = ? ORDER BY created_at, id',
      [workshopId],
    )
    return rows.map(toParticipant)
  }

  /** Participants whose desks may hold cards: everyone still in the workshop but observers. */
  async writers(workshopId: string): Promise<Participant[]> {
    return (await this.participants(workshopId)).filter((p) => !p.removed && p.role !== 'observer')
  }

  async setRole(participantId: string, role: ParticipantRole): Promise<void> {
    const row = await this.db.get<{ workshop_id: string }>(
      'UPDATE participants SET role = ? WHERE id = ? AND removed_at IS NULL RETURNING workshop_id',
      [role, participantId],
    )
    if (row) this.directory.setRole(row.workshop_id, participantId, role)
  }

  /** Removes a participant for good: their access ends and a guest's sessions are deleted. */
  async remove(participantId: string): Promise<void> {
    const row = await this.db.transaction(async (tx) => {
      const removed = await tx.get<{ workshop_id: string }>(
        'UPDATE participants SET removed_at = ? WHERE id = ? RETURNING workshop_id',
        [Date.now(), participantId],
      )
      await tx.run('DELETE FROM sessions WHERE participant_id = ?', [participantId])
      return removed
    })
    if (row) this.directory.markRemoved(row.workshop_id, participantId)
  }
}
