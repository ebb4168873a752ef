/**
 * Commits a batch on the event loop itself, through the main connection. The alternative to the
 * commit thread where a spare core is not to be had: the fsync then pauses the event loop.
 */
import type { StoreJob } from './commit-protocol.ts'
import type { RoomStore } from './room-store.ts'

export class InlineCommitter {
  readonly running = true

  constructor(private readonly store: RoomStore) {}

  commit(jobs: StoreJob[]): Promise<void> {
    try {
      this.store.commit(jobs)
      return Promise.resolve()
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)))
    }
  }

  async close(): Promise<void> {}
}
