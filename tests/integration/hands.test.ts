/**
 * Raised hands against a real server: raising and lowering keep the order, observers and
 * citizens cannot do what is not theirs, the facilitator calls speakers in order, the queue root
 * `hands` is the server's alone (a facilitator's board connection cannot write it), and the
 * speaking times reach SQLite and the minutes in every format.
 */
import { describe, expect, it } from 'vitest'
import type { HandsResponse } from '../../shared/api/contract.ts'
import { setFacilitation } from '../../shared/board/facilitation.ts'
import type { HandEntry, HandsState } from '../../shared/board/hands.ts'
import { handsOf, readHands } from '../../shared/board/hands.ts'
import { CLOSE } from '../../shared/protocol/close-codes.ts'
import { call, joinAsGuest } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** The field names of a contract type, complete by construction (as in http-contract.test.ts). */
const fields =
  <T>() =>
  (names: Record<keyof T, true>): string[] =>
    Object.keys(names).sort()
const keys = (value: unknown) => Object.keys(value as object).sort()

describe('raised hands', () => {
  it('queues hands in order, calls them one by one and records the speaking times in the minutes', async () => {
    const { server, token, id, joinCode, facilitator } = await h.world()
    const anna = await joinAsGuest(server.url, joinCode, 'Anna')
    const bert = await joinAsGuest(server.url, joinCode, 'Bert')
    const press = await joinAsGuest(server.url, joinCode, 'Presse', 'observer')
    const hands = (body: unknown, who: string) =>
      call(server.url, 'POST', `/api/workshops/${id}/hands`, body, who)
    const names = () => readHands(facilitator.doc).queue.map((e) => e.name)

    expect((await hands({ raised: true }, anna.token)).status).toBe(200)
    await pause(5)
    const second = await hands({ raised: true }, bert.token)
    expect(second.status).toBe(200)
    expect(keys(second.json)).toEqual(fields<HandsResponse>()({ hands: true, now: true }))
    expect(keys(second.json.hands)).toEqual(fields<HandsState>()({ queue: true, speaker: true }))
    expect(keys(second.json.hands.queue[0])).toEqual(
      fields<Omit<HandEntry, 'for'>>()({
        id: true,
        participantId: true,
        name: true,
        role: true,
        raisedAt: true,
      }),
    )
    expect(second.json.hands.queue.map((e: { name: string }) => e.name)).toEqual(['Anna', 'Bert'])
    // Raising again keeps one's place; lowering and raising again goes to the back.
    await hands({ raised: true }, anna.token)
    await hands({ raised: false }, anna.token)
    await pause(5)
    await hands({ raised: true }, anna.token)
    await waitFor(() => names().join() === 'Bert,Anna', 3000, 'queue on the board')
    const [bertEntry] = readHands(facilitator.doc).queue
    expect(bertEntry).toMatchObject({ participantId: bert.participantId, role: 'citizen' })
    expect(bertEntry?.for).toBeUndefined()

    // Observers cannot ask for the floor; citizens cannot raise hands for others; neither calls.
    const observer = await hands({ raised: true }, press.token)
    expect(observer.status).toBe(403)
    const proxy = await hands({ raised: true, for: 'Frau Meier' }, anna.token)
    expect(proxy.status).toBe(403)
    expect(
      (await call(server.url, 'POST', `/api/workshops/${id}/hands/next`, undefined, bert.token)).status,
    ).toBe(403)
    expect(
      (await call(server.url, 'POST', `/api/workshops/${id}/hands/done`, undefined, bert.token)).status,
    ).toBe(403)
    // Bad input changes nothing.
    expect((await hands({ raised: true, for: 'x'.repeat(41) }, token)).status).toBe(400)
    expect((await hands({ raised: true, group: 'staff' }, token)).status).toBe(400)
    expect((await hands({ raised: true, for: '   ' }, token)).status).toBe(400)
    expect((await hands({ raised: 'yes' }, bert.token)).status).toBe(400)

    // The facilitator raises a hand for someone in the room without a device.
    const forSchulz = await hands({ raised: true, for: ' Herr  Schulz ', group: 'councillor' }, token)
    expect(forSchulz.status).toBe(200)
    await waitFor(() => names().join() === 'Bert,Anna,Herr Schulz', 3000, 'proxy hand on the board')
    expect(readHands(facilitator.doc).queue[2]).toMatchObject({
      participantId: null,
      role: 'councillor',
      for: true,
    })
    expect(names()).not.toContain('Presse')

    // Taking one entry down by its id: a facilitator may, a citizen may not; an unknown id changes nothing.
    await hands({ raised: true, for: 'Frau Meier' }, token)
    const meier = (await server.deps.sync.readBoard(id, readHands)).queue.find((e) => e.name === 'Frau Meier')
    expect((await hands({ raised: false, id: meier?.id }, anna.token)).status).toBe(403)
    expect((await hands({ raised: true, id: meier?.id }, token)).status).toBe(400)
    expect((await hands({ raised: false, id: 'unbekannt' }, token)).status).toBe(200)
    const lowered = await hands({ raised: false, id: meier?.id }, token)
    expect(lowered.json.hands.queue.map((e: { name: string }) => e.name)).toEqual([
      'Bert',
      'Anna',
      'Herr Schulz',
    ])

    // Someone removed while waiting is skipped when called, and leaves the queue.
    const carla = await joinAsGuest(server.url, joinCode, 'Carla')
    await pause(5)
    const carlaRaised = await hands({ raised: true }, carla.token)
    expect(carlaRaised.json.hands.queue.map((e: { name: string }) => e.name).at(-1)).toBe('Carla')
    expect(
      (
        await call(
          server.url,
          'DELETE',
          `/api/workshops/${id}/participants/${carla.participantId}`,
          undefined,
          token,
        )
      ).status,
    ).toBe(204)

    // Called in order: each next ends the previous speaker's time.
    const next = () => call(server.url, 'POST', `/api/workshops/${id}/hands/next`, undefined, token)
    const first = await next()
    expect(first.status).toBe(200)
    expect(first.json.hands.speaker).toMatchObject({ name: 'Bert', since: first.json.now })
    expect(first.json.hands.queue.map((e: { name: string }) => e.name)).toEqual(['Anna', 'Herr Schulz'])
    await pause(30)
    expect((await next()).json.hands.speaker.name).toBe('Anna')
    await pause(30)
    expect((await next()).json.hands.speaker.name).toBe('Herr Schulz')
    await waitFor(
      () => readHands(facilitator.doc).speaker?.name === 'Herr Schulz',
      3000,
      'speaker on the board',
    )
    const done = await call(server.url, 'POST', `/api/workshops/${id}/hands/done`, undefined, token)
    expect(done.json.hands).toEqual({ queue: [], speaker: null })
    // Next with an empty queue ends nothing more and calls nobody.
    expect((await next()).json.hands).toEqual({ queue: [], speaker: null })
    await waitFor(() => readHands(facilitator.doc).speaker === null, 3000, 'no speaker on the board')

    const rows = (await server.deps.sql.all(
      'SELECT name, role, on_behalf, started_at, ended_at, duration_ms FROM speaking_times ORDER BY started_at',
    )) as {
      name: string
      role: string
      on_behalf: number
      started_at: number
      ended_at: number
      duration_ms: number
    }[]
    expect(rows.map((r) => [r.name, r.role, r.on_behalf])).toEqual([
      ['Bert', 'citizen', 0],
      ['Anna', 'citizen', 0],
      ['Herr Schulz', 'councillor', 1],
    ])
    for (const r of rows) {
      expect(r.ended_at).toBeGreaterThanOrEqual(r.started_at)
      expect(r.duration_ms).toBe(r.ended_at - r.started_at)
    }
    expect(rows[0]?.ended_at).toBe(rows[1]?.started_at)
    expect(rows[0]?.duration_ms).toBeGreaterThanOrEqual(25)

    await waitFor(() => server.deps.sync.writer.idle)
    expect(
      (await call(server.url, 'POST', `/api/workshops/${id}/snapshots`, { label: 'Ende' }, token)).status,
    ).toBe(201)
    const minutes = async (format: string, lang = 'de') =>
      (
        await call(
          server.url,
          'GET',
          `/api/workshops/${id}/minutes?format=${format}&lang=${lang}`,
          undefined,
          token,
        )
      ).json
    const md = (await minutes('md')) as string
    expect(md).toContain('## Wortmeldungen \\(3\\)')
    expect(md).toContain('Bert \\(Bürger\\*in\\)')
    expect(md).toContain('Herr Schulz \\(Ratsmitglied\\), im Raum, ohne Gerät')
    expect(md).toContain('3 Wortmeldungen, zusammen')
    const html = (await minutes('html', 'en')) as string
    expect(html).toContain('<h2>Speakers (3)</h2>')
    expect(html).toContain('Anna (Citizen)')
    const json = await minutes('json')
    expect(json.speeches).toHaveLength(3)
    expect(json.speeches[0]).toMatchObject({ name: 'Bert', role: 'citizen', onBehalf: false })
    expect(json.speeches[0].durationMs).toBe(rows[0]?.duration_ms)
    expect(json.speeches[2]).toMatchObject({ name: 'Herr Schulz', role: 'councillor', onBehalf: true })
  })

  it('records no names in a phase that hides authors, while the queue still shows who asked', async () => {
    const { server, token, id, joinCode, facilitator } = await h.world()
    const anna = await joinAsGuest(server.url, joinCode, 'Anna')
    setFacilitation(facilitator.doc, 'showAuthors', false)
    await waitFor(() =>
      server.deps.sync.readBoard(id, (b) => b.getMap('facilitation').get('showAuthors') === false),
    )
    await call(server.url, 'POST', `/api/workshops/${id}/hands`, { raised: true }, anna.token)
    await waitFor(() => readHands(facilitator.doc).queue[0]?.name === 'Anna', 3000, 'Anna in the queue')
    const called = await call(server.url, 'POST', `/api/workshops/${id}/hands/next`, undefined, token)
    expect(called.json.hands.speaker.name).toBe('Anna')
    // Still speaking when the snapshot is taken: the minutes give no end and no duration.
    await call(server.url, 'POST', `/api/workshops/${id}/snapshots`, { label: 'Mitte' }, token)
    const row = await server.deps.sql.get('SELECT name, role FROM speaking_times')
    expect(row).toEqual({ name: null, role: 'citizen' })
    const json = (await call(server.url, 'GET', `/api/workshops/${id}/minutes?format=json`, undefined, token))
      .json
    expect(json.speeches).toEqual([
      expect.objectContaining({ name: null, role: 'citizen', endedAt: null, durationMs: null }),
    ])
    const md = (await call(server.url, 'GET', `/api/workshops/${id}/minutes?format=md`, undefined, token))
      .json
    expect(md).toContain('| Bürger\\*in |')
    expect(md).toContain('läuft noch')
    expect(md.split('## Wortmeldungen')[1]).not.toContain('Anna')
  })

  it('refuses a facilitator’s board write to the hands root: nothing stored or broadcast', async () => {
    const { server, token, id, joinCode, facilitator } = await h.world()
    const anna = await joinAsGuest(server.url, joinCode, 'Anna')
    await call(server.url, 'POST', `/api/workshops/${id}/hands`, { raised: true }, anna.token)
    await waitFor(() => readHands(facilitator.doc).queue.length === 1, 3000, 'Anna in the queue')
    const forger = h.client(id, token)
    await waitSynced(forger)
    for (let i = 0; i < 10 && !forger.closes.includes(CLOSE.forbiddenWrite.code); i++) {
      handsOf(forger.doc).set('queue', [
        { id: `fake${i}`, participantId: null, name: 'Vorgedrängelt', role: null, raisedAt: 0 },
      ])
      await pause(100)
    }
    expect(forger.closes).toContain(CLOSE.forbiddenWrite.code)
    await pause(100)
    const onServer = await server.deps.sync.readBoard(id, readHands)
    expect(onServer.queue.map((e) => e.name)).toEqual(['Anna'])
    expect(readHands(facilitator.doc).queue.map((e) => e.name)).toEqual(['Anna'])
    const late = h.client(id, token)
    await waitSynced(late)
    expect(readHands(late.doc).queue.map((e) => e.name)).toEqual(['Anna'])
  })

  it('calls two speakers, one after the other, when "next" is pressed twice at once', async () => {
    const { server, token, id, joinCode } = await h.world()
    const people = []
    for (const name of ['Anna', 'Bert', 'Carla']) {
      const guest = await joinAsGuest(server.url, joinCode, name)
      await call(server.url, 'POST', `/api/workshops/${id}/hands`, { raised: true }, guest.token)
      people.push(guest)
      await pause(2)
    }
    const next = () => call(server.url, 'POST', `/api/workshops/${id}/hands/next`, undefined, token)
    const answers = await Promise.all([next(), next()])
    const speakers = answers.map((a) => (a.json as HandsResponse).hands.speaker?.name).sort()
    expect(speakers).toEqual(['Anna', 'Bert'])
    const last = answers
      .map((a) => (a.json as HandsResponse).hands)
      .find((hands) => hands.speaker?.name === 'Bert')
    expect(last?.queue.map((e) => e.name)).toEqual(['Carla'])
    const rows = await server.deps.sql.all<{ participant_id: string; ended_at: number | null }>(
      'SELECT participant_id, ended_at FROM speaking_times WHERE workshop_id = ?',
      [id],
    )
    // Both may start within one millisecond: Anna's speech is the ended one, Bert's the open one.
    const byEnd = rows
      .map((r) => [r.participant_id, r.ended_at === null])
      .sort((x, y) => Number(x[1]) - Number(y[1]))
    expect(byEnd).toEqual([
      [people[0]?.participantId, false],
      [people[1]?.participantId, true],
    ])
  })
})
