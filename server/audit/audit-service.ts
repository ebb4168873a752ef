/**
 * The tamper-evident record of a workshop, async on the storage interface: one
 * `record(workshopId, kind, actor, data, q?)` that every module awaits where something the minutes
 * stand on happens (joins, roles, phases, reveals, moderation, snapshots, exports, retention runs,
 * deletions); inside the caller's transaction it is given that transaction's `tx` and commits
 * with it. `verify` recomputes a workshop's chain and every snapshot's hash against it;
 * `integrityOf` gives the minutes their line.
 *
 *   await audit.record(workshop.id, 'retention.run', SYSTEM_ACTOR, { guests: 3 })
 *   await audit.record(INSTANCE_LOG, 'workshop.deleted', adminActor(user), { workshop: id }, tx)
 *
 * A snapshot whose stored state is rewritten on purpose (hidden texts or names removed) must be
 * vouched for again, or verify names it: record its new hash in the same transaction,
 *
 *   await audit.record(workshop.id, 'snapshot.redacted', SYSTEM_ACTOR, { snapshots: [snapshotRef(id, state)] }, tx)
 *
 * and a snapshot deleted on purpose is listed in `data.snapshotsRemoved`. Deleting a whole
 * workshop deletes its log too (`DELETE FROM audit_log WHERE workshop_id = ?`; rows cannot be
 * updated, only deleted), leaving its entry in INSTANCE_LOG.
 *
 * A workshop's log starts with `log.started`, which names the workshop and vouches for any
 * snapshot taken before the log existed. Data holds ids and counts, never card texts or names.
 */
import type { VerifyResponse } from '../../shared/api/records.ts'
import type { Role } from '../../shared/policy/roles.ts'
import type { SqlDatabase, SqlQueries } from '../db/sql-database.ts'
import type { WorkshopAccess } from '../workshops/workshop-access.ts'
import {
  type AuditActor,
  type AuditKind,
  attestations,
  checkChain,
  checkSnapshots,
  type EntryData,
  type LogEntry,
  SYSTEM_ACTOR,
  snapshotDigest,
  snapshotRef,
} from './chain.ts'
import { chained, EventLog, UnreadableEntry } from './event-log.ts'

export { type AuditActor, type AuditKind, SYSTEM_ACTOR, snapshotRef } from './chain.ts'

/** The entry an export writes into the workshop's log before the file is made. */
export const EXPORT_KIND: AuditKind = 'workshop.exported'

/** The log of the instance itself (a deleted workshop's own log goes with it). */
export const INSTANCE_LOG = '*instance*'

/** A participant acting in a workshop: pseudonymous id and role. */
export const actorOf = (access: Pick<WorkshopAccess, 'participantId' | 'role'>): AuditActor => ({
  role: access.role,
  participant: access.participantId,
})

/** A participant record as the actor (a join: the one who joined). */
export const participantActor = (p: { id: string; role: Role }): AuditActor => ({
  role: p.role,
  participant: p.id,
})

/** An administrator acting on a workshop from outside it. */
export const adminActor = (user: { id: string }): AuditActor => ({ role: 'administrator', account: user.id })

/** What the minutes print: their snapshot's hash and the log entry that recorded it. */
export interface Integrity {
  snapshotHash: string
  logHead: string
}

interface StoredSnapshot {
  id: string
  state: Uint8Array
}

export class AuditService {
  readonly log: EventLog

  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number = Date.now,
  ) {
    this.log = new EventLog(db)
  }

  /**
   * Appends one entry to the workshop's log (starting the log first if it has none); with `q`,
   * inside that transaction.
   */
  async record(
    workshopId: string,
    kind: AuditKind,
    actor: AuditActor,
    data: Record<string, unknown> = {},
    q?: SqlQueries,
  ): Promise<void> {
    // Through JSON once, so what is hashed is exactly what is stored and read back.
    const plain = JSON.parse(JSON.stringify(data)) as EntryData
    const at = this.now()
    await this.log.append(
      workshopId,
      async (head, tx) =>
        chained(head, [
          ...(head ? [] : [await this.start(workshopId, at, tx)]),
          { at, kind, actor: { ...actor }, data: plain },
        ]),
      q,
    )
  }

  /** Records a snapshot just stored (with `q`, in the transaction storing it), vouching for its hash. */
  snapshotTaken(
    workshopId: string,
    snapshot: { id: string; state: Uint8Array; phase?: string | null },
    actor: AuditActor,
    q?: SqlQueries,
  ): Promise<void> {
    return this.record(
      workshopId,
      'snapshot.taken',
      actor,
      { snapshots: [snapshotRef(snapshot.id, snapshot.state)], phase: snapshot.phase ?? null },
      q,
    )
  }

  /** Recomputes the chain, then every snapshot's hash against it; names the first mismatch. */
  async verify(workshopId: string, q: SqlQueries = this.db): Promise<VerifyResponse> {
    let entries: LogEntry[]
    try {
      entries = await this.log.entries(workshopId, q)
    } catch (err) {
      if (err instanceof UnreadableEntry)
        return { ok: false, firstBroken: { kind: 'entry', id: err.seq, reason: 'unreadable' } }
      throw err
    }
    const snapshots = await this.snapshots(workshopId, q)
    const broken = checkChain(entries, workshopId) ?? checkSnapshots(snapshots, entries)
    if (broken) return { ok: false, firstBroken: broken }
    return { ok: true, entries: entries.length, snapshots: snapshots.length }
  }

  /**
   * The minutes' integrity line for a snapshot: the SHA-256 of the state they are rendered from,
   * and the hash of the log entry that vouches for it (the log's head when it was taken, stable
   * however the log grows). Null when the log does not know the snapshot.
   */
  async integrityOf(workshopId: string, snapshotId: string): Promise<Integrity | null> {
    const snapshot = await this.db.get<{ state: Uint8Array }>(
      'SELECT state FROM snapshots WHERE workshop_id = ? AND id = ?',
      [workshopId, snapshotId],
    )
    if (!snapshot) return null
    let entry: LogEntry | undefined
    try {
      entry = attestations(await this.log.entries(workshopId)).get(snapshotId)?.entry
    } catch (err) {
      if (err instanceof UnreadableEntry) return null
      throw err
    }
    return entry
      ? { snapshotHash: snapshotDigest(new Uint8Array(snapshot.state)), logHead: entry.hash }
      : null
  }

  private async snapshots(workshopId: string, q: SqlQueries): Promise<StoredSnapshot[]> {
    const rows = await q.all<{ id: string; state: Uint8Array }>(
      'SELECT id, state FROM snapshots WHERE workshop_id = ? ORDER BY created_at, id',
      [workshopId],
    )
    return rows.map((r) => ({ id: r.id, state: new Uint8Array(r.state) }))
  }

  /** The first entry: which workshop this chain is, and the snapshots older than the log. */
  private async start(workshopId: string, at: number, q: SqlQueries) {
    const older = (await this.snapshots(workshopId, q)).map((s) => snapshotRef(s.id, s.state))
    return {
      at,
      kind: 'log.started',
      actor: SYSTEM_ACTOR,
      data: { workshop: workshopId, ...(older.length > 0 ? { snapshots: older } : {}) },
    }
  }
}
