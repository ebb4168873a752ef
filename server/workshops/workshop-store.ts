/** Workshops, their join codes, and the people who joined them (participants). */

import type { ParticipantRole } from '../auth/session-store.ts'
import type { Db } from '../db/open-database.ts'
import { newId, newJoinCode } from '../ids.ts'

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

export class WorkshopStore {
  constructor(private readonly db: Db) {}

  /** `createdAt`: an imported workshop keeps its creation time (its minutes' agenda starts there). */
  create(input: { title: string; template: string | null; ownerId: string; createdAt?: number }): Workshop {
    for (let attempt = 0; ; attempt++) {
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
      const result = this.db
        .prepare(
          `INSERT INTO workshops (id, title, template, join_code, owner_id, created_at)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(join_code) DO NOTHING`,
        )
        .run(
          workshop.id,
          workshop.title,
          workshop.template,
          workshop.joinCode,
          workshop.ownerId,
          workshop.createdAt,
        )
      if (result.changes === 1) return workshop
      if (attempt > 10) throw new Error('could not allocate a unique join code')
    }
  }

  byId(id: string): Workshop | null {
    const row = this.db.prepare('SELECT * FROM workshops WHERE id = ?').get(id) as WorkshopRow | undefined
    return row ? toWorkshop(row) : null
  }

  byJoinCode(code: string): Workshop | null {
    const row = this.db.prepare('SELECT * FROM workshops WHERE join_code = ?').get(code) as
      | WorkshopRow
      | undefined
    return row ? toWorkshop(row) : null
  }

  listOwnedBy(userId: string): Workshop[] {
    const rows = this.db
      .prepare('SELECT * FROM workshops WHERE owner_id = ? ORDER BY created_at DESC')
      .all(userId) as WorkshopRow[]
    return rows.map(toWorkshop)
  }

  listJoinedBy(userId: string): Workshop[] {
    const rows = this.db
      .prepare(
        `SELECT w.* FROM workshops w JOIN participants p ON p.workshop_id = w.id
          WHERE p.user_id = ? AND w.owner_id <> ? AND p.removed_at IS NULL ORDER BY w.created_at DESC`,
      )
      .all(userId, userId) as WorkshopRow[]
    return rows.map(toWorkshop)
  }

  /** Opens or closes joining; people already in keep their place. */
  setJoining(workshopId: string, joining: boolean): void {
    this.db
      .prepare('UPDATE workshops SET joining_closed_at = ? WHERE id = ?')
      .run(joining ? null : Date.now(), workshopId)
  }

  setGuestCap(workshopId: string, guestCap: number | null): void {
    this.db.prepare('UPDATE workshops SET guest_cap = ? WHERE id = ?').run(guestCap, workshopId)
  }

  /** Gives the workshop a new join code; the old one stops working at once. */
  renewJoinCode(workshopId: string): string {
    for (let attempt = 0; ; attempt++) {
      const code = newJoinCode()
      const result = this.db
        .prepare('UPDATE OR IGNORE workshops SET join_code = ? WHERE id = ?')
        .run(code, workshopId)
      if (result.changes === 1) return code
      if (attempt > 10) throw new Error('could not allocate a unique join code')
    }
  }

  /** Guests still in the workshop (removed ones do not count against its cap). */
  guestCount(workshopId: string): number {
    const row = this.db
      .prepare(
        'SELECT COUNT(*) AS n FROM participants WHERE workshop_id = ? AND user_id IS NULL AND removed_at IS NULL',
      )
      .get(workshopId) as { n: number }
    return row.n
  }

  /** A new guest; `deviceId` ties it to the browser it joined from (see guestsOnDevice). */
  addGuest(workshopId: string, name: string, role: ParticipantRole, deviceId: string = newId()): Participant {
    const participant: Participant = { id: newId(), workshopId, userId: null, name, role, removed: false }
    this.db
      .prepare(
        `INSERT INTO participants (id, workshop_id, user_id, name, role, created_at, device_id)
         VALUES (?, ?, NULL, ?, ?, ?, ?)`,
      )
      .run(participant.id, workshopId, name, role, Date.now(), deviceId)
    return participant
  }

  /** The device a guest joined from; null for accounts and unknown ids. */
  deviceOf(participantId: string): string | null {
    const row = this.db
      .prepare('SELECT device_id FROM participants WHERE id = ? AND user_id IS NULL')
      .get(participantId) as { device_id: string | null } | undefined
    return row?.device_id ?? null
  }

  /** The guests of a workshop who joined from one device, removed ones included. */
  guestsOnDevice(workshopId: string, deviceId: string): Participant[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM participants WHERE workshop_id = ? AND device_id = ? AND user_id IS NULL
          ORDER BY created_at, rowid`,
      )
      .all(workshopId, deviceId) as ParticipantRow[]
    return rows.map(toParticipant)
  }

  /** An account's participant record in a workshop, created on first join. */
  ensureMember(
    workshopId: string,
    user: { id: string; username: string },
    role: ParticipantRole,
  ): Participant {
    this.db
      .prepare(
        `INSERT INTO participants (id, workshop_id, user_id, name, role, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(workshop_id, user_id) WHERE user_id IS NOT NULL DO NOTHING`,
      )
      .run(newId(), workshopId, user.id, user.username, role, Date.now())
    return this.memberByUser(workshopId, user.id) as Participant
  }

  memberByUser(workshopId: string, userId: string): Participant | null {
    const row = this.db
      .prepare('SELECT * FROM participants WHERE workshop_id = ? AND user_id = ?')
      .get(workshopId, userId) as ParticipantRow | undefined
    return row ? toParticipant(row) : null
  }

  participant(id: string): Participant | null {
    const row = this.db.prepare('SELECT * FROM participants WHERE id = ?').get(id) as
      | ParticipantRow
      | undefined
    return row ? toParticipant(row) : null
  }

  /** Everyone who joined, in the order they joined; removed people included, marked. */
  participants(workshopId: string): Participant[] {
    const rows = this.db
      .prepare('SELECT * FROM participants WHERE workshop_id = ? ORDER BY created_at, rowid')
      .all(workshopId) as ParticipantRow[]
    return rows.map(toParticipant)
  }

  /** Participants whose desks may hold cards: everyone still in the workshop but observers. */
  writers(workshopId: string): Participant[] {
    return this.participants(workshopId).filter((p) => !p.removed && p.role !== 'observer')
  }

  setRole(participantId: string, role: ParticipantRole): void {
    this.db
      .prepare('UPDATE participants SET role = ? WHERE id = ? AND removed_at IS NULL')
      .run(role, participantId)
  }

  /** Removes a participant for good: their access ends and a guest's sessions are deleted. */
  remove(participantId: string): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE participants SET removed_at = ? WHERE id = ?').run(Date.now(), participantId)
      this.db.prepare('DELETE FROM sessions WHERE participant_id = ?').run(participantId)
    })()
  }
}
