/**
 * Writes accepted updates to SQLite before anyone else sees them. Updates queued while one batch
 * is on its way to disk form the next batch (group commit: one transaction, one fsync, on the
 * commit thread); when a batch is on disk its callbacks run in order: that is where rooms
 * broadcast. A failed commit keeps the batch and retries, so nothing accepted is dropped; rooms
 * hold their broadcasts until it succeeds. Before a batch goes to disk, and again before its
 * callbacks run, the writer waits for `before` (the card records written so far being committed):
 * a board update never reaches disk or a screen ahead of the record it follows from.
 */
import type { Logger } from '../logger.ts'
import type { StoreJob } from './commit-protocol.ts'

/** Makes a batch durable: the commit thread, or inline on the event loop. */
export interface Committer {
  readonly running: boolean
  commit(jobs: StoreJob[]): Promise<void>
  close(): Promise<void>
}

type Job =
  | { kind: 'append'; room: string; seq: number; update: Uint8Array; done: () => void }
  | { kind: 'compact'; room: string; snapshot: () => Snapshot | null; done: () => void }
  | { kind: 'after'; done: () => void }

interface Snapshot {
  state: Uint8Array
  seq: number
}

interface Batch {
  jobs: StoreJob[]
  done: (() => void)[]
}

export const RETRY_MS = 1000

export class UpdateWriter {
  private queue: Job[] = []
  private inFlight: Batch | null = null
  private scheduled = false
  private retryTimer: NodeJS.Timeout | null = null
  private failing: Error | null = null
  private committer: Committer
  private closed = false
  /** A commit of the in-flight batch is under way (a retry must not start a second one). */
  private committing = false
  /** Told each commit's duration in seconds (the /metrics histogram). */
  onCommit: ((seconds: number) => void) | null = null

  constructor(
    private readonly startCommitter: () => Committer,
    private readonly logger: Logger,
    private readonly onHealthChange: (error: Error | null) => void = () => {},
    private readonly before: () => Promise<void> = () => Promise.resolve(),
  ) {
    this.committer = startCommitter()
  }

  get idle(): boolean {
    return this.queue.length === 0 && this.inFlight === null
  }

  /** Updates accepted and not yet known to be on disk (queued and in flight). */
  get backlog(): number {
    return this.queue.length + (this.inFlight?.jobs.length ?? 0)
  }

  get lastError(): Error | null {
    return this.failing
  }

  append(room: string, seq: number, update: Uint8Array, done: () => void): void {
    this.queue.push({ kind: 'append', room, seq, update, done })
    this.schedule()
  }

  /**
   * Folds a room's log into its state; `snapshot` is read when the batch leaves for disk (null:
   * nothing to fold after all).
   */
  compact(room: string, snapshot: () => Snapshot | null, done: () => void = () => {}): void {
    this.queue.push({ kind: 'compact', room, snapshot, done })
    this.schedule()
  }

  /** Runs `fn` once everything queued so far is on disk (at once when nothing is pending). */
  afterCommit(fn: () => void): void {
    if (this.idle) fn()
    else if (this.queue.length === 0) this.inFlight?.done.push(fn)
    else this.queue.push({ kind: 'after', done: fn })
  }

  /** Resolves once everything queued so far is on disk. */
  drained(): Promise<void> {
    return new Promise((resolve) => this.afterCommit(resolve))
  }

  /** True once everything queued so far is on disk, false if that takes longer than `timeoutMs`. */
  drainedWithin(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs)
      this.afterCommit(() => {
        clearTimeout(timer)
        resolve(true)
      })
    })
  }

  /** What is accepted for `room` but not yet known to be on disk, oldest first. */
  pending(room: string): StoreJob[] {
    const queued = this.queue.flatMap((job): StoreJob[] =>
      job.kind === 'append' && job.room === room ? [job] : [],
    )
    const sent = this.inFlight?.jobs.filter((job) => job.room === room) ?? []
    return [...sent, ...queued]
  }

  /** Commits what is pending (waiting at most `timeoutMs`) and stops the commit thread. */
  async close(timeoutMs = 10_000): Promise<boolean> {
    this.closed = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    if (!this.idle) {
      // A batch that was failing gets one more try now; the retry timer is gone.
      if (this.inFlight && this.failing && !this.committing) this.commit(this.inFlight)
      this.schedule()
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref())
      await Promise.race([this.drained(), timeout])
    }
    const clean = this.idle
    if (!clean) this.logger.error({ pending: this.queue.length }, 'shutdown with uncommitted updates')
    await this.committer.close()
    return clean
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight || this.retryTimer) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.send()
    })
  }

  private send(): void {
    if (this.inFlight || this.queue.length === 0) return
    const jobs = this.queue
    this.queue = []
    const batch: Batch = { jobs: [], done: [] }
    for (const job of jobs) {
      if (job.kind === 'append')
        batch.jobs.push({ kind: 'append', room: job.room, seq: job.seq, update: job.update })
      else if (job.kind === 'compact') {
        const snapshot = job.snapshot()
        if (snapshot) batch.jobs.push({ kind: 'compact', room: job.room, ...snapshot })
      }
      batch.done.push(job.done)
    }
    this.inFlight = batch
    this.commit(batch)
  }

  private commit(batch: Batch): void {
    if (batch.jobs.length === 0) {
      this.settle(batch)
      return
    }
    this.committing = true
    let started = 0
    this.before()
      .then(() => {
        started = performance.now()
        return this.committer.commit(batch.jobs)
      })
      .then(async () => {
        const seconds = (performance.now() - started) / 1000
        await this.before()
        return seconds
      })
      .then(
        (seconds) => {
          this.committing = false
          this.onCommit?.(seconds)
          this.settle(batch)
        },
        (err: Error) => {
          this.committing = false
          this.fail(batch, err)
        },
      )
  }

  private settle(batch: Batch): void {
    this.inFlight = null
    if (this.failing) {
      this.failing = null
      this.logger.info('persisting updates recovered')
      this.onHealthChange(null)
    }
    for (const done of batch.done) {
      try {
        done()
      } catch (err) {
        this.logger.error({ err: { message: (err as Error).message } }, 'after-commit callback failed')
      }
    }
    if (this.queue.length > 0) this.send()
  }

  private fail(batch: Batch, error: Error): void {
    if (!this.failing) {
      this.logger.error({ err: { message: error.message } }, 'persisting updates failed')
      this.failing = error
      this.onHealthChange(error)
    }
    if (this.closed) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      if (!this.committer.running) this.committer = this.startCommitter()
      this.commit(batch)
    }, RETRY_MS)
    this.retryTimer.unref()
  }
}
