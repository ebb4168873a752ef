/**
 * Cluster suggestions over HTTP (issue 14): computed in the server process with no network
 * request at all (every way out of the process is intercepted while the 320 labelled cards of
 * tests/fixtures are clustered), answered quickly (a generous guard here; the real figure is in
 * docs/benchmarks.md), facilitators only; accepting a suggestion makes a frame with its title and
 * moves the cards into it in one transaction, and bad input changes nothing.
 */
import dns from 'node:dns'
import fs from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { applyPhase } from '../../shared/board/facilitation.ts'
import { frameOf, readFrames, setFrame } from '../../shared/board/frames.ts'
import { FIELD, notesOf, readCards } from '../../shared/board/schema.ts'
import { OPEN_RULES } from '../../shared/script/script-schema.ts'
import { createTestApp } from '../support/test-app.ts'

const PASSWORD = 'richtig-langes-passwort'
const FIXTURE = JSON.parse(fs.readFileSync('tests/fixtures/cluster-cards.json', 'utf8')) as {
  text: string
  theme: string
}[]

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(() => t.close())

async function workshopWithCards(texts: string[]) {
  const setup = await t.request('POST', '/api/setup', {
    body: { username: 'moderation', password: PASSWORD },
  })
  const token = setup.json.token as string
  const created = await t.request('POST', '/api/workshops', { token, body: { title: 'Stadtentwicklung' } })
  const { id, joinCode } = created.json as { id: string; joinCode: string }
  await t.deps.sync.changeBoard(id, (board) => {
    texts.forEach((text, i) => {
      addCard(board, `c${i}`, {
        text,
        x: (i % 20) * 200,
        y: 2000 + Math.floor(i / 20) * 140,
        color: 'yellow',
      })
    })
  })
  return { token, id, joinCode }
}

/** Counts every attempt to reach the network (sockets, HTTP, fetch/undici, DNS) and refuses it. */
function interceptNetwork() {
  const calls: string[] = []
  const restore: (() => void)[] = []
  const swap = <T extends object>(owner: T, key: keyof T & string, name: string) => {
    const original = owner[key]
    Object.defineProperty(owner, key, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => {
        calls.push(name)
        throw new Error(`network access during clustering: ${name}(${String(args[0]).slice(0, 80)})`)
      },
    })
    restore.push(() =>
      Object.defineProperty(owner, key, { configurable: true, writable: true, value: original }),
    )
  }
  swap(net.Socket.prototype, 'connect', 'net.Socket.connect')
  swap(net, 'connect', 'net.connect')
  swap(net, 'createConnection', 'net.createConnection')
  swap(http, 'request', 'http.request')
  swap(http, 'get', 'http.get')
  swap(https, 'request', 'https.request')
  swap(https, 'get', 'https.get')
  swap(globalThis, 'fetch', 'fetch')
  swap(dns, 'lookup', 'dns.lookup')
  swap(dns, 'resolve', 'dns.resolve')
  swap(dns.promises, 'lookup', 'dns.promises.lookup')
  swap(dns.promises, 'resolve', 'dns.promises.resolve')
  return {
    calls,
    restore: () => {
      for (const undo of restore.reverse()) undo()
    },
  }
}

