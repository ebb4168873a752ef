/**
 * SQLite persistence of rooms: a room is its compacted state plus the log of updates since.
 * Loading replays both into a fresh Y.Doc; compaction folds the log into the state row.
 */
import * as Y from 'yjs'
import type { Db } from '../db/open-database.ts'
import type { StoreJob } from './commit-protocol.ts'

export interface LoadedRoom {
  doc: Y.Doc
  /** Sequence number of the last stored update. */
  seq: number
  /** Updates in the log that are not yet folded into the state row. */
  logLength: number
  /** Bytes stored for the room: its size for quotas. */
  bytes: number
  /** The state row when it is the whole room (nothing logged or pending since): the full sync answer. */
  fullState: Uint8Array | null
  /** With `defer`: that state row, not yet applied to `doc` (still empty); see Room.doc. */
  deferred: Uint8Array | null
}

export interface UpdateRow {
  room: string
  seq: number
  update: Uint8Array
}

export class RoomStore {
  private readonly insertUpdate
  private readonly upsertState
  private readonly trimLog
  private readonly applyAll: (jobs: readonly StoreJob[]) => void

  constructor(private readonly db: Db) {
    this.insertUpdate = db.prepare('INSERT INTO room_updates (room, seq, update_data) VALUES (?, ?, ?)')
    this.upsertState = db.prepare(
      `INSERT INTO room_state (room, state, last_seq) VALUES (?, ?, ?)
       ON CONFLICT(room) DO UPDATE SET state = excluded.state, last_seq = excluded.last_seq`,
    )
    this.trimLog = db.prepare('DELETE FROM room_updates WHERE room = ? AND seq <= ?')
    this.applyAll = db.transaction((jobs: readonly StoreJob[]) => {
      for (const job of jobs) this.apply(job)
    })
  }

  /**
   * Reads a room back. `pending` are updates accepted but not yet committed (a room reloaded
   * while its last writes are still on their way to disk); Yjs applies repeats as no-ops. With
   * `defer`, a room stored as one row is returned with that row unapplied: building a big room's
   * document takes longer than sending its row to the first joiner.
   */
  load(room: string, pending: readonly StoreJob[] = [], defer = false): LoadedRoom {
    const doc = new Y.Doc({ gc: true })
    const state = this.db.prepare('SELECT state, last_seq FROM room_state WHERE room = ?').get(room) as
      | { state: Buffer; last_seq: number }
      | undefined
    const updates = this.db
      .prepare('SELECT seq, update_data FROM room_updates WHERE room = ? ORDER BY seq')
      .all(room) as { seq: number; update_data: Buffer }[]
    let seq = state?.last_seq ?? 0
    let bytes = state?.state.length ?? 0
    const whole = state !== undefined && updates.length === 0 && pending.length === 0
    if (whole && defer) {
      const row = new Uint8Array(state.state)
      return { doc, seq, logLength: 0, bytes, fullState: row, deferred: row }
    }
    doc.transact(() => {
      if (state) Y.applyUpdate(doc, state.state)
      for (const row of updates) {
        Y.applyUpdate(doc, row.update_data)
        seq = row.seq
        bytes += row.update_data.length
      }
      for (const job of pending) {
        Y.applyUpdate(doc, job.kind === 'append' ? job.update : job.state)
        seq = Math.max(seq, job.seq)
        bytes += job.kind === 'append' ? job.update.length : 0
      }
    })
    return {
      doc,
      seq,
      logLength: updates.length,
      bytes,
      fullState: whole ? new Uint8Array(state.state) : null,
      deferred: null,
    }
  }

  /** Stores a batch in one transaction: the unit of durability for one tick's updates. */
  commit(jobs: readonly StoreJob[]): void {
    this.applyAll(jobs)
  }

  apply(job: StoreJob): void {
    if (job.kind === 'append') this.append(job)
    else this.compact(job.room, job.state, job.seq)
  }

  append(row: UpdateRow): void {
    this.insertUpdate.run(row.room, row.seq, row.update)
  }

  compact(room: string, state: Uint8Array, seq: number): void {
    this.upsertState.run(room, state, seq)
    this.trimLog.run(room, seq)
  }
}
