/**
 * Protocol fuzzing, short version (the long one is bench/fuzz.ts): thousands of hostile frames
 * from facilitator and participant connections. The process never dies, another workshop never
 * notices, and the fuzzed room still loads and syncs for a late joiner.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard } from '../../shared/board/card-ops.ts'
import { readCards } from '../../shared/board/schema.ts'
import { call, createWorkshop, joinAsGuest } from '../support/api.ts'
import { frameBudget, runFuzzer } from '../support/fuzz-frames.ts'
import { useSyncHarness } from '../support/harness.ts'
import { openRaw, syncMessage } from '../support/raw-client.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()
const FRAMES = 2000

describe('protocol fuzzing', () => {
  it(`survives ${FRAMES} hostile frames without harm to other rooms`, async () => {
    const { server, token, id, facilitator } = await h.world({
      sync: { admissionPerSecond: 5000, admissionBurst: 5000 },
    })
    const fuzzed = await createWorkshop(server.url, token, 'Zielscheibe')
    const guest = await joinAsGuest(server.url, fuzzed.joinCode, 'Fuzzer')
    const closes = new Map<number, number>()
    const budget = frameBudget(FRAMES)
    const target = { url: server.url, workshopId: fuzzed.id, tokens: [guest.token, guest.token, token] }
    await runFuzzer(target, 20261125, budget, closes, async (closed) => {
      for (let tick = 0; tick < 3 && !closed; tick++) await new Promise((r) => setImmediate(r))
    })
    const sent = budget.sent()

    // Another workshop carries on.
    addCard(facilitator.doc, 'alive', { text: 'noch da', x: 0, y: 0, color: 'green' })
    const witness = h.client(id, token)
    await waitSynced(witness)
    await waitFor(() => readCards(witness.doc).some((c) => c.id === 'alive'), 5000, 'the other workshop')
    expect((await call(server.url, 'GET', '/api/health')).status).toBe(200)

    // The fuzzed room still encodes and syncs for a late joiner.
    const late = await openRaw(server.url, fuzzed.id, { token })
    late.send(syncMessage(0, Y.encodeStateVector(new Y.Doc())))
    await waitFor(() => late.frames.length >= 2, 5000, 'a full sync of the fuzzed room')
    const room = server.deps.sync.registry.get(fuzzed.id)
    if (room) expect(() => Y.encodeStateAsUpdate(room.doc)).not.toThrow()
    console.log(
      `fuzzing: ${sent} frames, ${[...closes.values()].reduce((a, b) => a + b, 0)} connections closed (${[
        ...closes,
      ]
        .map(([code, n]) => `${code}×${n}`)
        .join(', ')}), 0 crashes`,
    )
  })
})
