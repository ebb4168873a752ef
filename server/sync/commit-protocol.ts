/**
 * Messages between the event loop and the commit thread. The thread owns the writes of room
 * data: each request is one batch, committed in one transaction (one fsync), and answered by
 * its id. Wire grammar, one structured-clone message each way:
 *
 *   main → thread   CommitRequest  { id, jobs: StoreJob[] }
 *   thread → main   CommitReply    { id, ok: true } | { id, ok: false, error }
 */

export type StoreJob =
  | { kind: 'append'; room: string; seq: number; update: Uint8Array }
  | { kind: 'compact'; room: string; state: Uint8Array; seq: number }

export interface CommitRequest {
  id: number
  jobs: StoreJob[]
}

export type CommitReply = { id: number; ok: true } | { id: number; ok: false; error: string }

/** What the thread needs to open the same database as the event loop. */
export interface CommitThreadData {
  file: string
  synchronous: 'FULL' | 'NORMAL'
  busyTimeoutMs: number
}
