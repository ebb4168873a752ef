/**
 * Commits a batch on the event loop itself, through the async room store (the main connection on
 * SQLite). The alternative to the commit thread where a spare core is not to be had: the fsync
 * then pauses the event loop.
 */
import type { StoreJob } from './commit-protocol.ts'
import type { RoomStore } from './room-store.ts'

export class InlineCommitter {
  readonly running = true

  constructor(private readonly store: RoomStore) {}

  commit(jobs: StoreJob[]): Promise<void> {
    return this.store.commit(jobs)
  }

  async close(): Promise<void> {}
}
