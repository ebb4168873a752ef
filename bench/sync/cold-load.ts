/**
 * Loading a big room: 5,000 cards are written and confirmed by an observer, the server is killed
 * with SIGKILL and restarted on its data, and a new client joins (cold: the room comes from
 * storage); then a second client joins while the room is in memory (warm). Timed from opening the
 * socket to the provider's first `sync`; the cards present at that moment are counted, so a
 * server that reports "synced" before the content is there shows it.
 */
import * as Y from 'yjs'
import { openClient } from './clients.ts'
import { type RunningPeer, restartPeer, type ServerKind, startPeer, stopPeer } from './servers.ts'
import { sleep } from './stats.ts'

export interface LoadTimes {
  cards: number
  coldMs: number
  cardsAtColdSync: number
  /** Cards the cold joiner has 2 s after its sync: tells content lost from content late. */
  cardsLater: number
  warmMs: number
  cardsAtWarmSync: number
}

async function timedJoin(peer: RunningPeer, room: string) {
  const doc = new Y.Doc()
  const started = performance.now()
  const client = openClient(peer, room, doc)
  await Promise.race([client.synced, sleep(20_000)])
  const ms = performance.now() - started
  return { ms, cards: doc.getMap('notes').size, client, doc }
}

export async function coldLoad(kind: ServerKind, cards: number): Promise<LoadTimes> {
  const first = await startPeer(kind, { rooms: 1 })
  const room = first.rooms[0] as string
  const writerDoc = new Y.Doc()
  const writer = openClient(first, room, writerDoc)
  const observerDoc = new Y.Doc()
  const observer = openClient(first, room, observerDoc)
  await Promise.all([writer.synced, observer.synced])
  const notes = writerDoc.getMap<Y.Map<unknown>>('notes')
  for (let i = 0; i < cards; i += 100) {
    writerDoc.transact(() => {
      for (let k = i; k < Math.min(cards, i + 100); k++) {
        const card = new Y.Map<unknown>()
        card.set('text', `Idee Nummer ${k}: mehr Bänke am Marktplatz`)
        card.set('x', (k % 100) * 220)
        card.set('y', Math.floor(k / 100) * 160)
        card.set('color', 'yellow')
        notes.set(`card-${k}`, card)
      }
    })
    await sleep(10)
  }
  const deadline = Date.now() + 30_000
  while (observerDoc.getMap('notes').size < cards && Date.now() < deadline) await sleep(50)
  // Let debounced stores (Hocuspocus) and LevelDB writes settle: this measures loading, not loss.
  await sleep(3000)
  await stopPeer(first, 'SIGKILL')
  writer.destroy()
  observer.destroy()

  const second = await restartPeer(first)
  try {
    const cold = await timedJoin(second, room)
    await sleep(2000)
    const cardsLater = cold.doc.getMap('notes').size
    const warm = await timedJoin(second, room)
    cold.client.destroy()
    warm.client.destroy()
    return {
      cards,
      coldMs: cold.ms,
      cardsAtColdSync: cold.cards,
      cardsLater,
      warmMs: warm.ms,
      cardsAtWarmSync: warm.cards,
    }
  } finally {
    await stopPeer(second)
  }
}
