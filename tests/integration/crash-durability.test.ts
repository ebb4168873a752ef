/**
 * Durability under `kill -9`: a server process is killed while ten facilitators stream edits.
 * Whatever any client had received from the others before the kill must be in the restored
 * room, and the writers, reconnecting, converge with the restarted server. Both commit paths.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, setCardText } from '../../shared/board/card-ops.ts'
import { readCards } from '../../shared/board/schema.ts'
import { createWorkshop, setupFacilitator } from '../support/api.ts'
import { useServerProcesses } from '../support/server-processes.ts'
import { connectClient, waitFor, waitSynced } from '../support/sync-client.ts'

const servers = useServerProcesses()

/** True when `doc` has everything `seen` received from others (`own` is the client's own id). */
function containsReceived(doc: Y.Doc, seen: Y.Doc, own: number | null = null): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc))
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(seen))) {
    if (client !== own && (have.get(client) ?? 0) < clock) return false
  }
  return true
}

const WRITERS = 10

describe.each(['on', 'off'])('kill -9 during editing (commit thread %s)', (commitThread) => {
  it(`loses nothing that any of ${WRITERS} writers or an observer had received`, async () => {
    const env = { COMMIT_THREAD: commitThread }
    const first = await servers.spawn(env)
    const token = await setupFacilitator(first.url)
    const { id } = await createWorkshop(first.url, token)
    const writers = Array.from({ length: WRITERS }, () => connectClient(first.url, id, token))
    const observer = connectClient(first.url, id, token)
    servers.track(...writers, observer)
    await Promise.all([...writers, observer].map((c) => waitSynced(c)))

    let i = 0
    const stream = setInterval(() => {
      writers.forEach((writer, w) => {
        addCard(writer.doc, `w${w}-${i}`, { text: `Karte ${i}`, x: i, y: w, color: 'yellow' })
        if (i > 0) setCardText(writer.doc, `w${w}-${i - 1}`, `Karte ${i - 1} überarbeitet`)
      })
      i++
    }, 5)
    await waitFor(() => readCards(observer.doc).length >= 300, 15_000, 'observer to receive a stream')
    first.child.kill('SIGKILL')
    await first.exited
    clearInterval(stream)
    // Freeze what every client had when the server died.
    const frozen = [...writers, observer].map((client) => {
      const copy = new Y.Doc()
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc))
      return { copy, own: client === observer ? null : client.doc.clientID }
    })
    for (const c of [...writers, observer]) c.provider.disconnect()

    // Restart on the same data (the port changes, so the writers reconnect by hand below).
    const second = await servers.spawn(env)
    const restored = connectClient(second.url, id, token)
    servers.track(restored)
    await waitSynced(restored, 10_000)
    const lostBy = frozen.filter(({ copy, own }) => !containsReceived(restored.doc, copy, own))
    console.log(
      `kill -9 (commit thread ${commitThread}): ${WRITERS} writers, the observer had ${readCards(frozen.at(-1)?.copy as Y.Doc).length} cards; clients missing something after restart: ${lostBy.length}`,
    )
    expect(lostBy).toHaveLength(0)
    expect(readCards(restored.doc).length).toBeGreaterThanOrEqual(
      readCards(frozen.at(-1)?.copy as Y.Doc).length,
    )

    // Each writer's own unsent edits arrive when it reconnects: everyone converges.
    const rejoined = writers.map((w) => connectClient(second.url, id, token, { doc: w.doc }))
    servers.track(...rejoined)
    await Promise.all(rejoined.map((c) => waitSynced(c, 10_000)))
    await waitFor(
      () =>
        rejoined.every((c) => containsReceived(restored.doc, c.doc) && containsReceived(c.doc, restored.doc)),
      10_000,
      'convergence after reconnect',
    )
    for (const c of rejoined) expect(readCards(c.doc)).toEqual(readCards(restored.doc))
  }, 40_000)
})
