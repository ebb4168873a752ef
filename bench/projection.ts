/**
 * The cost of projecting a desk update onto the board, measured in-process with real SQLite:
 * the same edits applied once through a participant's desk (validated, checked, copied to the
 * board) and once straight to the board (the facilitator's path). The difference is what the
 * projection costs per update.
 *
 *   npx tsx bench/projection.ts [updates=5000] [boardCards=1000]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { openDatabase } from '../server/db/open-database.ts'
import { SqliteSqlDatabase } from '../server/db/sqlite-sql.ts'
import { createLogger } from '../server/logger.ts'
import { fixedOwners } from '../server/sync/owner-lookup.ts'
import { SyncServer } from '../server/sync/sync-server.ts'
import { addCard, moveCard, setCardText } from '../shared/board/card-ops.ts'

const UPDATES = Number(process.argv[2] ?? 5000)
const BOARD_CARDS = Number(process.argv[3] ?? 1000)
const PEER = Symbol('peer')

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-'))
const owner = { participantId: 'anna', name: 'Anna', role: 'citizen' as const }
const db = openDatabase(dir)
const sync = new SyncServer(
  new SqliteSqlDatabase(db),
  fixedOwners((id) => (id === 'anna' ? owner : null)),
  createLogger('silent'),
)
await sync.rooms.ledger.load('w')

async function timeEdits(doc: Y.Doc, cardId: string): Promise<number> {
  // Updates arrive from a connection: encode each edit on a twin doc, apply it as a peer would.
  const twin = new Y.Doc()
  Y.applyUpdate(twin, Y.encodeStateAsUpdate(doc))
  const updates: Uint8Array[] = []
  twin.on('update', (u: Uint8Array) => updates.push(u))
  for (let i = 1; i <= UPDATES; i++) {
    if (i % 4 === 0) setCardText(twin, cardId, `Idee Nummer ${i}`)
    else moveCard(twin, cardId, i, i)
  }
  const started = performance.now()
  for (const update of updates) Y.applyUpdate(doc, update, PEER)
  const elapsed = performance.now() - started
  await sync.writer.drained()
  return (elapsed / updates.length) * 1000
}

try {
  const board = await sync.rooms.openBoard('w')
  for (let i = 0; i < BOARD_CARDS; i++)
    addCard(board.doc, `f${i}`, { text: `Karte ${i}`, x: i, y: i, color: 'blue' })
  addCard(board.doc, 'direct', { text: 'direkt', x: 0, y: 0, color: 'yellow' })
  const desk = await sync.rooms.openDesk('w', 'anna')
  desk.doc.transact(
    () => addCard(desk.doc, 'projected', { text: 'über den Schreibtisch', x: 0, y: 0, color: 'pink' }),
    PEER,
  )
  await sync.writer.drained()

  const direct = await timeEdits(board.doc, 'direct')
  const projected = await timeEdits(desk.doc, 'projected')
  console.log(
    `Desk projection cost, ${UPDATES} updates, board of ${BOARD_CARDS} cards, Node ${process.version}`,
  )
  console.log(`  straight to the board (facilitator):     ${direct.toFixed(1).padStart(6)} µs per update`)
  console.log(`  through the desk, validated + projected: ${projected.toFixed(1).padStart(6)} µs per update`)
  console.log(
    `  projection overhead:                     ${(projected - direct).toFixed(1).padStart(6)} µs per update`,
  )
} finally {
  await sync.close()
  fs.rmSync(dir, { recursive: true, force: true })
}
