/**
 * The HTTP contract of the records an administration files: verifying a workshop's tamper-evident
 * log and snapshots, and exporting and importing a workshop as one file.
 */

/** What does not match, first in the log's order (entries) or the snapshots' (by time taken). */
export type BrokenLink =
  | {
      kind: 'entry'
      /** The entry's sequence number in the workshop's log (from 1). */
      id: number
      reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'missing' | 'unreadable' | 'other-workshop'
    }
  | {
      kind: 'snapshot'
      /** The snapshot's id. */
      id: string
      reason: 'hash-mismatch' | 'not-in-log' | 'missing'
    }

/** `GET /api/workshops/:id/verify`. */
export type VerifyResponse =
  | { ok: true; entries: number; snapshots: number }
  | { ok: false; firstBroken: BrokenLink }

/** `POST /api/import`: the new workshop, owned by the importing administrator. */
export interface ImportResponse {
  id: string
  joinCode: string
}
