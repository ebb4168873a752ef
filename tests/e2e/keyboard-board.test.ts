/**
 * The board by keyboard alone (issue 12, item 3; defect 4). The guest here never touches a
 * pointer: no click, no mouse, no fill; the facilitator's part (frames, the vote, the reveal) is
 * done over the API and the server's board. A guest joins, writes a card, edits it, puts it into
 * a frame and votes in the list view, and reads the result there; the canvas has one tab stop
 * with arrows in reading order; focus is never left on <body> after Escape or joining; focusing
 * an off-screen card pans the view and never scrolls the canvas element.
 */
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { addCard } from '../../shared/board/card-ops.ts'
import { applyPhase } from '../../shared/board/facilitation.ts'
import { setFrame } from '../../shared/board/frames.ts'
import { FIELD, notesOf, readCards } from '../../shared/board/schema.ts'
import { OPEN_RULES, replaceScript } from '../../shared/script/script-schema.ts'
import { call, createWorkshop, joinAsGuest, PASSWORD, setupFacilitator } from '../support/api.ts'
import { newPerson, useBrowserWorld } from '../support/e2e-flow.ts'
import { focused, joinByKeyboard, tabTo } from '../support/keyboard-flow.ts'

const world = useBrowserWorld()

async function workshop(title: string) {
  const { server } = world
  const token = await setupFacilitator(server.url).catch(async () => {
    const res = await call(server.url, 'POST', '/api/login', { username: 'moderation', password: PASSWORD })
    return res.json.token as string
  })
  const { id, joinCode } = await createWorkshop(server.url, token, title)
  return { id, joinCode, token, joinUrl: `${server.url}/join/${joinCode}` }
}

/** A card by someone else, put on the board by the server. */
function othersCard(board: Y.Doc, id: string, text: string, x: number, y: number, author = 'Anna'): void {
  addCard(board, id, { text, x, y, color: 'blue' })
  const map = notesOf(board).get(id)
  map?.set(FIELD.authorName, author)
  map?.set(FIELD.authorId, `p-${author}`)
  map?.set(FIELD.authorRole, 'citizen')
}

