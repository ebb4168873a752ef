/**
 * The commit thread: opens its own connection to the database and commits each batch of room
 * updates in one transaction, synchronously (better-sqlite3 on this thread). Running here, the
 * fsync (and SQLite's WAL checkpoints) never stall the event loop that relays updates; the event
 * loop still broadcasts only after the reply.
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import type { CommitReply, CommitRequest, CommitThreadData, StoreJob } from './commit-protocol.ts'
import { ROOM_SQL } from './room-rows.ts'

const data = workerData as CommitThreadData
const db = new Database(data.file)
db.pragma('journal_mode = WAL')
db.pragma(`synchronous = ${data.synchronous}`)
db.pragma(`busy_timeout = ${data.busyTimeoutMs}`)
db.pragma('secure_delete = ON')
const insertUpdate = db.prepare(ROOM_SQL.insertUpdate)
const upsertState = db.prepare(ROOM_SQL.upsertState)
const trimLog = db.prepare(ROOM_SQL.trimLog)
const commit = db.transaction((jobs: readonly StoreJob[]) => {
  for (const job of jobs) {
    if (job.kind === 'append') insertUpdate.run(job.room, job.seq, job.update)
    else {
      upsertState.run(job.room, job.state, job.seq)
      trimLog.run(job.room, job.seq)
    }
  }
})

parentPort?.on('message', (request: CommitRequest) => {
  let reply: CommitReply
  try {
    commit(request.jobs)
    reply = { id: request.id, ok: true }
  } catch (err) {
    reply = { id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) }
  }
  parentPort?.postMessage(reply)
})
