/**
 * Write-through to the database for state the sync layer keeps in memory (the card ledger):
 * each write is queued as the memory changes and the queue is committed in order, everything
 * queued until then in one transaction. `flushed()` resolves once all that was queued before it
 * is committed: the update writer waits for it before a board update that follows from a record
 * goes to disk, and HTTP actions before they answer. A failed commit is kept and retried every
 * second with what was queued since (nothing is forgotten or reordered); the failure is reported
 * like the update writer's, so every screen shows the storage warning.
 */
import type { SqlDatabase, SqlQueries } from '../db/sql-database.ts'
import type { Logger } from '../logger.ts'

/** One queued write; runs inside the commit's transaction (possibly more than once: retries). */
export type QueuedWrite = (tx: SqlQueries) => Promise<void>

export const RETRY_MS = 1000

export class WriteQueue {
  private queue: QueuedWrite[] = []
  private inFlight: QueuedWrite[] | null = null
  private queued = 0
  private committed = 0
  private waiters: { upTo: number; resolve: () => void }[] = []
  private scheduled = false
  private retryTimer: NodeJS.Timeout | null = null
  private failing: Error | null = null
  private closed = false

  constructor(
    private readonly db: SqlDatabase,
    private readonly logger: Logger,
    /** Told when committing starts failing (the error) and when it works again (null). */
    private readonly onHealthChange: (error: Error | null) => void = () => {},
  ) {}

  get lastError(): Error | null {
    return this.failing
  }

  /** Writes queued and not yet committed. */
  get backlog(): number {
    return this.queued - this.committed
  }

  push(write: QueuedWrite): void {
    this.queue.push(write)
    this.queued++
    this.schedule()
  }

  /** Resolves once everything queued so far is committed. */
  flushed(): Promise<void> {
    if (this.committed >= this.queued) return Promise.resolve()
    const upTo = this.queued
    return new Promise((resolve) => this.waiters.push({ upTo, resolve }))
  }

  /** True once everything queued so far is committed, false if that takes longer than `timeoutMs`. */
  async flushedWithin(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs)
    })
    try {
      return await Promise.race([this.flushed().then(() => true), timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  /** Commits what is queued (waiting at most `timeoutMs`) and stops retrying. */
  async close(timeoutMs = 10_000): Promise<boolean> {
    const clean = await this.flushedWithin(timeoutMs)
    this.closed = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    if (!clean) this.logger.error({ pending: this.backlog }, 'shutdown with uncommitted card records')
    return clean
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight || this.retryTimer) return
    this.scheduled = true
    // After the synchronous run that queued it: one transaction for a reveal's many records.
    queueMicrotask(() => {
      this.scheduled = false
      this.send()
    })
  }

  private send(): void {
    if (this.inFlight || this.queue.length === 0) return
    this.inFlight = this.queue
    this.queue = []
    this.commit(this.inFlight)
  }

  private commit(writes: QueuedWrite[]): void {
    this.db
      .transaction(async (tx) => {
        for (const write of writes) await write(tx)
      })
      .then(
        () => this.settle(writes.length),
        (err: unknown) => this.fail(writes, err instanceof Error ? err : new Error(String(err))),
      )
  }

  private settle(count: number): void {
    this.inFlight = null
    this.committed += count
    if (this.failing) {
      this.failing = null
      this.logger.info('persisting card records recovered')
      this.onHealthChange(null)
    }
    const done = this.waiters.filter((w) => w.upTo <= this.committed)
    this.waiters = this.waiters.filter((w) => w.upTo > this.committed)
    for (const waiter of done) waiter.resolve()
    if (this.queue.length > 0) this.send()
  }

  private fail(writes: QueuedWrite[], error: Error): void {
    if (!this.failing) {
      this.logger.error({ err: { message: error.message } }, 'persisting card records failed')
      this.failing = error
      this.onHealthChange(error)
    }
    if (this.closed) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      // What was queued meanwhile joins the retry, after the writes that failed.
      const retry = [...writes, ...this.queue]
      this.queue = []
      this.inFlight = retry
      this.commit(retry)
    }, RETRY_MS)
    this.retryTimer.unref()
  }
}
