/**
 * The commit thread: opens its own connection to the database and commits each batch of room
 * updates in one transaction. Running here, the fsync (and SQLite's WAL checkpoints) never stall
 * the event loop that relays updates; the event loop still broadcasts only after the reply.
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import type { CommitReply, CommitRequest, CommitThreadData } from './commit-protocol.ts'
import { RoomStore } from './room-store.ts'

const data = workerData as CommitThreadData
const db = new Database(data.file)
db.pragma('journal_mode = WAL')
db.pragma(`synchronous = ${data.synchronous}`)
db.pragma(`busy_timeout = ${data.busyTimeoutMs}`)
db.pragma('secure_delete = ON')
const store = new RoomStore(db)

parentPort?.on('message', (request: CommitRequest) => {
  let reply: CommitReply
  try {
    store.commit(request.jobs)
    reply = { id: request.id, ok: true }
  } catch (err) {
    reply = { id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) }
  }
  parentPort?.postMessage(reply)
})
