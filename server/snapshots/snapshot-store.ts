/** Named snapshots of a board: the full encoded state, who took it and when. */
import type { AuditActor, AuditService } from '../audit/audit-service.ts'
import type { Db } from '../db/open-database.ts'
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
  state?: Buffer
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
    private readonly db: Db,
    /** Records each snapshot's hash in the workshop's log, in the same commit as the snapshot. */
    private readonly audit?: Pick<AuditService, 'snapshotTaken'>,
  ) {}

  create(input: {
    workshopId: string
    label: string
    createdBy: string
    state: Uint8Array
    phase?: string | null
    /** Who took it, for the log; by default the facilitator named in createdBy. */
    actor?: AuditActor
  }): SnapshotInfo {
    const info: SnapshotInfo = {
      id: newId(),
      workshopId: input.workshopId,
      label: input.label,
      phase: input.phase ?? null,
      createdBy: input.createdBy,
      createdAt: Date.now(),
    }
    const actor = input.actor ?? { role: 'facilitator', name: input.createdBy }
    this.db.transaction(() => {
      this.audit?.snapshotTaken(info.workshopId, { ...info, state: input.state }, actor)
      this.db
        .prepare(
          `INSERT INTO snapshots (id, workshop_id, label, phase, state, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          info.id,
          info.workshopId,
          info.label,
          info.phase,
          Buffer.from(input.state),
          info.createdBy,
          info.createdAt,
        )
    })()
    return info
  }

  list(workshopId: string): SnapshotInfo[] {
    const rows = this.db
      .prepare(
        `SELECT id, workshop_id, label, phase, created_by, created_at FROM snapshots
          WHERE workshop_id = ? ORDER BY created_at DESC, rowid DESC`,
      )
      .all(workshopId) as SnapshotRow[]
    return rows.map(toInfo)
  }

  /** One snapshot of a workshop, or its latest when no id is given. */
  get(workshopId: string, id?: string): Snapshot | null {
    const row = (
      id
        ? this.db.prepare('SELECT * FROM snapshots WHERE workshop_id = ? AND id = ?').get(workshopId, id)
        : this.db
            .prepare(
              'SELECT * FROM snapshots WHERE workshop_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
            )
            .get(workshopId)
    ) as SnapshotRow | undefined
    if (!row?.state) return null
    return { ...toInfo(row), state: new Uint8Array(row.state) }
  }
}