describe('the board by keyboard alone', () => {
  it('a guest joins, writes, edits, frames, votes and reads the result without a pointer', async () => {
    const { browser, server, problems } = world
    const w = await workshop('Tastatur-Werkstatt')
    await server.deps.sync.changeBoard(w.id, (board) => {
      setFrame(board, { id: 'frame-verkehr', title: 'Verkehr', x: 0, y: 0, w: 440, h: 320 })
      setFrame(board, { id: 'frame-gruen', title: 'Grünflächen', x: 480, y: 0, w: 440, h: 320 })
    })
    const greta = await newPerson(browser, 'greta', problems)

    // Joining leaves focus on the board's heading, not on <body>.
    await joinByKeyboard(greta, w.joinUrl, 'Greta')
    await expect.poll(async () => (await focused(greta)).tag).toBe('h1')

    // Someone else's card is announced in the polite live region.
    await server.deps.sync.changeBoard(w.id, (board) =>
      othersCard(board, 'anna-1', 'Mehr Bänke am Markt', 40, 400),
    )
    await expect
      .poll(() => greta.locator('[data-announcer="cards"]').textContent(), { timeout: 10_000 })
      .toBe('Neue Karte von Anna: Mehr Bänke am Markt')

    // The list view, chosen by keyboard.
    await tabTo(greta, (f) => f.name === 'Liste')
    await greta.keyboard.press('Enter')
    await greta.getByRole('heading', { name: 'Das Board als Liste' }).waitFor()
    expect(await greta.getByRole('button', { name: 'Liste' }).getAttribute('aria-pressed')).toBe('true')

    // Write a card: the editor opens focused in the list; Escape returns to the card's edit button.
    await tabTo(greta, (f) => f.name === 'Karte hinzufügen', 40, 'Shift+Tab')
    await greta.keyboard.press('Enter')
    await expect.poll(async () => (await focused(greta)).tag).toBe('textarea')
    await greta.keyboard.type('Radweg zur Schule')
    await greta.keyboard.press('Escape')
    const afterWrite = await focused(greta)
    expect(afterWrite.isBody).toBe(false)
    expect(afterWrite.name).toBe('Bearbeiten')
    const cardId = afterWrite.listCard ?? ''
    await expect
      .poll(() => server.deps.sync.changeBoard(w.id, (b) => readCards(b).find((c) => c.id === cardId)?.text))
      .toBe('Radweg zur Schule')

    // Edit it: Enter on "Bearbeiten", replace the text, Escape back to the button.
    await greta.keyboard.press('Enter')
    await expect.poll(async () => (await focused(greta)).tag).toBe('textarea')
    await greta.keyboard.press('Control+A')
    await greta.keyboard.type('Sicherer Radweg zur Schule')
    await greta.keyboard.press('Escape')
    expect((await focused(greta)).name).toBe('Bearbeiten')
    await expect
      .poll(() => server.deps.sync.changeBoard(w.id, (b) => readCards(b).find((c) => c.id === cardId)?.text))
      .toBe('Sicherer Radweg zur Schule')

    // Put it into the frame "Grünflächen": the select "Rahmen", by typing the option's first letter.
    await tabTo(greta, (f) => f.tag === 'select' && f.listCard === cardId)
    await greta.keyboard.type('G')
    const inFrame = greta.locator('section.list-group', { hasText: 'Rahmen: Grünflächen' })
    await inFrame.locator(`[data-list-card="${cardId}"]`).waitFor()
    const onBoard = () =>
      server.deps.sync.changeBoard(w.id, (b) => {
        const card = readCards(b).find((c) => c.id === cardId)
        return card ? card.x >= 480 && card.x < 920 && card.y >= 0 && card.y < 320 : false
      })
    await expect.poll(onBoard).toBe(true)
    // Focus went with the card to its new place in the list.
    await expect.poll(async () => (await focused(greta)).listCard).toBe(cardId)
    expect((await focused(greta)).tag).toBe('select')

    // A dot vote: Greta gives her card two points with the keyboard; two more people vote.
    const phase = {
      id: 'wahl',
      name: 'Priorisieren',
      prompt: '',
      minutes: 0,
      rules: { ...OPEN_RULES, vote: { method: 'dots' as const, budget: 5, cap: 3 } },
    }
    await server.deps.sync.rooms.withBoard(w.id, (board) => {
      replaceScript(board.doc, [phase])
      applyPhase(board.doc, phase)
    })
    await greta.getByText('Ihre Punkte: 5 von 5 übrig').waitFor()
    await tabTo(greta, (f) => f.name.startsWith('Einen Punkt mehr für „Sicherer Radweg'), 40, 'Shift+Tab')
    await greta.keyboard.press('Enter')
    await greta.getByText('Ihre Punkte: 4 von 5 übrig').waitFor()
    await greta.keyboard.press('Enter')
    await greta.getByText('Ihre Punkte: 3 von 5 übrig').waitFor()
    await expect
      .poll(() => greta.locator(`[data-list-card="${cardId}"] .vote-count`).textContent())
      .toBe('2 von Ihnen')
    for (const name of ['Bernd', 'Clara']) {
      const guest = await joinAsGuest(server.url, w.joinCode, name)
      const cast = await call(
        server.url,
        'POST',
        `/api/workshops/${w.id}/votes`,
        { cardId, points: 1 },
        guest.token,
      )
      expect(cast.status).toBe(200)
    }
    const reveal = await call(server.url, 'POST', `/api/workshops/${w.id}/votes/reveal`, {}, w.token)
    expect(reveal.status).toBe(200)

    // The result, read in the list view next to the card.
    const entry = greta.locator(`[data-list-card="${cardId}"]`)
    await entry.getByText('Punkte im Ergebnis: 4').waitFor()
    expect(await greta.locator('.list-results-note').textContent()).toContain('Priorisieren')
    expect(problems).toEqual([])
  }, 120_000)

  it('the canvas is one tab stop; arrows go through the cards in reading order', async () => {
    const { browser, server, problems } = world
    const w = await workshop('Reihenfolge')
    // Ten cards by others: four in frame B (right), three in frame A (left), three in no frame,
    // created in an order unlike the reading order.
    await server.deps.sync.changeBoard(w.id, (board) => {
      setFrame(board, { id: 'frame-a', title: 'A', x: 0, y: 0, w: 440, h: 460 })
      setFrame(board, { id: 'frame-b', title: 'B', x: 480, y: 0, w: 440, h: 460 })
      const cards: [string, number, number][] = [
        ['loose-2', 200, 700],
        ['b-4', 700, 200],
        ['a-3', 20, 300],
        ['b-1', 500, 60],
        ['loose-1', 0, 700],
        ['a-1', 20, 60],
        ['b-3', 500, 200],
        ['a-2', 220, 60],
        ['b-2', 700, 60],
        ['loose-3', 0, 900],
      ]
      for (const [id, x, y] of cards) othersCard(board, id, `Karte ${id}`, x, y)
    })
    const greta = await newPerson(browser, 'greta-order', problems)
    await joinByKeyboard(greta, w.joinUrl, 'Greta')
    await greta.locator('.canvas .card').nth(9).waitFor()

    // Her own card, written from the toolbar; Escape gives focus back to the button that opened
    // it (ready for the next card), never to <body>.
    await tabTo(greta, (f) => f.name === 'Karte hinzufügen')
    await greta.keyboard.press('Enter')
    await expect.poll(async () => (await focused(greta)).tag).toBe('textarea')
    await greta.keyboard.type('Meine Idee')
    await greta.keyboard.press('Escape')
    const back = await focused(greta)
    expect(back.isBody).toBe(false)
    expect(back.name).toBe('Karte hinzufügen')
    const own = {
      cardId: await greta.locator('.canvas .card', { hasText: 'Meine Idee' }).getAttribute('data-card-id'),
    }
    expect(own.cardId).not.toBeNull()

    // Back at the toolbar's "Karte hinzufügen", her card is a few Tabs away (the canvas's one tab
    // stop remembers it), not behind the ten others in the order they were created.
    await tabTo(greta, (f) => f.name === 'Karte hinzufügen', 20, 'Shift+Tab')
    const presses = await tabTo(greta, (f) => f.cardId === own.cardId, 20)
    console.log(`Tab presses from "Karte hinzufügen" to one's own card among 10: ${presses}`)
    // The stops between: the view switch, zoom and the canvas tools (search, select, fit), then the
    // canvas's one stop. Before: behind all ten others in creation order (18).
    expect(presses).toBeLessThanOrEqual(12)
    // Tab again goes through the card's own tools and out of the canvas: no other card is a stop.
    const out = await tabTo(greta, (f) => !f.inCanvas || f.cardId !== null, 12)
    expect((await focused(greta)).inCanvas).toBe(false)
    // (Her card's tools, then the canvas tools over the canvas: search, select, fit.)
    expect(out).toBeLessThanOrEqual(10)

    // Home, then arrows: frame A top to bottom, left to right, then frame B, then cards in no frame.
    await tabTo(greta, (f) => f.cardId !== null, 10, 'Shift+Tab')
    await greta.keyboard.press('Home')
    const seen: string[] = [(await focused(greta)).cardId ?? '']
    for (let i = 0; i < 10; i++) {
      await greta.keyboard.press(i % 2 ? 'ArrowDown' : 'ArrowRight')
      seen.push((await focused(greta)).cardId ?? '')
    }
    const reading = ['a-1', 'a-2', 'a-3', 'b-1', 'b-2', 'b-3', 'b-4', 'loose-1', 'loose-2', 'loose-3']
    // Her own card sits where the free spot put it; the others come in reading order.
    expect(seen).toContain(own.cardId)
    expect(seen.filter((id) => id !== own.cardId)).toEqual(reading)
    await greta.keyboard.press('End')
    await greta.keyboard.press('ArrowUp')
    expect(seen).toContain((await focused(greta)).cardId)
    // Nothing moved: plain arrows choose cards, they do not drag them.
    const moved = await server.deps.sync.changeBoard(w.id, (b) =>
      readCards(b).filter((c) => c.id === 'a-1' && (c.x !== 20 || c.y !== 60)),
    )
    expect(moved).toEqual([])
    expect(problems).toEqual([])
  }, 90_000)

  it('focusing an off-screen card pans the view; the canvas element never scrolls', async () => {
    const { browser, server, problems } = world
    const w = await workshop('Weit weg')
    await server.deps.sync.changeBoard(w.id, (board) =>
      othersCard(board, 'far', 'Ganz weit draußen', 2600, 2200),
    )
    const greta = await newPerson(browser, 'greta-far', problems)
    await joinByKeyboard(greta, w.joinUrl, 'Greta')
    await greta.locator('.canvas .card').first().waitFor({ state: 'attached' })
    await tabTo(greta, (f) => f.cardId === 'far')
    const state = await greta.evaluate(() => {
      const canvas = document.querySelector('.canvas') as HTMLElement
      const box = canvas.getBoundingClientRect()
      const card = (document.querySelector('[data-card-id="far"]') as HTMLElement).getBoundingClientRect()
      return {
        scrollTop: canvas.scrollTop,
        scrollLeft: canvas.scrollLeft,
        inside:
          card.left >= box.left &&
          card.right <= box.right &&
          card.top >= box.top &&
          card.bottom <= box.bottom,
      }
    })
    expect(state).toEqual({ scrollTop: 0, scrollLeft: 0, inside: true })
    // Escape on a card, and Escape out of its editor, keep focus off <body>.
    await greta.keyboard.press('Escape')
    expect((await focused(greta)).isBody).toBe(false)
    expect(problems).toEqual([])
  }, 60_000)
})
