/**
 * What answering a sync step 1 costs in a room of N cards (each added, moved and edited once):
 * encoding the answer from the document, as the server did for every step 1, against the
 * room's answer cache (server/sync/sync-answers.ts), which encodes each state vector once per
 * room state. Usage: npx tsx bench/step1-answer.ts [cards]
 */
import * as Y from 'yjs'
import { encodeSyncStep2 } from '../server/sync/protocol.ts'
import { SyncAnswers } from '../server/sync/sync-answers.ts'
import { addCard, moveCard, setCardText } from '../shared/board/card-ops.ts'

const N = Number(process.argv[2] ?? 3000)
const doc = new Y.Doc()
for (let i = 0; i < N; i++)
  addCard(doc, `c${i}`, { text: `Karte ${i} mit etwas Text`, x: i, y: i, color: 'yellow' })
const halfway = Y.encodeStateVector(doc)
for (let i = 0; i < N; i++) {
  moveCard(doc, `c${i}`, i + 1, i + 2)
  setCardText(doc, `c${i}`, `Karte ${i} überarbeitet`)
}
const vectors = {
  'joiner (empty state vector)': Y.encodeStateVector(new Y.Doc()),
  'peer up to date': Y.encodeStateVector(doc),
  'peer half a session behind': halfway,
}

function perCall(fn: () => unknown, reps: number): number {
  fn()
  const t = performance.now()
  for (let i = 0; i < reps; i++) fn()
  return (performance.now() - t) / reps
}

console.log(`room: ${N} cards, ${(Y.encodeStateAsUpdate(doc).length / 1024).toFixed(0)} KiB`)
for (const [label, sv] of Object.entries(vectors)) {
  const encoded = perCall(() => encodeSyncStep2(Y.encodeStateAsUpdate(doc, sv)), 30)
  const answers = new SyncAnswers()
  const cached = perCall(
    () => answers.answer(sv, () => encodeSyncStep2(Y.encodeStateAsUpdate(doc, sv))),
    10_000,
  )
  console.log(
    `${label}: encoded each time ${encoded.toFixed(3)} ms, from the cache ${(cached * 1000).toFixed(1)} µs`,
  )
}
