/**
 * Writes accepted updates to SQLite before anyone else sees them. Updates queued during one
 * tick are committed in a single transaction (one fsync), then their callbacks run in order:
 * that is where rooms broadcast. A failed commit keeps the queue and retries, so nothing
 * accepted is dropped; rooms hold their broadcasts until it succeeds.
 */
import type { Logger } from '../logger.ts'
import type { RoomStore } from './room-store.ts'

type Job =
  | { kind: 'append'; room: string; seq: number; update: Uint8Array; done: () => void }
  | { kind: 'compact'; room: string; snapshot: () => { state: Uint8Array; seq: number }; done: () => void }
  | { kind: 'after'; done: () => void }

const RETRY_MS = 1000

export class UpdateWriter {
  private queue: Job[] = []
  private scheduled = false
  private retryTimer: NodeJS.Timeout | null = null
  private failing: Error | null = null

  constructor(
    private readonly store: RoomStore,
    private readonly logger: Logger,
    private readonly onHealthChange: (error: Error | null) => void = () => {},
  ) {}

  get idle(): boolean {
    return this.queue.length === 0
  }

  get lastError(): Error | null {
    return this.failing
  }

  append(room: string, seq: number, update: Uint8Array, done: () => void): void {
    this.queue.push({ kind: 'append', room, seq, update, done })
    this.schedule()
  }

  compact(
    room: string,
    snapshot: () => { state: Uint8Array; seq: number },
    done: () => void = () => {},
  ): void {
    this.queue.push({ kind: 'compact', room, snapshot, done })
    this.schedule()
  }

  /** Runs `fn` once everything queued so far is on disk (at once when nothing is queued). */
  afterCommit(fn: () => void): void {
    if (this.queue.length === 0) {
      fn()
      return
    }
    this.queue.push({ kind: 'after', done: fn })
  }

  /** Commits now; used on shutdown and by tests. Returns false when the commit failed. */
  flush(): boolean {
    if (this.queue.length === 0) return true
    const jobs = this.queue
    try {
      this.store.transaction(() => {
        for (const job of jobs) {
          if (job.kind === 'append') this.store.append(job)
          else if (job.kind === 'compact') {
            const { state, seq } = job.snapshot()
            this.store.compact(job.room, state, seq)
          }
        }
      })
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err))
      if (!this.failing) this.logger.error({ err: { message: error.message } }, 'persisting updates failed')
      this.failing = error
      this.onHealthChange(error)
      this.scheduleRetry()
      return false
    }
    this.queue = []
    if (this.failing) {
      this.failing = null
      this.logger.info('persisting updates recovered')
      this.onHealthChange(null)
    }
    for (const job of jobs) {
      try {
        job.done()
      } catch (err) {
        this.logger.error({ err: { message: (err as Error).message } }, 'after-commit callback failed')
      }
    }
    return true
  }

  close(): boolean {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    return this.flush()
  }

  private schedule(): void {
    if (this.scheduled || this.retryTimer) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.flush()
    })
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.flush()
    }, RETRY_MS)
    this.retryTimer.unref()
  }
}
