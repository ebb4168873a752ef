/**
 * Admits new connections at a bounded rate. After a restart every client reconnects at once;
 * loading rooms and answering a few hundred full syncs in one tick would stall everyone, so
 * joins beyond the burst wait their turn, in order.
 */
import { TokenBucket } from './token-bucket.ts'

export class AdmissionQueue {
  private readonly bucket: TokenBucket
  private readonly waiting: (() => void)[] = []
  private timer: NodeJS.Timeout | null = null

  constructor(perSecond: number, burst: number) {
    this.bucket = new TokenBucket(perSecond, burst)
  }

  get queued(): number {
    return this.waiting.length
  }

  /** Runs `admit` now if the rate allows, else when its turn comes. */
  enter(admit: () => void): void {
    if (this.waiting.length === 0 && this.bucket.take()) {
      admit()
      return
    }
    this.waiting.push(admit)
    this.schedule()
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.waiting.length = 0
  }

  private schedule(): void {
    if (this.timer) return
    this.timer = setTimeout(
      () => {
        this.timer = null
        while (this.waiting.length > 0 && this.bucket.take()) this.waiting.shift()?.()
        if (this.waiting.length > 0) this.schedule()
      },
      Math.max(1, this.bucket.waitMs()),
    )
  }
}
