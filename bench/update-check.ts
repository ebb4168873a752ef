/**
 * What checking an incoming update costs before it touches a room, per update, on a board of
 * 1,000 cards: applying it unchecked (what the reference server does), the old check (apply to an
 * empty scratch document, re-encode, decode again), and the inspection against the room that
 * replaced it. Same updates, same order, one run; each timed as the median of several passes.
 *
 *   npx tsx bench/update-check.ts [updates=5000]
 */
import * as Y from 'yjs'
import { inspectUpdate } from '../server/sync/inspect-update.ts'
import { addCard, moveCard, setCardText } from '../shared/board/card-ops.ts'

const UPDATES = Number(process.argv[2] ?? 5000)
const PASSES = 5

function board(): Y.Doc {
  const doc = new Y.Doc()
  for (let i = 0; i < 1000; i++) addCard(doc, `c${i}`, { text: `Karte ${i}`, x: i, y: i, color: 'yellow' })
  return doc
}

/** The edits a session sends: moves, typing, new cards, in the shares seen in the soak. */
function edits(base: Y.Doc): Uint8Array[] {
  const peer = new Y.Doc()
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(base))
  const updates: Uint8Array[] = []
  peer.on('update', (update: Uint8Array) => updates.push(update))
  for (let i = 0; i < UPDATES; i++) {
    const card = `c${i % 1000}`
    if (i % 10 < 7) moveCard(peer, card, i, i + 1)
    else if (i % 10 < 9) setCardText(peer, card, `Karte ${i} geändert`)
    else addCard(peer, `n${i}`, { text: 'Neu', x: 0, y: 0, color: 'pink' })
  }
  return updates
}

/** The check this server used until 0.4.0. */
function scratchCheck(update: Uint8Array): Uint8Array {
  const scratch = new Y.Doc({ gc: false, guid: 'scratch' })
  try {
    Y.applyUpdate(scratch, update)
    const reencoded = Y.encodeStateAsUpdate(scratch)
    Y.decodeUpdate(reencoded)
    return reencoded
  } finally {
    scratch.destroy()
  }
}

const variants: Record<string, (room: Y.Doc, update: Uint8Array) => void> = {
  'apply unchecked (reference)': (room, update) => Y.applyUpdate(room, update),
  'scratch document + apply (old)': (room, update) => Y.applyUpdate(room, scratchCheck(update)),
  'inspect against room + apply (now)': (room, update) => {
    const result = inspectUpdate(room, update)
    if (!result.ok) throw new Error(result.error)
    Y.applyUpdate(room, update)
  },
}

const base = board()
const updates = edits(base)
const snapshot = Y.encodeStateAsUpdate(base)
console.log(`Update check, ${updates.length} updates on a board of 1,000 cards, Node ${process.version}`)
console.log('variant                              | µs per update (median of 5 passes)')
for (const [name, run] of Object.entries(variants)) {
  const perUpdate: number[] = []
  for (let pass = 0; pass < PASSES; pass++) {
    const room = new Y.Doc()
    Y.applyUpdate(room, snapshot)
    const started = performance.now()
    for (const update of updates) run(room, update)
    perUpdate.push(((performance.now() - started) * 1000) / updates.length)
  }
  perUpdate.sort((a, b) => a - b)
  console.log(`${name.padEnd(36)} | ${(perUpdate[2] as number).toFixed(1)}`)
}