describe('cluster suggestions', () => {
  it('refuses more than 1,000 cards outside frames', async () => {
    const { token, id } = await workshopWithCards(Array.from({ length: 1001 }, (_, i) => `Karte ${i}`))
    const res = await t.request('POST', `/api/workshops/${id}/clusters/suggest`, { token, body: {} })
    expect(res.status).toBe(400)
  })

  it('clusters 320 cards with no network request, quickly, for facilitators only', async () => {
    const { token, id, joinCode } = await workshopWithCards(FIXTURE.map((c) => c.text))
    const guest = await t.request('POST', '/api/join', { body: { code: joinCode, name: 'Anna' } })

    const guard = interceptNetwork()
    let answer: Awaited<ReturnType<typeof t.request>>
    let ms: number
    try {
      // The guard itself works: a request out of the process is counted and refused.
      expect(() => fetch('http://192.0.2.1/')).toThrow(/network access/)
      expect(() => dns.lookup('example.org', () => {})).toThrow(/network access/)
      expect(() => net.connect(80, '192.0.2.1')).toThrow(/network access/)
      guard.calls.length = 0
      const started = performance.now()
      answer = await t.request('POST', `/api/workshops/${id}/clusters/suggest`, { token, body: {} })
      ms = performance.now() - started
    } finally {
      guard.restore()
    }
    expect(guard.calls).toEqual([])
    expect(answer.status).toBe(200)
    expect(ms).toBeLessThan(3000)
    expect(answer.json.cards).toBe(FIXTURE.length)
    const suggestions = answer.json.suggestions as { title: string; words: string[]; cardIds: string[] }[]
    expect(suggestions.length).toBeGreaterThan(5)
    const ids = suggestions.flatMap((s) => s.cardIds)
    expect(new Set(ids).size).toBe(ids.length)
    for (const cardId of ids) expect(cardId).toMatch(/^c\d+$/)
    for (const s of suggestions) {
      expect(s.cardIds.length).toBeGreaterThanOrEqual(2)
      expect(s.title.length).toBeGreaterThan(0)
    }

    const refused = await t.request('POST', `/api/workshops/${id}/clusters/suggest`, {
      token: guest.json.token,
      body: {},
    })
    expect(refused.status).toBe(403)
  })

  it('clusters only visible cards outside frames, and only for the current phase', async () => {
    const { token, id } = await workshopWithCards([
      'Radweg sanieren',
      'Radweg verbreitern',
      'Radweg beleuchten',
      'Bus öfter',
      'Bus abends',
    ])
    await t.deps.sync.changeBoard(id, (board) => {
      // c0 and c1 lie in a frame already; c2 is hidden.
      setFrame(board, { id: 'done', title: 'Erledigt', x: -10, y: 1990, w: 420, h: 200 })
      notesOf(board).get('c2')?.set(FIELD.hidden, { reason: 'test', by: 'M', at: 1 })
      applyPhase(board, { id: 'sammeln', name: 'Sammeln', prompt: '', minutes: 0, rules: OPEN_RULES })
    })
    const res = await t.request('POST', `/api/workshops/${id}/clusters/suggest`, {
      token,
      body: { phaseId: 'sammeln' },
    })
    expect(res.status).toBe(200)
    expect(res.json.cards).toBe(2)
    expect(res.json.suggestions).toEqual([{ title: 'Bus', words: ['Bus'], cardIds: ['c3', 'c4'] }])

    const stale = await t.request('POST', `/api/workshops/${id}/clusters/suggest`, {
      token,
      body: { phaseId: 'bewerten' },
    })
    expect(stale.status).toBe(409)
    const bad = await t.request('POST', `/api/workshops/${id}/clusters/suggest`, { token, body: { k: 3 } })
    expect(bad.status).toBe(400)
    const hidden = await t.request('POST', `/api/workshops/${id}/clusters/accept`, {
      token,
      body: { title: 'Rad', cardIds: ['c3', 'c2'] },
    })
    expect(hidden.status).toBe(409)
    expect(hidden.json.error.code).toBe('card-hidden')
    expect(await t.deps.sync.readBoard(id, (board) => readFrames(board).map((f) => f.id))).toEqual(['done'])
  })

  it('accepting makes a frame with the title and moves the cards into it', async () => {
    const { token, id, joinCode } = await workshopWithCards(FIXTURE.slice(0, 60).map((c) => c.text))
    await t.deps.sync.changeBoard(id, (board) =>
      setFrame(board, { id: 'old', title: 'Vorher', x: 0, y: 0, w: 440, h: 320 }),
    )
    const suggested = await t.request('POST', `/api/workshops/${id}/clusters/suggest`, { token, body: {} })
    const first = suggested.json.suggestions[0] as { title: string; cardIds: string[] }
    const before = await t.deps.sync.readBoard(id, (board) => readCards(board))

    const accepted = await t.request('POST', `/api/workshops/${id}/clusters/accept`, {
      token,
      body: { title: 'Radverkehr', cardIds: first.cardIds },
    })
    expect(accepted.status).toBe(200)
    expect(accepted.json.moved).toEqual(first.cardIds)
    const { frames, cards } = await t.deps.sync.readBoard(id, (board) => ({
      frames: readFrames(board),
      cards: readCards(board),
    }))
    const frame = frames.find((f) => f.title === 'Radverkehr')
    expect(frame).toBeDefined()
    expect(accepted.json.frame).toEqual(frame)
    for (const card of cards) {
      const inFrame = frameOf(card, frames)?.id === frame?.id
      expect(inFrame).toBe(first.cardIds.includes(card.id))
      // Cards not in the suggestion stay where they were.
      if (!first.cardIds.includes(card.id)) {
        expect(card).toMatchObject({
          x: before.find((b) => b.id === card.id)?.x,
          y: before.find((b) => b.id === card.id)?.y,
        })
      }
    }
    // No overlap with the frame that was there.
    const old = frames.find((f) => f.id === 'old') as { x: number; y: number; w: number; h: number }
    const f = frame as { x: number; y: number; w: number; h: number }
    expect(f.x >= old.x + old.w || old.x >= f.x + f.w || f.y >= old.y + old.h || old.y >= f.y + f.h).toBe(
      true,
    )

    // Suggest again: the accepted cards are sorted now.
    const again = await t.request('POST', `/api/workshops/${id}/clusters/suggest`, { token, body: {} })
    expect(again.json.cards).toBe(60 - first.cardIds.length)

    // Bad input changes nothing (to a card the accepted suggestion did not move).
    const outside = before.map((b) => b.id).find((cardId) => !first.cardIds.includes(cardId)) as string
    const count = () => t.deps.sync.readBoard(id, (board) => readFrames(board).length)
    const framesBefore = await count()
    const unknown = await t.request('POST', `/api/workshops/${id}/clusters/accept`, {
      token,
      body: { title: 'X', cardIds: [outside, 'nope'] },
    })
    expect(unknown.status).toBe(404)
    const twice = await t.request('POST', `/api/workshops/${id}/clusters/accept`, {
      token,
      body: { title: 'X', cardIds: [outside, outside] },
    })
    expect(twice.status).toBe(400)
    const untitled = await t.request('POST', `/api/workshops/${id}/clusters/accept`, {
      token,
      body: { title: '  ', cardIds: [outside] },
    })
    expect(untitled.status).toBe(400)
    const guest = await t.request('POST', '/api/join', { body: { code: joinCode, name: 'Anna' } })
    const forbidden = await t.request('POST', `/api/workshops/${id}/clusters/accept`, {
      token: guest.json.token,
      body: { title: 'X', cardIds: [outside] },
    })
    expect(forbidden.status).toBe(403)
    expect(await count()).toBe(framesBefore)
    expect(
      await t.deps.sync.readBoard(id, (board) => readCards(board).find((c) => c.id === outside)),
    ).toMatchObject({
      x: before.find((b) => b.id === outside)?.x,
      y: before.find((b) => b.id === outside)?.y,
    })
  })
})
