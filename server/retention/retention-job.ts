/**
 * The retention job: enforces the instance's settings by itself, right after start and then
 * hourly. Counting from a workshop's closing: guest identities (names → pseudonyms on the
 * participant and on the cards, sessions and devices gone), hidden cards' original texts (in
 * `hidden_cards`, the snapshots taken before the hiding, and the rooms' stored updates), and
 * whole workshops. Each run is recorded in the instance's log, and in a workshop's own log what
 * it did there: counts only, never a name or a text.
 */
import { type AuditService, INSTANCE_LOG, SYSTEM_ACTOR } from '../audit/audit-service.ts'
import type { SqlDatabase } from '../db/sql-database.ts'
import type { Logger } from '../logger.ts'
import { deleteWorkshop, pseudonymOf } from './data-eraser.ts'
import { eraseHiddenTexts, type HiddenCard, pseudonymiseNames } from './doc-redaction.ts'
import { readRetention } from './retention-settings.ts'
import { boardRoom, checkpoint, deskRoom, rewriteRoom, rewriteSnapshots } from './stored-docs.ts'

export const DAY_MS = 24 * 60 * 60 * 1000
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000

/** Runs `work` with the workshop's rooms out of memory (its sockets closed meanwhile). */
export type WithRoomsUnloaded = <T>(workshopId: string, work: () => Promise<T>) => Promise<T>

export interface RetentionCounts {
  workshops: number
  guests: number
  hiddenTexts: number
  snapshots: number
}

interface Due {
  id: string
}

export class RetentionJob {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<RetentionCounts> | null = null

