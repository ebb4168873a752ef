/**
 * History: a snapshot's state for reading, the difference of two snapshots, and a new workshop
 * continued from a snapshot. The list itself is `SnapshotListResponse` (workshops.ts).
 */
import type { SnapshotDiff } from '../history/snapshot-diff.ts'
import type { SnapshotInfo } from './workshops.ts'

export type {
  CardChangeKind,
  ChangedCard,
  DiffCard,
  DiffFrame,
  MovedCard,
  SnapshotDiff,
} from '../history/snapshot-diff.ts'

/** `GET /api/workshops/:id/snapshots/diff?from=<sid>&to=<sid>`: what changed from one to the other. */
export interface SnapshotDiffResponse extends SnapshotDiff {
  from: SnapshotInfo
  to: SnapshotInfo
}

/** `POST /api/workshops/:id/snapshots/:sid/continue`. */
export interface ContinueRequest {
  /** The new workshop's title; by default the old one's with the snapshot's label. */
  title?: string
}

export interface ContinueResponse {
  id: string
  joinCode: string
}
