/**
 * Persistence of rooms, async on the storage interface: a room is its compacted state plus the
 * log of updates since (room-rows.ts). Loading reads both and replays them into a fresh Y.Doc;
 * compaction folds the log into the state row. The inline committer commits batches here; the
 * commit thread has its own synchronous connection (commit-worker.ts).
 */
import type { SqlDatabase, SqlQueries } from '../db/sql-database.ts'
import type { StoreJob } from './commit-protocol.ts'
import { buildRoom, type LoadedRoom, ROOM_SQL, type StoredRoom } from './room-rows.ts'

export type { LoadedRoom } from './room-rows.ts'

export class RoomStore {
  constructor(private readonly db: SqlDatabase) {}

  /** The room's rows as stored. */
  read(room: string, q: SqlQueries = this.db): Promise<StoredRoom> {
    return readRoomRows(q, room)
  }

  /**
   * Reads a room back (see buildRoom for `pending` and `defer`; take `pending` before calling,
   * so that nothing committed while the rows are read is missed).
   */
  async load(
    room: string,
    pending: readonly StoreJob[] = [],
    defer = false,
    q: SqlQueries = this.db,
  ): Promise<LoadedRoom> {
    return buildRoom(await this.read(room, q), pending, defer)
  }

  /** Stores a batch in one transaction: the unit of durability for one tick's updates. */
  commit(jobs: readonly StoreJob[]): Promise<void> {
    return this.db.transaction(async (tx) => {
      for (const job of jobs) {
        if (job.kind === 'append') await tx.run(ROOM_SQL.insertUpdate, [job.room, job.seq, job.update])
        else await this.compact(job.room, job.state, job.seq, tx)
      }
    })
  }

  /** Replaces the room's state row and drops the log it folds in. */
  compact(room: string, state: Uint8Array, seq: number, q: SqlQueries = this.db): Promise<void> {
    return compactRoom(q, room, state, seq)
  }
}

/** A room's rows, read inside a transaction or on the database (`q`). */
export async function readRoomRows(q: SqlQueries, room: string): Promise<StoredRoom> {
  const state = await q.get<{ state: Uint8Array; last_seq: number }>(ROOM_SQL.state, [room])
  const updates = await q.all<{ seq: number; update_data: Uint8Array }>(ROOM_SQL.updates, [room])
  return {
    state: state ? { state: state.state, seq: Number(state.last_seq) } : null,
    updates: updates.map((u) => ({ seq: Number(u.seq), update: u.update_data })),
  }
}

/** Stores `state` as the room's state row and drops the log up to `seq`. */
export async function compactRoom(
  q: SqlQueries,
  room: string,
  state: Uint8Array,
  seq: number,
): Promise<void> {
  await q.run(ROOM_SQL.upsertState, [room, state, seq])
  await q.run(ROOM_SQL.trimLog, [room, seq])
}
