/**
 * Each loaded workshop's participants as they are now (name, role, removal), in memory: the desk
 * projection and the hand queue ask for them inside Yjs observers and board transactions, which
 * cannot await the database. A workshop is loaded (async) with its rooms, like the card ledger's
 * records; the workshop store tells the directory of its own writes (a join, a role change, a
 * removal), so what it answers follows them at once. Writes beside the store (a deletion of
 * data, the retention job's pseudonyms) run with the workshop's rooms unloaded, and the workshop
 * is forgotten afterwards and read again when next used.
 *
 * One process writes a workshop's participants and holds its rooms: with several nodes the
 * writes would have to reach the node that holds the rooms (the room lease, see architecture).
 */
import type { Role } from '../../shared/policy/roles.ts'
import type { SqlDatabase } from '../db/sql-database.ts'

export interface CurrentParticipant {
  id: string
  name: string
  role: Role
  removed: boolean
}

type Members = Map<string, CurrentParticipant>

export class ParticipantDirectory {
  private readonly loaded = new Map<string, Members>()
  private readonly loading = new Map<string, Promise<void>>()
  /** Changes that arrived while their workshop was being read, applied once it is. */
  private readonly pending = new Map<string, ((members: Members) => void)[]>()

  constructor(private readonly db: SqlDatabase) {}

  /** Reads the workshop's participants into memory (once; a second call waits for the first). */
  load(workshopId: string): Promise<void> {
    if (this.loaded.has(workshopId)) return Promise.resolve()
    let loading = this.loading.get(workshopId)
    if (!loading) {
      this.pending.set(workshopId, [])
      loading = this.db
        .all<{ id: string; name: string; role: Role; removed_at: number | null }>(
          'SELECT id, name, role, removed_at FROM participants WHERE workshop_id = ?',
          [workshopId],
        )
        .then((rows) => {
          const members: Members = new Map(
            rows.map((r) => [r.id, { id: r.id, name: r.name, role: r.role, removed: r.removed_at !== null }]),
          )
          // A write committed while the rows were read may or may not be among them; applied
          // again, it leaves what it committed.
          for (const change of this.pending.get(workshopId) ?? []) change(members)
          this.loaded.set(workshopId, members)
        })
        .finally(() => {
          this.loading.delete(workshopId)
          this.pending.delete(workshopId)
        })
      this.loading.set(workshopId, loading)
    }
    return loading
  }

  /** Drops the workshop, after its participants were changed beside the store; `load` reads again. */
  forget(workshopId: string): void {
    this.loaded.delete(workshopId)
  }

  /** The participant now; null for an unknown id. Throws for a workshop not loaded (a bug). */
  get(workshopId: string, participantId: string): CurrentParticipant | null {
    const members = this.loaded.get(workshopId)
    if (!members) throw new Error(`participants of workshop ${workshopId} not loaded`)
    return members.get(participantId) ?? null
  }

  /** The store wrote (and committed) this participant as it is now. */
  put(workshopId: string, participant: CurrentParticipant): void {
    this.change(workshopId, (members) => members.set(participant.id, { ...participant }))
  }

  /** The store changed a participant's role (only of one not removed, as the UPDATE does). */
  setRole(workshopId: string, participantId: string, role: Role): void {
    this.change(workshopId, (members) => {
      const p = members.get(participantId)
      if (p && !p.removed) p.role = role
    })
  }

  markRemoved(workshopId: string, participantId: string): void {
    this.change(workshopId, (members) => {
      const p = members.get(participantId)
      if (p) p.removed = true
    })
  }

  private change(workshopId: string, apply: (members: Members) => void): void {
    const members = this.loaded.get(workshopId)
    if (members) apply(members)
    else this.pending.get(workshopId)?.push(apply)
  }
}
