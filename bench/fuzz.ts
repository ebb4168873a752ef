/**
 * Protocol fuzzing, long version: hostile frames from parallel connections against a server
 * running as its own process. Prints frames sent, connections closed by code, whether the process
 * survived, whether another workshop kept working, and the server's memory before and after.
 *
 *   npx tsx bench/fuzz.ts [frames=100000] [parallel=8]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { addCard } from '../shared/board/card-ops.ts'
import { readCards } from '../shared/board/schema.ts'
import { call, createWorkshop, joinAsGuest, setupFacilitator } from '../tests/support/api.ts'
import { frameBudget, runFuzzer } from '../tests/support/fuzz-frames.ts'
import { openRaw, syncMessage } from '../tests/support/raw-client.ts'
import { processStats, spawnServer } from '../tests/support/server-process.ts'
import { connectClient, waitFor, waitSynced } from '../tests/support/sync-client.ts'

const FRAMES = Number(process.argv[2] ?? 100_000)
const PARALLEL = Number(process.argv[3] ?? 8)

const rssMiB = (pid: number) => processStats(pid).rssMiB

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-fuzz-'))
const server = await spawnServer(dataDir, { ADMISSION_PER_SECOND: '100000', ADMISSION_BURST: '100000' })
const pid = server.child.pid ?? 0
let exitedEarly = false
void server.exited.then(() => {
  exitedEarly = true
})
try {
  const token = await setupFacilitator(server.url)
  const witnessWs = await createWorkshop(server.url, token, 'Zeuge')
  const target = await createWorkshop(server.url, token, 'Ziel')
  const guest = await joinAsGuest(server.url, target.joinCode, 'Fuzzer')
  const witness = connectClient(server.url, witnessWs.id, token)
  await waitSynced(witness)
  const before = rssMiB(pid)
  const started = performance.now()
  const closes = new Map<number, number>()
  const budget = frameBudget(FRAMES)
  const fuzzTarget = { url: server.url, workshopId: target.id, tokens: [guest.token, guest.token, token] }
  await Promise.all(
    Array.from({ length: PARALLEL }, (_, i) =>
      runFuzzer(
        fuzzTarget,
        1000 + i,
        { take: () => !exitedEarly && budget.take() },
        closes,
        (closed) => new Promise((r) => setTimeout(r, closed ? 0 : 1)),
      ),
    ),
  )
  const sent = budget.sent()
  const seconds = (performance.now() - started) / 1000

  addCard(witness.doc, 'alive', { text: 'noch da', x: 0, y: 0, color: 'green' })
  const reader = connectClient(server.url, witnessWs.id, token)
  await waitSynced(reader)
  await waitFor(() => readCards(reader.doc).some((c) => c.id === 'alive'), 10_000, 'witness')
  const late = await openRaw(server.url, target.id, { token })
  late.send(syncMessage(0, Y.encodeStateVector(new Y.Doc())))
  await waitFor(() => late.frames.length >= 2, 10_000, 'full sync of the fuzzed room')
  const health = await call(server.url, 'GET', '/api/health')
  // The fuzzed room unloads 15 s after its last connection; the witness stays as at the start.
  late.ws.close()
  reader.destroy()
  const after: string[] = []
  let waited = 0
  for (const seconds of [20, 60, 90]) {
    await new Promise((r) => setTimeout(r, (seconds - waited) * 1000))
    waited = seconds
    after.push(`${rssMiB(pid)} MiB at +${seconds} s`)
  }

  console.log(
    `Protocol fuzzing, ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} cores`,
  )
  console.log(
    `  frames sent:          ${sent} in ${seconds.toFixed(1)} s from ${PARALLEL} parallel connections`,
  )
  console.log(`  connections closed:   ${[...closes].map(([c, n]) => `${c}×${n}`).join(', ')}`)
  console.log(`  server crashes:       ${exitedEarly ? 1 : 0}; health ${health.status}`)
  console.log('  other workshop:       kept syncing; fuzzed room: late joiner synced in full')
  console.log(`  server RSS:           ${before} MiB before, ${after.join(', ')}`)
  witness.destroy()
} finally {
  server.child.kill('SIGTERM')
  await server.exited
  fs.rmSync(dataDir, { recursive: true, force: true })
}
