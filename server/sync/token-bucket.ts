/** A token bucket: `rate` tokens a second, holding at most `burst`. For rate limits on hot paths. */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst
    this.last = now()
  }

  /** Takes `amount` tokens if there are that many. */
  take(amount = 1): boolean {
    this.refill()
    if (this.tokens < amount) return false
    this.tokens -= amount
    return true
  }

  /** Milliseconds until a token is available (0 when one is). */
  waitMs(): number {
    this.refill()
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.rate) * 1000)
  }

  private refill(): void {
    const now = this.now()
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate)
    this.last = now
  }
}
