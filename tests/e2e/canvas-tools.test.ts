/**
 * The canvas tools in Chromium: multi-select (shift-click, lasso) with group move, recolour and
 * delete (confirmed, undoable), per-person undo and redo that never touch another person's
 * change, search with jump-to-card, zoom to fit and zoom around the view's centre on a big board,
 * and no page text selected by dragging.
 */
import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addCard as writeCard } from '../../shared/board/card-ops.ts'
import { setFrame } from '../../shared/board/frames.ts'
import type { CardColor } from '../../shared/board/schema.ts'
import {
  addCard,
  facilitatorOpensWorkshop,
  guestJoins,
  newPerson,
  useBrowserWorld,
} from '../support/e2e-flow.ts'
import { connectClient, waitSynced } from '../support/sync-client.ts'

const world = useBrowserWorld()
const SHOTS = process.env.SHOTS_DIR ?? ''
const shot = async (page: Page, name: string) => {
  if (!SHOTS) return
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}/${name}.png` })
}

interface Seed {
  id: string
  text: string
  x: number
  y: number
  color?: CardColor
}

/** Writes cards (and frames) straight onto the board as the facilitator, over a real socket. */
async function seed(
  page: Page,
  cards: Seed[],
  frames: { id: string; x: number; y: number; w: number; h: number }[] = [],
) {
  const token = (await page.context().cookies()).find((c) => c.name === 'rw_session')?.value
  if (!token) throw new Error('no session cookie')
  const workshopId = new URL(page.url()).pathname.split('/').pop() as string
  const client = connectClient(world.server.url, workshopId, token)
  try {
    await waitSynced(client)
    for (const c of cards)
      writeCard(client.doc, c.id, { text: c.text, x: c.x, y: c.y, color: c.color ?? 'yellow' })
    for (const f of frames) setFrame(client.doc, { ...f, title: `Rahmen ${f.id}` })
    // Only the cards in or near the view are rendered (culling.ts): the board has them all once
    // the search finds the last one written.
    await page.getByRole('button', { name: 'Suchen' }).click()
    const last = cards[cards.length - 1]
    if (last) await page.getByLabel('Karten suchen (Text oder Name)').fill(last.text)
    await page
      .locator('.search-panel li', { hasText: last?.text ?? '' })
      .first()
      .waitFor()
    await page.keyboard.press('Escape')
  } finally {
    client.destroy()
  }
}

const card = (page: Page, text: string) => page.locator('.canvas .card', { hasText: text })
const position = (page: Page, text: string) =>
  card(page, text).evaluate((el) => {
    const m = /translate\((-?[\d.]+)px, (-?[\d.]+)px\)/.exec((el as HTMLElement).style.transform)
    return m ? { x: Number(m[1]), y: Number(m[2]) } : null
  })

async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox()
  if (!b) throw new Error(`${selector} not visible`)
  return b
}

/** Every card's rectangle lies inside the canvas's rectangle on screen. */
async function allCardsInCanvas(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const c = (document.querySelector('.canvas') as HTMLElement).getBoundingClientRect()
    return [...document.querySelectorAll('.canvas .card')].every((el) => {
      const r = el.getBoundingClientRect()
      return r.left >= c.left && r.top >= c.top && r.right <= c.right && r.bottom <= c.bottom
    })
  })
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(to.x, to.y, { steps: 10 })
  await page.mouse.up()
}

/** The facilitator's account (set up by the first test to run, else logged in) and a new workshop. */
async function facilitatorWithWorkshop(who: string, title: string): Promise<Page> {
  const page = await newPerson(world.browser, who, world.problems)
  await page.goto(`${world.server.url}/`)
  await page.waitForURL(/\/(setup|login|workshops)$/)
  if (!page.url().endsWith('/workshops')) {
    const setup = page.url().endsWith('/setup')
    await page.getByLabel('Benutzername').fill('moderation')
    await page.getByLabel('Passwort').fill('sehr-geheimes-passwort')
    await page.getByRole('button', { name: setup ? 'Konto anlegen' : 'Anmelden' }).click()
    await page.waitForURL('**/workshops')
  }
  await page.getByLabel('Titel').fill(title)
  await page.getByRole('button', { name: 'Werkstatt anlegen' }).click()
  await page.locator('.workshop-item', { hasText: title }).waitFor()
  return page
}

async function openBoard(page: Page, title: string): Promise<void> {
  await page.locator('.workshop-item', { hasText: title }).getByRole('link', { name: 'Board öffnen' }).click()
  await page.locator('.connection[data-state="online"]').waitFor()
}

describe('canvas tools', () => {
  it('selects three cards by shift-click, moves, recolours and deletes them together; undo and redo', async () => {
    const facilitator = await newPerson(world.browser, 'facilitator', world.problems)
    const { joinUrl } = await facilitatorOpensWorkshop(facilitator, world.server.url, 'Mehrfachauswahl')
    const citizen = await newPerson(world.browser, 'citizen', world.problems)
    await guestJoins(citizen, joinUrl, 'Anna')
    await seed(facilitator, [
      { id: 'card-eins-000000000', text: 'Eins', x: 60, y: 120 },
      { id: 'card-zwei-000000000', text: 'Zwei', x: 280, y: 120 },
      { id: 'card-drei-000000000', text: 'Drei', x: 500, y: 120 },
      { id: 'card-vier-000000000', text: 'Vier', x: 60, y: 380 },
    ])
    await citizen.locator('.canvas .card').nth(3).waitFor()

    for (const text of ['Eins', 'Zwei', 'Drei'])
      await card(facilitator, text)
        .locator('.card-text')
        .click({ modifiers: ['Shift'] })
    await expect.poll(() => facilitator.locator('.selection-count').textContent()).toBe('3 ausgewählt')
    await shot(facilitator, 'desktop-three-selected')

    // Dragging one selected card moves all three by the same distance; the fourth stays.
    const before = await Promise.all(['Eins', 'Zwei', 'Drei', 'Vier'].map((t) => position(facilitator, t)))
    const grip = await box(facilitator, '.card:has-text("Zwei") .card-text')
    await drag(facilitator, { x: grip.x + 10, y: grip.y + 5 }, { x: grip.x + 110, y: grip.y + 85 })
    await expect.poll(() => position(citizen, 'Drei')).not.toEqual(before[2])
    const after = await Promise.all(['Eins', 'Zwei', 'Drei', 'Vier'].map((t) => position(facilitator, t)))
    for (let i = 0; i < 3; i++) {
      expect(after[i]?.x).toBe((before[i]?.x ?? 0) + 100)
      expect(after[i]?.y).toBe((before[i]?.y ?? 0) + 80)
    }
    expect(after[3]).toEqual(before[3])
    expect(await position(citizen, 'Eins')).toEqual(after[0])

    // Recolour the selection.
    await facilitator.getByLabel('Farbe der Auswahl').selectOption('pink')
    await expect.poll(() => citizen.locator('.canvas .card.card-pink').count()).toBe(3)

    // Delete asks first (an in-page dialog), then shows the undo toast.
    await facilitator.locator('.selection-toolbar').getByRole('button', { name: 'Löschen' }).click()
    const dialog = facilitator.getByRole('dialog', { name: '3 Karten löschen?' })
    await dialog.waitFor()
    await shot(facilitator, 'desktop-confirm-delete')
    await dialog.getByRole('button', { name: 'Abbrechen' }).click()
    expect(await facilitator.locator('.canvas .card').count()).toBe(4)
    await facilitator.locator('.selection-toolbar').getByRole('button', { name: 'Löschen' }).click()
    await dialog.getByRole('button', { name: 'Löschen' }).click()
    await expect.poll(() => citizen.locator('.canvas .card').count()).toBe(1)
    expect(await facilitator.locator('.undo-toast [role="status"]').textContent()).toBe('3 Karten gelöscht')
    await shot(facilitator, 'desktop-deleted-toast')

    // Ctrl+Z brings them back where they were, pink; the server takes them (the citizen sees them).
    await facilitator.keyboard.press('Control+z')
    await expect.poll(() => citizen.locator('.canvas .card').count()).toBe(4)
    expect(await citizen.locator('.canvas .card.card-pink').count()).toBe(3)
    expect(await position(citizen, 'Zwei')).toEqual(after[1])
    await expect
      .poll(() => citizen.locator('.card', { hasText: 'Zwei' }).textContent())
      .toContain('moderation')

    // Redo deletes them again; the toolbar's undo brings them back once more.
    await facilitator.keyboard.press('Control+Shift+z')
    await expect.poll(() => citizen.locator('.canvas .card').count()).toBe(1)
    await facilitator.getByRole('button', { name: 'Rückgängig', exact: true }).first().click()
    await expect.poll(() => citizen.locator('.canvas .card').count()).toBe(4)
    // Ctrl+Y redoes too, and the toast's own undo button undoes that deletion.
    await facilitator.keyboard.press('Control+y')
    await expect.poll(() => facilitator.locator('.canvas .card').count()).toBe(1)
    await facilitator.keyboard.press('Control+z')
    await expect.poll(() => facilitator.locator('.canvas .card').count()).toBe(4)
    // Undo further: the colour, then the move.
    await facilitator.keyboard.press('Control+z')
    await expect.poll(() => citizen.locator('.canvas .card.card-pink').count()).toBe(0)
    await facilitator.keyboard.press('Control+z')
    await expect.poll(() => position(citizen, 'Eins')).toEqual(before[0])
    await shot(facilitator, 'desktop-undone')
    expect(world.problems).toEqual([])
  })

  it('selects by lasso (shift-drag, or the select mode), Space toggles, Escape clears, delete has an undo toast', async () => {
    const facilitator = await facilitatorWithWorkshop('facilitator-lasso', 'Lasso')
    await openBoard(facilitator, 'Lasso')
    await seed(facilitator, [
      { id: 'card-links-00000000', text: 'Links', x: 60, y: 140 },
      { id: 'card-mitte-00000000', text: 'Mitte', x: 280, y: 140 },
      { id: 'card-unten-00000000', text: 'Unten', x: 60, y: 420 },
    ])
    const canvas = await box(facilitator, '.canvas')
    const layer = { x: canvas.x + 40, y: canvas.y + 40 } // the view's origin at 100 %
    // Shift-drag on the empty canvas around the top two cards.
    await facilitator.keyboard.down('Shift')
    await drag(facilitator, { x: layer.x + 30, y: layer.y + 110 }, { x: layer.x + 500, y: layer.y + 300 })
    await facilitator.keyboard.up('Shift')
    await expect.poll(() => facilitator.locator('.selection-count').textContent()).toBe('2 ausgewählt')
    expect(await facilitator.locator('.card.selected').allTextContents()).toEqual([
      expect.stringContaining('Links'),
      expect.stringContaining('Mitte'),
    ])
    // Escape clears; the select mode lassos with a plain drag.
    await facilitator.keyboard.press('Escape')
    await expect.poll(() => facilitator.locator('.card.selected').count()).toBe(0)
    await facilitator.getByRole('button', { name: 'Auswählen' }).click()
    await facilitator.mouse.move(layer.x + 30, layer.y + 110)
    await facilitator.mouse.down()
    await facilitator.mouse.move(layer.x + 250, layer.y + 600, { steps: 10 })
    await shot(facilitator, 'desktop-lasso')
    await facilitator.mouse.up()
    await expect.poll(() => facilitator.locator('.selection-count').textContent()).toBe('2 ausgewählt')
    expect(await facilitator.locator('.card.selected').allTextContents()).toEqual([
      expect.stringContaining('Links'),
      expect.stringContaining('Unten'),
    ])
    await facilitator.getByRole('button', { name: 'Auswählen' }).click()
    // Space on a focused card toggles it.
    await card(facilitator, 'Mitte').focus()
    await facilitator.keyboard.press('Space')
    await expect.poll(() => facilitator.locator('.selection-count').textContent()).toBe('3 ausgewählt')
    // The card itself says so to a screen reader, not only the count.
    expect(await card(facilitator, 'Mitte').getAttribute('aria-label')).toMatch(/, ausgewählt$/)
    await facilitator.keyboard.press('Space')
    await expect.poll(() => facilitator.locator('.selection-count').textContent()).toBe('2 ausgewählt')
    expect(await card(facilitator, 'Mitte').getAttribute('aria-label')).not.toContain('ausgewählt')
    // One card deleted by its Delete key: no question, a toast whose button undoes it.
    await facilitator.getByRole('button', { name: 'Auswahl aufheben' }).click()
    await card(facilitator, 'Mitte').focus()
    await facilitator.keyboard.press('Delete')
    await expect.poll(() => card(facilitator, 'Mitte').count()).toBe(0)
    expect(await facilitator.getByRole('dialog').isVisible()).toBe(false)
    const toast = facilitator.locator('.undo-toast')
    expect(await toast.getByRole('status').textContent()).toBe('Karte gelöscht')
    await shot(facilitator, 'desktop-toast-one')
    await toast.getByRole('button', { name: 'Rückgängig' }).click()
    await card(facilitator, 'Mitte').waitFor()
    expect(world.problems).toEqual([])
  })

  it('Ctrl+Z undoes only my own change; another participant’s card and move stay', async () => {
    const facilitator = await facilitatorWithWorkshop('facilitator-undo', 'Eigenes Rückgängig')
    await facilitator
      .locator('.workshop-item', { hasText: 'Eigenes Rückgängig' })
      .getByRole('link', { name: 'Beitrittsbildschirm' })
      .click()
    const joinUrl = (await facilitator.locator('.join-url').textContent())?.trim() ?? ''
    const anna = await newPerson(world.browser, 'anna', world.problems)
    const bob = await newPerson(world.browser, 'bob', world.problems)
    await guestJoins(anna, joinUrl, 'Anna')
    await guestJoins(bob, joinUrl, 'Bob')
    await addCard(anna, 'Annas Idee')
    await bob.locator('.card', { hasText: 'Annas Idee' }).waitFor()
    const start = await position(bob, 'Annas Idee')
    await card(anna, 'Annas Idee').focus()
    await anna.keyboard.press('Shift+ArrowRight')
    await expect.poll(() => position(bob, 'Annas Idee')).toEqual({ x: (start?.x ?? 0) + 20, y: start?.y })

    await addCard(bob, 'Bobs Idee')
    await anna.locator('.card', { hasText: 'Bobs Idee' }).waitFor()
    await card(bob, 'Bobs Idee').focus()
    await bob.keyboard.press('Shift+ArrowDown')
    const bobMoved = await position(bob, 'Bobs Idee')
    await expect.poll(() => position(anna, 'Bobs Idee')).toEqual(bobMoved)

    // Anna's undo takes back her move, on everyone's screen; Bob's card and move stay.
    await card(anna, 'Annas Idee').focus()
    await anna.keyboard.press('Control+z')
    await expect.poll(() => position(bob, 'Annas Idee')).toEqual(start)
    expect(await position(anna, 'Bobs Idee')).toEqual(bobMoved)
    expect(await position(bob, 'Bobs Idee')).toEqual(bobMoved)
    await shot(anna, 'desktop-anna-undone')
    // Redo by the toolbar button.
    await anna.getByRole('button', { name: 'Wiederholen' }).click()
    await expect.poll(() => position(bob, 'Annas Idee')).toEqual({ x: (start?.x ?? 0) + 20, y: start?.y })
    expect(await card(bob, 'Bobs Idee').count()).toBe(1)
    expect(world.problems).toEqual([])
  })

  it('finds a card far off-screen, centres it and focuses it; fits a 10,000 px board into view', async () => {
    const facilitator = await facilitatorWithWorkshop('facilitator-search', 'Großes Board')
    await openBoard(facilitator, 'Großes Board')
    await seed(
      facilitator,
      [
        { id: 'card-nah-0000000000', text: 'Nah am Anfang', x: 40, y: 40 },
        { id: 'card-fern-000000000', text: 'Parkhaus am Bahnhof', x: 6200, y: 3900 },
        { id: 'card-ol-00000000000', text: 'Oben links', x: -5000, y: -3000 },
        { id: 'card-ur-00000000000', text: 'Unten rechts', x: 5000, y: 3000 },
      ],
      [{ id: 'f1', x: -5200, y: 2600, w: 600, h: 900 }],
    )
    expect(await allCardsInCanvas(facilitator)).toBe(false)

    // Ctrl+F opens the board's search; Enter jumps to the first hit.
    await facilitator.locator('.canvas').click({ position: { x: 600, y: 500 } })
    await facilitator.keyboard.press('Control+f')
    await facilitator.getByLabel('Karten suchen (Text oder Name)').fill('parkhaus')
    await facilitator.getByRole('button', { name: /Parkhaus am Bahnhof/ }).waitFor()
    await shot(facilitator, 'desktop-search')
    await facilitator.keyboard.press('Enter')
    await expect
      .poll(() =>
        facilitator.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.cardId ?? null),
      )
      .toBe('card-fern-000000000')
    const inside = await facilitator.evaluate(() => {
      const c = (document.querySelector('.canvas') as HTMLElement).getBoundingClientRect()
      const r = (
        document.querySelector('[data-card-id="card-fern-000000000"]') as HTMLElement
      ).getBoundingClientRect()
      return r.left >= c.left && r.top >= c.top && r.right <= c.right && r.bottom <= c.bottom
    })
    expect(inside).toBe(true)
    await shot(facilitator, 'desktop-search-jumped')

    // Zoom to fit shows every card (the board spans over 11,000 px) inside the canvas.
    await facilitator.getByRole('button', { name: 'Alles zeigen' }).click()
    await expect.poll(() => allCardsInCanvas(facilitator)).toBe(true)
    const frame = await facilitator.locator('.frame').boundingBox()
    const canvas = await box(facilitator, '.canvas')
    expect(frame && frame.x >= canvas.x && frame.y + frame.height <= canvas.y + canvas.height).toBe(true)
    const percent = Number.parseInt(
      (await facilitator.locator('.zoom button').nth(1).textContent()) ?? '',
      10,
    )
    expect(percent).toBeLessThan(20)
    await shot(facilitator, 'desktop-fit')

    // − and + zoom around the view's centre: the canvas point there stays there.
    const centreCard = async () =>
      facilitator.evaluate(() => {
        const c = (document.querySelector('.canvas') as HTMLElement).getBoundingClientRect()
        const layer = (document.querySelector('.canvas-layer') as HTMLElement).style.transform
        const m = /translate\((-?[\d.]+)px, (-?[\d.]+)px\) scale\(([\d.e-]+)\)/.exec(layer)
        if (!m) return null
        const [x, y, s] = [Number(m[1]), Number(m[2]), Number(m[3])]
        return { x: (c.width / 2 - x) / s, y: (c.height / 2 - y) / s }
      })
    const centre = await centreCard()
    await facilitator.getByRole('button', { name: 'Vergrößern' }).click()
    await facilitator.getByRole('button', { name: 'Vergrößern' }).click()
    const zoomed = await centreCard()
    expect(Math.abs((zoomed?.x ?? 0) - (centre?.x ?? 0))).toBeLessThan(1)
    expect(Math.abs((zoomed?.y ?? 0) - (centre?.y ?? 0))).toBeLessThan(1)
    // Zooming out by hand also reaches the whole board (the lowest zoom follows the board).
    for (let i = 0; i < 30; i++) await facilitator.getByRole('button', { name: 'Verkleinern' }).click()
    await expect.poll(() => allCardsInCanvas(facilitator)).toBe(true)
    expect(world.problems).toEqual([])
  })

  it('selects no page text when dragging the canvas or a card', async () => {
    const facilitator = await facilitatorWithWorkshop('facilitator-drag', 'Ziehen')
    await facilitator
      .locator('.workshop-item', { hasText: 'Ziehen' })
      .getByRole('link', { name: 'Beitrittsbildschirm' })
      .click()
    const joinUrl = (await facilitator.locator('.join-url').textContent())?.trim() ?? ''
    await facilitator.getByRole('link', { name: 'Zum Board' }).click()
    await facilitator.locator('.connection[data-state="online"]').waitFor()
    await seed(facilitator, [{ id: 'card-ziehen-0000000', text: 'Zum Ziehen', x: 300, y: 200 }])
    // A citizen drags a card she may not move across the page: no text gets selected either.
    const citizen = await newPerson(world.browser, 'citizen-drag', world.problems)
    await guestJoins(citizen, joinUrl, 'Clara')
    const foreign = await citizen.locator('.canvas .card:has-text("Zum Ziehen") .card-text').boundingBox()
    const aside = await citizen.locator('.sidebar').boundingBox()
    if (!foreign || !aside) throw new Error('card or sidebar not visible')
    await drag(citizen, { x: foreign.x + 5, y: foreign.y + 5 }, { x: aside.x + 40, y: aside.y + 80 })
    expect(await citizen.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('')
    // On a phone the tools stay on the screen, with 44 × 44 px targets.
    await citizen.setViewportSize({ width: 390, height: 844 })
    await card(citizen, 'Zum Ziehen')
      .locator('.card-text')
      .click({ modifiers: ['Shift'] })
    await citizen.locator('.selection-count', { hasText: '1 ausgewählt' }).waitFor()
    const targets = await citizen
      .locator('.canvas-tools-bar button, .selection-toolbar button')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect))
    for (const r of targets) {
      expect(r.width).toBeGreaterThanOrEqual(44)
      expect(r.height).toBeGreaterThanOrEqual(44)
      expect(r.left).toBeGreaterThanOrEqual(0)
      expect(r.right).toBeLessThanOrEqual(390)
    }
    await shot(citizen, 'phone-tools')
    await citizen.getByRole('button', { name: 'Auswahl aufheben' }).click()
    await citizen.setViewportSize({ width: 1280, height: 800 })
    const canvas = await box(facilitator, '.canvas')
    const sidebar = await box(facilitator, '.sidebar')
    const selected = () => facilitator.evaluate(() => window.getSelection()?.toString() ?? '')
    // A card dragged across the page into the sidebar's text.
    const grip = await box(facilitator, '.card:has-text("Zum Ziehen") .card-text')
    await drag(facilitator, { x: grip.x + 5, y: grip.y + 5 }, { x: sidebar.x + 40, y: sidebar.y + 60 })
    expect(await selected()).toBe('')
    // The empty canvas dragged (a pan) across the header's and the sidebar's text.
    await drag(
      facilitator,
      { x: canvas.x + 100, y: canvas.y + canvas.height - 60 },
      { x: canvas.x + 300, y: 20 },
    )
    expect(await selected()).toBe('')
    await drag(
      facilitator,
      { x: canvas.x + 100, y: canvas.y + canvas.height - 60 },
      { x: sidebar.x + sidebar.width / 2, y: sidebar.y + 120 },
    )
    expect(await selected()).toBe('')
    expect(world.problems).toEqual([])
  })
})