  constructor(
    private readonly sql: SqlDatabase,
    private readonly audit: AuditService,
    private readonly unloaded: WithRoomsUnloaded,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs now, then every `intervalMs`; the timer keeps no process alive. */
  start(intervalMs = RETENTION_INTERVAL_MS): this {
    void this.runSafely()
    this.timer = setInterval(() => void this.runSafely(), intervalMs)
    this.timer.unref()
    return this
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** One run (a run already under way is joined, not doubled). */
  run(): Promise<RetentionCounts> {
    this.running ??= this.runOnce().finally(() => {
      this.running = null
    })
    return this.running
  }

  private async runSafely(): Promise<void> {
    try {
      const counts = await this.run()
      this.logger.info(counts, 'retention run')
    } catch (err) {
      this.logger.error({ err: { message: (err as Error).message } }, 'retention run failed')
    }
  }

  private async due(
    column: 'closed_at' | 'guests_purged_at' | 'hidden_purged_at',
    days: number | null,
  ): Promise<Due[]> {
    if (days === null) return []
    const before = this.now() - days * DAY_MS
    const done = column === 'closed_at' ? '' : `AND ${column} IS NULL`
    return this.sql.all<Due>(
      `SELECT id FROM workshops WHERE closed_at IS NOT NULL AND closed_at <= ? ${done} ORDER BY id`,
      [before],
    )
  }

  private async runOnce(): Promise<RetentionCounts> {
    const settings = await readRetention(this.sql)
    const counts: RetentionCounts = { workshops: 0, guests: 0, hiddenTexts: 0, snapshots: 0 }
    for (const { id } of await this.due('closed_at', settings.workshopDays)) {
      if (
        await this.unloaded(id, () =>
          deleteWorkshop({ sql: this.sql, audit: this.audit }, id, SYSTEM_ACTOR, 'retention'),
        )
      )
        counts.workshops++
    }
    for (const { id } of await this.due('guests_purged_at', settings.guestDays)) {
      await this.unloaded(id, () => this.purgeGuests(id, counts))
    }
    for (const { id } of await this.due('hidden_purged_at', settings.hiddenTextDays)) {
      await this.unloaded(id, () => this.purgeHiddenTexts(id, counts))
    }
    // Every run with a limit to enforce is on record, also one that found nothing due (the
    // proof that the job runs); with every limit at "keep" there is nothing to record.
    const enforcing = settings.guestDays ?? settings.hiddenTextDays ?? settings.workshopDays
    if (enforcing !== null)
      await this.audit.record(INSTANCE_LOG, 'retention.run', SYSTEM_ACTOR, { ...counts })
    await checkpoint(this.sql)
    return counts
  }

  /** Guests' names become pseudonyms everywhere; their sessions and devices go. */
  private async purgeGuests(workshopId: string, counts: RetentionCounts): Promise<void> {
    const done = await this.sql.transaction(async (tx) => {
      const guests = await tx.all<{ id: string }>(
        'SELECT id FROM participants WHERE workshop_id = ? AND user_id IS NULL ORDER BY id',
        [workshopId],
      )
      const names = new Map(guests.map((g) => [g.id, pseudonymOf(g.id)]))
      for (const [id, pseudonym] of names) {
        await tx.run('UPDATE participants SET name = ?, device_id = NULL WHERE id = ?', [pseudonym, id])
        await tx.run('DELETE FROM sessions WHERE participant_id = ?', [id])
        await tx.run('UPDATE speaking_times SET name = NULL WHERE participant_id = ?', [id])
      }
      await rewriteRoom(tx, boardRoom(workshopId), (doc) => pseudonymiseNames(doc, names))
      const snapshots = await rewriteSnapshots(
        tx,
        this.audit,
        workshopId,
        (doc) => pseudonymiseNames(doc, names),
        'retention.guests',
      )
      await tx.run('UPDATE workshops SET guests_purged_at = ? WHERE id = ?', [this.now(), workshopId])
      await this.audit.record(
        workshopId,
        'retention.run',
        SYSTEM_ACTOR,
        { guests: names.size, snapshots },
        tx,
      )
      return { guests: names.size, snapshots }
    })
    // Counted once committed (a retried transaction counts once).
    counts.guests += done.guests
    counts.snapshots += done.snapshots
  }

  /** Hidden cards' original texts leave the records, the snapshots, the board and the desks. */
  private async purgeHiddenTexts(workshopId: string, counts: RetentionCounts): Promise<void> {
    const done = await this.sql.transaction(async (tx) => {
      const rows = await tx.all<{
        card_id: string
        author_id: string | null
        reason: string
        hidden_by: string
        hidden_at: number
      }>(
        'SELECT card_id, author_id, reason, hidden_by, hidden_at FROM hidden_cards WHERE workshop_id = ? ORDER BY card_id',
        [workshopId],
      )
      const cards: HiddenCard[] = rows.map((r) => ({
        cardId: r.card_id,
        reason: r.reason,
        by: r.hidden_by,
        at: r.hidden_at,
      }))
      await tx.run("UPDATE hidden_cards SET text = '' WHERE workshop_id = ?", [workshopId])
      await rewriteRoom(tx, boardRoom(workshopId), (doc) => eraseHiddenTexts(doc, cards, true))
      const authors = new Set(rows.map((r) => r.author_id).filter((a): a is string => a !== null))
      for (const author of authors)
        await rewriteRoom(tx, deskRoom(workshopId, author), (doc) => eraseHiddenTexts(doc, cards, false))
      const snapshots = await rewriteSnapshots(
        tx,
        this.audit,
        workshopId,
        (doc) => eraseHiddenTexts(doc, cards, true),
        'retention.hidden-texts',
      )
      await tx.run('UPDATE workshops SET hidden_purged_at = ? WHERE id = ?', [this.now(), workshopId])
      await this.audit.record(
        workshopId,
        'retention.run',
        SYSTEM_ACTOR,
        { hiddenTexts: rows.length, snapshots },
        tx,
      )
      return { hiddenTexts: rows.length, snapshots }
    })
    counts.hiddenTexts += done.hiddenTexts
    counts.snapshots += done.snapshots
  }
}
