/**
 * Updates lost on `kill -9`: a writer streams edits, an observer records what it receives, the
 * server process is killed with SIGKILL, restarted on the same data, and a fresh client reads the
 * room back. Counted: card edits the observer had received that the restarted server lacks.
 */
import * as Y from 'yjs'
import { openClient } from './clients.ts'
import { type RunningPeer, restartPeer, type ServerKind, startPeer, stopPeer } from './servers.ts'

function connect(peer: RunningPeer, room: string) {
  const doc = new Y.Doc()
  const client = openClient(peer, room, doc)
  return { doc, provider: client, synced: client.synced }
}

export async function killNineLoss(kind: ServerKind): Promise<{ seen: number; lost: number }> {
  const first = await startPeer(kind, { rooms: 1 })
  const room = first.rooms[0] as string
  const writer = connect(first, room)
  const observer = connect(first, room)
  await Promise.all([writer.synced, observer.synced])
  // Cards in `notes`, the board shape every server here accepts (Ratswerkstatt refuses other roots).
  const notes = writer.doc.getMap<Y.Map<unknown>>('notes')
  let i = 0
  const stream = setInterval(() => {
    writer.doc.transact(() => {
      for (let k = 0; k < 5; k++, i++) {
        const card = new Y.Map<unknown>()
        card.set('x', i)
        notes.set(`e${i}`, card)
      }
    })
  }, 5)
  await new Promise((r) => setTimeout(r, 3000))
  await stopPeer(first, 'SIGKILL')
  clearInterval(stream)
  const seen = [...observer.doc.getMap('notes').keys()]
  writer.provider.destroy()
  observer.provider.destroy()

  const second = await restartPeer(first)
  try {
    const reader = connect(second, room)
    await Promise.race([reader.synced, new Promise((r) => setTimeout(r, 10_000))])
    await new Promise((r) => setTimeout(r, 500))
    const restored = reader.doc.getMap('notes')
    const lost = seen.filter((key) => !restored.has(key)).length
    reader.provider.destroy()
    return { seen: seen.length, lost }
  } finally {
    await stopPeer(second)
  }
}
