/**
 * A room as stored (its compacted state row and the log of updates since) and how it is read
 * back into a document: pure, shared by the async room store and the commit thread's store.
 */
import * as Y from 'yjs'
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

export interface StoredRoom {
  state: { state: Uint8Array; seq: number } | null
  updates: { seq: number; update: Uint8Array }[]
}

/** The SQL that reads and writes room rows, the same on both engines. */
export const ROOM_SQL = {
  state: 'SELECT state, last_seq FROM room_state WHERE room = ?',
  updates: 'SELECT seq, update_data FROM room_updates WHERE room = ? ORDER BY seq',
  insertUpdate: 'INSERT INTO room_updates (room, seq, update_data) VALUES (?, ?, ?)',
  upsertState: `INSERT INTO room_state (room, state, last_seq) VALUES (?, ?, ?)
     ON CONFLICT (room) DO UPDATE SET state = excluded.state, last_seq = excluded.last_seq`,
  trimLog: 'DELETE FROM room_updates WHERE room = ? AND seq <= ?',
} as const

/**
 * Builds the room's document from its rows. `pending` are updates accepted but not yet committed
 * (a room reloaded while its last writes are still on their way to disk; taken before the rows
 * were read, so nothing committed in between is missed); Yjs applies repeats as no-ops. With
 * `defer`, a room stored as one row is returned with that row unapplied: building a big room's
 * document takes longer than sending its row to the first joiner.
 */
export function buildRoom(stored: StoredRoom, pending: readonly StoreJob[] = [], defer = false): LoadedRoom {
  const doc = new Y.Doc({ gc: true })
  const { state, updates } = stored
  let seq = state?.seq ?? 0
  let bytes = state?.state.length ?? 0
  const whole = state !== null && updates.length === 0 && pending.length === 0
  if (whole && defer) {
    const row = new Uint8Array(state.state)
    return { doc, seq, logLength: 0, bytes, fullState: row, deferred: row }
  }
  doc.transact(() => {
    if (state) Y.applyUpdate(doc, state.state)
    for (const row of updates) {
      Y.applyUpdate(doc, row.update)
      seq = Math.max(seq, row.seq)
      bytes += row.update.length
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
