/**
 * Memory of an idle room and of a room after everyone left: the server's resident memory with
 * no room, with 20 idle clients in a room of 2,000 cards, and 5, 20 and 60 seconds after they
 * all left (Ratswerkstatt unloads an unused room after 15 s).
 */
import * as Y from 'yjs'
import { type BenchClient, openClient } from './clients.ts'
import { processStats, type RunningPeer } from './servers.ts'
import { sleep } from './stats.ts'

export interface IdleMemory {
  baseMiB: number
  idleRoomMiB: number
  afterLeaving: { seconds: number; rssMiB: number }[]
}

export async function idleMemory(peer: RunningPeer, cards: number): Promise<IdleMemory> {
  const room = peer.rooms[0] as string
  await sleep(2000)
  const baseMiB = processStats(peer.pid).rssMiB
  const docs = Array.from({ length: 20 }, () => new Y.Doc())
  const clients: BenchClient[] = docs.map((doc) => openClient(peer, room, doc))
  await Promise.all(clients.map((c) => c.synced))
  const writer = docs[0] as Y.Doc
  const notes = writer.getMap<Y.Map<unknown>>('notes')
  for (let i = 0; i < cards; i += 100) {
    writer.transact(() => {
      for (let k = i; k < Math.min(cards, i + 100); k++) {
        const card = new Y.Map<unknown>()
        card.set('text', `Idee ${k}`)
        card.set('x', k)
        notes.set(`c${k}`, card)
      }
    })
    await sleep(10)
  }
  while ((docs.at(-1) as Y.Doc).getMap('notes').size < cards) await sleep(50)
  await sleep(10_000)
  const idleRoomMiB = processStats(peer.pid).rssMiB
  for (const c of clients) c.destroy()
  const afterLeaving: IdleMemory['afterLeaving'] = []
  let waited = 0
  for (const seconds of [5, 20, 60]) {
    await sleep((seconds - waited) * 1000)
    waited = seconds
    afterLeaving.push({ seconds, rssMiB: processStats(peer.pid).rssMiB })
  }
  return { baseMiB, idleRoomMiB, afterLeaving }
}
