/**
 * Named snapshots of a board: the full encoded state, who took it and when (async, on either
 * storage engine). A workshop's snapshots get strictly increasing times, so "the latest" and
 * the list's order are those of taking, also for two taken within one millisecond.
 */
import type { AuditActor, AuditService } from '../audit/audit-service.ts'
import type { SqlDatabase } from '../db/sql-database.ts'
import { newId } from '../ids.ts'

export interface SnapshotInfo {
  id: string
  workshopId: string
  label: string
  /** The phase the snapshot closed, for transitions. */
  phase: string | null
  createdBy: string
  createdAt: number
}

export interface Snapshot extends SnapshotInfo {
  state: Uint8Array
}

interface SnapshotRow {
  id: string
  workshop_id: string
  label: string
  phase: string | null
  state?: Uint8Array
  created_by: string
  created_at: number
}

const toInfo = (r: SnapshotRow): SnapshotInfo => ({
  id: r.id,
  workshopId: r.workshop_id,
  label: r.label,
  phase: r.phase,
  createdBy: r.created_by,
  createdAt: r.created_at,
})

export class SnapshotStore {
  constructor(
    private readonly db: SqlDatabase,
    /** Records each snapshot's hash in the workshop's log, in the same commit as the snapshot. */
    private readonly audit?: Pick<AuditService, 'snapshotTaken'>,
  ) {}

  async create(input: {
    workshopId: string
    label: string
    createdBy: string
    state: Uint8Array
    phase?: string | null
    /** Who took it, for the log; by default the facilitator named in createdBy. */
    actor?: AuditActor
  }): Promise<SnapshotInfo> {
    const id = newId()
    const now = Date.now()
    const actor = input.actor ?? { role: 'facilitator', name: input.createdBy }
    return this.db.transaction(async (tx) => {
      const last = await tx.get<{ at: number | null }>(
        'SELECT MAX(created_at) AS at FROM snapshots WHERE workshop_id = ?',
        [input.workshopId],
      )
      const info: SnapshotInfo = {
        id,
        workshopId: input.workshopId,
        label: input.label,
        phase: input.phase ?? null,
        createdBy: input.createdBy,
        createdAt: last?.at != null && last.at >= now ? last.at + 1 : now,
      }
      await this.audit?.snapshotTaken(info.workshopId, { ...info, state: input.state }, actor, tx)
      await tx.run(
        `INSERT INTO snapshots (id, workshop_id, label, phase, state, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [info.id, info.workshopId, info.label, info.phase, input.state, info.createdBy, info.createdAt],
      )
      return info
    })
  }

  async list(workshopId: string): Promise<SnapshotInfo[]> {
    const rows = await this.db.all<SnapshotRow>(
      `SELECT id, workshop_id, label, phase, created_by, created_at FROM snapshots
        WHERE workshop_id = ? ORDER BY created_at DESC, id DESC`,
      [workshopId],
    )
    return rows.map(toInfo)
  }

  /** One snapshot of a workshop, or its latest when no id is given. */
  async get(workshopId: string, id?: string): Promise<Snapshot | null> {
    const row = id
      ? await this.db.get<SnapshotRow>('SELECT * FROM snapshots WHERE workshop_id = ? AND id = ?', [
          workshopId,
          id,
        ])
      : await this.db.get<SnapshotRow>(
          'SELECT * FROM snapshots WHERE workshop_id = ? ORDER BY created_at DESC, id DESC LIMIT 1',
          [workshopId],
        )
    if (!row?.state) return null
    return { ...toInfo(row), state: new Uint8Array(row.state) }
  }
}
