/**
 * Updates a second from one writer: the writer sends a run of card moves as fast as its socket
 * takes them, an observer in the same room times the run from first send to last arrival. For
 * Ratswerkstatt each arrival means the update was committed first; the peers relay before (or
 * without) storing.
 */
import * as Y from 'yjs'
import { openClient } from './clients.ts'
import type { RunningPeer } from './servers.ts'
import { sleep } from './stats.ts'

export async function persistRate(
  peer: RunningPeer,
  updates: number,
): Promise<{ perSecond: number; arrived: number }> {
  const room = peer.rooms[0] as string
  const writerDoc = new Y.Doc()
  const observerDoc = new Y.Doc()
  const writer = openClient(peer, room, writerDoc)
  const observer = openClient(peer, room, observerDoc)
  await Promise.all([writer.synced, observer.synced])
  const card = new Y.Map<unknown>()
  card.set('x', 0)
  writerDoc.getMap('notes').set('runner', card)
  while (!observerDoc.getMap('notes').has('runner')) await sleep(10)
  let last = 0
  let doneAt = 0
  observerDoc.on('update', () => {
    const x = (observerDoc.getMap<Y.Map<unknown>>('notes').get('runner')?.get('x') as number) ?? 0
    last = x
    if (x === updates) doneAt = performance.now()
  })
  const started = performance.now()
  // One update per message, sent in slices so the writer's own loop keeps breathing.
  for (let i = 1; i <= updates; i++) {
    card.set('x', i)
    if (i % 500 === 0) await sleep(0)
  }
  const deadline = Date.now() + 60_000
  while (doneAt === 0 && Date.now() < deadline) await sleep(5)
  writer.destroy()
  observer.destroy()
  const elapsed = (doneAt || performance.now()) - started
  return { perSecond: (last / elapsed) * 1000, arrived: last }
}
