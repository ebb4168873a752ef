/**
 * Failures counted per key with a delay that doubles with each failure past a free few: a
 * guesser slows to a crawl while a person who mistyped twice notices nothing. Only the key's
 * own failures count, so nobody can slow down a key they do not send from. Memory is bounded:
 * quiet keys are forgotten, and past `maxKeys` the oldest go first.
 */
export interface BackoffOptions {
  /** Failures without any delay. */
  free: number
  /** The delay after the first failure past the free ones; it doubles with each further one. */
  baseMs: number
  maxMs: number
  /** A key with no failure for this long (after its delay) starts from zero again. */
  forgetMs: number
  maxKeys: number
}

interface Entry {
  failures: number
  lastFailedAt: number
}

export class Backoff {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly options: BackoffOptions,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The delay `failures` failures impose, in ms. */
  delayAfter(failures: number): number {
    const past = failures - this.options.free
    if (past <= 0) return 0
    return Math.min(this.options.maxMs, this.options.baseMs * 2 ** Math.min(past - 1, 30))
  }

  /** Milliseconds the key must still wait; 0 when it may try now. */
  wait(key: string): number {
    const entry = this.current(key)
    if (!entry) return 0
    return Math.max(0, entry.lastFailedAt + this.delayAfter(entry.failures) - this.now())
  }

  /** Records a failure; returns the wait it imposes. */
  fail(key: string): number {
    const entry = this.current(key) ?? { failures: 0, lastFailedAt: 0 }
    entry.failures++
    entry.lastFailedAt = this.now()
    // Re-inserting keeps the map ordered by last failure, oldest first, for the eviction below.
    this.entries.delete(key)
    this.entries.set(key, entry)
    if (this.entries.size > this.options.maxKeys) this.evict()
    return this.delayAfter(entry.failures)
  }

  forget(key: string): void {
    this.entries.delete(key)
  }

  get size(): number {
    return this.entries.size
  }

  private current(key: string): Entry | null {
    const entry = this.entries.get(key)
    if (!entry) return null
    if (this.expired(entry)) {
      this.entries.delete(key)
      return null
    }
    return entry
  }

  private expired(entry: Entry): boolean {
    return this.now() >= entry.lastFailedAt + this.delayAfter(entry.failures) + this.options.forgetMs
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.options.maxKeys) return
      this.entries.delete(key)
    }
  }
}
