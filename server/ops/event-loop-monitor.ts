/**
 * Measures how late a timer fires: the event loop's lag. A loop blocked for seconds answers
 * nobody, so monitoring must learn of it afterwards: a lag over the threshold is remembered for
 * a while (`stalledRecently`), and a tick overdue by more than the threshold counts as a stall
 * still going on (the health request may run before the timer has caught up).
 */
export interface LoopStall {
  /** The longest lag seen within the window, in milliseconds. */
  lagMs: number
  /** When it ended (ms since epoch). */
  at: number
}

export class EventLoopMonitor {
  private timer: NodeJS.Timeout | null = null
  private lastTick = 0
  private stall: LoopStall | null = null
  /** The lag of the last tick, in milliseconds. */
  lagMs = 0

  constructor(
    private readonly options: { intervalMs?: number; thresholdMs?: number; windowMs?: number } = {},
    private readonly now: () => number = () => performance.timeOrigin + performance.now(),
  ) {}

  get intervalMs(): number {
    return this.options.intervalMs ?? 500
  }

  get thresholdMs(): number {
    return this.options.thresholdMs ?? 2000
  }

  start(): this {
    if (this.timer) return this
    this.lastTick = this.now()
    this.timer = setInterval(() => this.tick(), this.intervalMs)
    this.timer.unref()
    return this
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  private tick(): void {
    const now = this.now()
    this.lagMs = Math.max(0, now - this.lastTick - this.intervalMs)
    this.lastTick = now
    if (this.lagMs > this.thresholdMs && (!this.stall || this.stall.lagMs <= this.lagMs || this.expired(now)))
      this.stall = { lagMs: Math.round(this.lagMs), at: now }
  }

  private expired(now: number): boolean {
    return this.stall !== null && now - this.stall.at > (this.options.windowMs ?? 10_000)
  }

  /** A lag over the threshold now or within the window, else null. */
  stalledRecently(): LoopStall | null {
    if (!this.timer) return null
    const now = this.now()
    const overdue = now - this.lastTick - this.intervalMs
    if (overdue > this.thresholdMs) return { lagMs: Math.round(overdue), at: now }
    if (this.expired(now)) this.stall = null
    return this.stall
  }
}
