/**
 * Propagation time of one update between two real y-websocket clients through a Ratswerkstatt
 * server running as its own process (durable writes on: WAL, synchronous=FULL).
 *
 *   npx tsx bench/propagation.ts [updates=500]
 *
 * Two paths: a facilitator's board edit reaching another screen, and a citizen's desk edit
 * reaching the board after validation and projection. Updates are sent one at a time, 5 ms
 * apart, so the figures are latency, not throughput.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type * as Y from 'yjs'
import { addCard, moveCard } from '../shared/board/card-ops.ts'
import { notesOf } from '../shared/board/schema.ts'
import { createWorkshop, joinAsGuest, setupFacilitator } from '../tests/support/api.ts'
import { spawnServer } from '../tests/support/server-process.ts'
import { connectClient, waitFor, waitSynced } from '../tests/support/sync-client.ts'

const UPDATES = Number(process.argv[2] ?? 500)

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

function summary(name: string, samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const fmt = (n: number) => n.toFixed(2).padStart(7)
  console.log(
    `${name.padEnd(34)} n=${String(samples.length).padStart(4)}  p50 ${fmt(percentile(sorted, 50))} ms  p99 ${fmt(percentile(sorted, 99))} ms  max ${fmt(sorted.at(-1) ?? Number.NaN)} ms`,
  )
}

async function measure(
  writerDoc: Y.Doc,
  readerDoc: Y.Doc,
  cardId: string,
  write: (i: number) => void,
): Promise<number[]> {
  const samples: number[] = []
  let expected = -1
  let sentAt = 0
  let resolveOne: (() => void) | null = null
  readerDoc.on('update', () => {
    const x = notesOf(readerDoc).get(cardId)?.get('x')
    if (x === expected && resolveOne) {
      samples.push(performance.now() - sentAt)
      const r = resolveOne
      resolveOne = null
      r()
    }
  })
  for (let i = 1; i <= UPDATES; i++) {
    expected = i
    const arrived = new Promise<void>((resolve) => {
      resolveOne = resolve
    })
    sentAt = performance.now()
    write(i)
    await Promise.race([arrived, new Promise((r) => setTimeout(r, 2000))])
    await new Promise((r) => setTimeout(r, 5))
  }
  void writerDoc
  return samples
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-'))
const server = await spawnServer(dataDir)
try {
  const token = await setupFacilitator(server.url)
  const { id, joinCode } = await createWorkshop(server.url, token)
  const guest = await joinAsGuest(server.url, joinCode, 'Anna')
  const facilitatorA = connectClient(server.url, id, token)
  const facilitatorB = connectClient(server.url, id, token)
  const desk = connectClient(server.url, `${id}/desk`, guest.token)
  await Promise.all([waitSynced(facilitatorA), waitSynced(facilitatorB), waitSynced(desk)])

  addCard(facilitatorA.doc, 'board-card', { text: 'Board', x: 0, y: 0, color: 'yellow' })
  addCard(desk.doc, 'desk-card', { text: 'Desk', x: 0, y: 0, color: 'pink' })
  await waitFor(
    () => !!notesOf(facilitatorB.doc).get('board-card') && !!notesOf(facilitatorB.doc).get('desk-card'),
  )

  console.log(
    `Ratswerkstatt propagation, ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`,
  )
  const board = await measure(facilitatorA.doc, facilitatorB.doc, 'board-card', (i) =>
    moveCard(facilitatorA.doc, 'board-card', i, i),
  )
  summary('facilitator edit → other screen', board)
  const projected = await measure(desk.doc, facilitatorB.doc, 'desk-card', (i) =>
    moveCard(desk.doc, 'desk-card', i, i),
  )
  summary('citizen desk edit → board screen', projected)
  const lost = 2 * UPDATES - board.length - projected.length
  console.log(`delivered ${board.length + projected.length}/${2 * UPDATES} (${lost} missing)`)
  for (const c of [facilitatorA, facilitatorB, desk]) c.destroy()
} finally {
  server.child.kill('SIGTERM')
  await server.exited
  fs.rmSync(dataDir, { recursive: true, force: true })
}
