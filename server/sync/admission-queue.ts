/**
 * Admits new connections at a bounded rate. After a restart every client reconnects at once;
 * loading rooms and answering a few hundred full syncs in one tick would stall everyone, so
 * joins beyond the burst wait their turn, in order. A socket that closes while it waits leaves
 * the queue at once (`enter` returns how), so the queue never holds what a closed socket sent.
 */
import { TokenBucket } from './token-bucket.ts'

export class AdmissionQueue {
  private readonly bucket: TokenBucket
  /** In arrival order (a Set keeps it), each entry its own object so one can leave in O(1). */
  private readonly waiting = new Set<{ admit: () => void }>()
  private timer: NodeJS.Timeout | null = null

  constructor(perSecond: number, burst: number) {
    this.bucket = new TokenBucket(perSecond, burst)
  }

  get queued(): number {
    return this.waiting.size
  }

  /** Runs `admit` now if the rate allows, else when its turn comes. Returns a function that leaves the queue. */
  enter(admit: () => void): () => void {
    if (this.waiting.size === 0 && this.bucket.take()) {
      admit()
      return () => {}
    }
    const entry = { admit }
    this.waiting.add(entry)
    this.schedule()
    return () => {
      this.waiting.delete(entry)
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.waiting.clear()
  }

  private schedule(): void {
    if (this.timer) return
    this.timer = setTimeout(
      () => {
        this.timer = null
        for (const entry of this.waiting) {
          if (!this.bucket.take()) break
          this.waiting.delete(entry)
          entry.admit()
        }
        if (this.waiting.size > 0) this.schedule()
      },
      Math.max(1, this.bucket.waitMs()),
    )
  }
}
