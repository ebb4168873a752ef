/**
 * The sync path's remaining synchronous read: a participant as they are now (role, name,
 * removal), one prepared SELECT on the raw better-sqlite3 `Db`. The desk projection and the
 * hand queue ask it inside synchronous room transactions, which cannot await the async
 * WorkshopStore. To be replaced when the room pipeline moves to the async storage interface.
 */
import type { Role as ParticipantRole } from '../../shared/policy/roles.ts'
import type { Db } from '../db/open-database.ts'
import type { OwnerLookup } from './workshop-rooms.ts'

export interface CurrentParticipant {
  id: string
  name: string
  role: ParticipantRole
  removed: boolean
}

/** Reads one participant by id; null for an unknown one. Removed people are returned, marked. */
export function participantReader(db: Db): (participantId: string) => CurrentParticipant | null {
  const select = db.prepare<
    [string],
    { id: string; name: string; role: ParticipantRole; removed_at: number | null }
  >('SELECT id, name, role, removed_at FROM participants WHERE id = ?')
  return (participantId) => {
    const row = select.get(participantId)
    return row ? { id: row.id, name: row.name, role: row.role, removed: row.removed_at !== null } : null
  }
}

/** The desk owner as the sync layer needs it: null once removed. */
export function ownerLookup(read: (participantId: string) => CurrentParticipant | null): OwnerLookup {
  return (participantId) => {
    const p = read(participantId)
    return p && !p.removed ? { participantId: p.id, name: p.name, role: p.role } : null
  }
}
