/**
 * Reconnect storm, long version (the test runs 60 in-process): clients on one board of a server
 * running as its own process all lose their connection at once, edit offline, and come back
 * within a second. Prints how many converged to the server's board, how long it took, and the
 * server's memory before the storm and 10, 30 and 60 s after it (the same clients connected).
 *
 *   npx tsx bench/storm.ts [clients=200]
 */
import { EventEmitter } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { addCard, moveCard } from '../shared/board/card-ops.ts'
import { readCards } from '../shared/board/schema.ts'
import { createWorkshop, setupFacilitator } from '../tests/support/api.ts'
import { processStats, spawnServer } from '../tests/support/server-process.ts'
import {
  connectClient,
  connectMany,
  type SyncClient,
  waitFor,
  waitSynced,
} from '../tests/support/sync-client.ts'

const CLIENTS = Number(process.argv[2] ?? 200)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const rssMiB = (pid: number) => processStats(pid).rssMiB

// Every y-websocket provider adds an exit listener; this script opens many on purpose.
EventEmitter.defaultMaxListeners = 1000
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-storm-'))
// The default admission (100 a second, bursts of 200) is what a real server runs with.
const server = await spawnServer(dataDir)
const pid = server.child.pid ?? 0
let clients: SyncClient[] = []
try {
  const token = await setupFacilitator(server.url)
  const { id } = await createWorkshop(server.url, token, 'Sturm')
  clients = await connectMany(server.url, id, token, CLIENTS)
  clients.forEach((c, i) => {
    addCard(c.doc, `c${i}`, { text: `Karte ${i}`, x: i, y: 0, color: 'yellow' })
  })
  const reader = clients[0] as SyncClient
  await waitFor(() => readCards(reader.doc).length === CLIENTS, 30_000, 'every card everywhere')
  await sleep(5000)
  const before = rssMiB(pid)

  // The network drops for everyone at once; each edits offline and is back within a second.
  for (const c of clients) c.provider.disconnect()
  clients.forEach((c, i) => {
    moveCard(c.doc, `c${i}`, i, 500)
  })
  const dropped = performance.now()
  for (const c of clients) setTimeout(() => c.provider.connect(), Math.random() * 1000)
  await waitFor(() => clients.every((c) => c.provider.synced && c.provider.wsconnected), 60_000, 'all back')
  const backMs = performance.now() - dropped
  const check = connectClient(server.url, id, token)
  await waitSynced(check, 30_000)
  const board = () => JSON.stringify(readCards(check.doc))
  await waitFor(() => readCards(check.doc).every((c) => c.y === 500), 30_000, 'every offline edit stored')
  await waitFor(
    () => clients.every((c) => JSON.stringify(readCards(c.doc)) === board()),
    30_000,
    'convergence',
  ).catch(() => {})
  const convergedMs = performance.now() - dropped
  const failed = clients.filter((c) => JSON.stringify(readCards(c.doc)) !== board()).length
  check.destroy()
  // Memory is read three times: V8 returns freed pages only after a full collection, which
  // may come a while after the storm.
  const after: number[] = []
  for (const wait of [10_000, 20_000, 30_000]) {
    await sleep(wait)
    after.push(rssMiB(pid))
  }

  console.log(
    `Reconnect storm, ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} cores`,
  )
  console.log(`  clients:              ${CLIENTS} dropped at once, each back within 1 s`)
  console.log(`  all reconnected in:   ${backMs.toFixed(0)} ms (admission 100/s, bursts of 200)`)
  console.log(
    `  converged:            ${CLIENTS - failed} of ${CLIENTS} in ${convergedMs.toFixed(0)} ms; failed: ${failed}`,
  )
  console.log(
    `  offline edits stored: ${readCards(reader.doc).filter((c) => c.y === 500).length} of ${CLIENTS}`,
  )
  console.log(
    `  server RSS:           ${before} MiB before the storm (all connected), ${after.join(' / ')} MiB 10 / 30 / 60 s after it`,
  )
} finally {
  for (const c of clients) c.destroy()
  server.child.kill('SIGTERM')
  await server.exited
  fs.rmSync(dataDir, { recursive: true, force: true })
}
