/**
 * Speaking times (table `speaking_times`; async, on either storage engine): who had the floor,
 * in which phase, from when to when, in server time. At most one open row per workshop (a unique
 * partial index), so the speaker on the board and the record cannot drift apart.
 */
import type { SqlDatabase, SqlQueries } from '../db/sql-database.ts'
import { newId } from '../ids.ts'

export interface SpeechStart {
  workshopId: string
  participantId: string | null
  /** Null where the minutes may not name people. */
  name: string | null
  role: string | null
  onBehalf: boolean
  phaseId: string | null
  phaseName: string | null
  startedAt: number
}

export interface SpeechRow {
  id: string
  participantId: string | null
  name: string | null
  role: string | null
  onBehalf: boolean
  phaseId: string | null
  phaseName: string | null
  startedAt: number
  endedAt: number | null
  durationMs: number | null
}

interface RawRow {
  id: string
  participant_id: string | null
  name: string | null
  role: string | null
  on_behalf: number
  phase_id: string | null
  phase_name: string | null
  started_at: number
  ended_at: number | null
  duration_ms: number | null
}

const fromRaw = (r: RawRow): SpeechRow => ({
  id: r.id,
  participantId: r.participant_id,
  name: r.name,
  role: r.role,
  onBehalf: r.on_behalf === 1,
  phaseId: r.phase_id,
  phaseName: r.phase_name,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  durationMs: r.duration_ms,
})

export class SpeakingStore {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * Ends the open speech of a workshop, if any, at `at`; the row ended, or null. Without `q` (a
   * caller's transaction) it runs in one of its own: the read and the write belong together.
   */
  async end(workshopId: string, at: number, q?: SqlQueries): Promise<SpeechRow | null> {
    if (!q) return this.db.transaction((tx) => this.end(workshopId, at, tx))
    const open = await q.get<RawRow>(
      'SELECT * FROM speaking_times WHERE workshop_id = ? AND ended_at IS NULL',
      [workshopId],
    )
    if (!open) return null
    // A clock step backwards must not make a negative duration.
    const endedAt = Math.max(at, open.started_at)
    await q.run('UPDATE speaking_times SET ended_at = ? WHERE id = ?', [endedAt, open.id])
    return fromRaw({ ...open, ended_at: endedAt, duration_ms: endedAt - open.started_at })
  }

  /** Ends the open speech (if any) and starts the next one, in one transaction. */
  handOver(next: SpeechStart): Promise<string> {
    const id = newId()
    return this.db.transaction(async (tx) => {
      await this.end(next.workshopId, next.startedAt, tx)
      await tx.run(
        `INSERT INTO speaking_times
           (id, workshop_id, participant_id, name, role, on_behalf, phase_id, phase_name, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          next.workshopId,
          next.participantId,
          next.name,
          next.role,
          next.onBehalf ? 1 : 0,
          next.phaseId,
          next.phaseName,
          next.startedAt,
        ],
      )
      return id
    })
  }

  /** Every speech that began at or before `until`, oldest first. */
  async list(workshopId: string, until = Number.MAX_SAFE_INTEGER): Promise<SpeechRow[]> {
    const rows = await this.db.all<RawRow>(
      'SELECT * FROM speaking_times WHERE workshop_id = ? AND started_at <= ? ORDER BY started_at, id',
      [workshopId, until],
    )
    return rows.map(fromRaw)
  }
}
