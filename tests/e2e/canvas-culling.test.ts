/**
 * A big board renders only what is near the view, and never drops the card someone is working
 * on: a focused card, and one being edited, stay on the canvas when the view pans far away.
 * Zoomed out over hundreds of cards, the canvas draws them as blocks on one bitmap, and the
 * keyboard still walks the cards one by one.
 */
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { addCard as writeCard } from '../../shared/board/card-ops.ts'
import { notesOf } from '../../shared/board/schema.ts'
import { createWorkshop, PASSWORD, setupFacilitator } from '../support/api.ts'
import { newPerson, useBrowserWorld } from '../support/e2e-flow.ts'
import { connectClient, waitFor, waitSynced } from '../support/sync-client.ts'

const world = useBrowserWorld()
const COLS = 30
const CARDS = 600
/** Screenshots go here when the folder exists. */
const SHOTS = '/work/shots/culling'

let token: Promise<string> | null = null

async function seedBoard(): Promise<{ id: string }> {
  token ??= setupFacilitator(world.server.url)
  const workshop = await createWorkshop(world.server.url, await token, 'Großes Board')
  const writer = connectClient(world.server.url, workshop.id, await token)
  await waitSynced(writer)
  writer.doc.transact(() => {
    for (let i = 0; i < CARDS; i++) {
      const x = (i % COLS) * 220
      const y = Math.floor(i / COLS) * 170
      writeCard(writer.doc, `c${i}`, { text: `Karte ${i}`, x, y, color: i % 2 ? 'blue' : 'yellow' }, 1000 + i)
    }
  })
  const check = connectClient(world.server.url, workshop.id, await token)
  await waitFor(() => notesOf(check.doc).size === CARDS, 20_000, 'cards on the server')
  check.destroy()
  writer.destroy()
  return workshop
}

async function openAsFacilitator(workshopId: string) {
  const page = await newPerson(world.browser, 'moderation', world.problems)
  await page.goto(`${world.server.url}/login`)
  await page.getByLabel('Benutzername').fill('moderation')
  await page.getByLabel('Passwort').fill(PASSWORD)
  await page.getByRole('button', { name: 'Anmelden' }).click()
  await page.waitForURL('**/workshops')
  await page.goto(`${world.server.url}/w/${workshopId}`)
  await page.locator('.card[data-card-id="c0"]').waitFor()
  return page
}

describe('canvas culling', () => {
  it('draws a zoomed-out board of hundreds of cards as blocks; the keyboard still walks its cards', async () => {
    const workshop = await seedBoard()
    const page = await openAsFacilitator(workshop.id)
    await page.getByRole('button', { name: 'Alles zeigen' }).click()
    await page.locator('.overview-layer').waitFor()
    // The whole board in view, but only the canvas's tab stop is an element.
    await expect.poll(() => page.locator('.canvas .card').count()).toBeLessThanOrEqual(2)
    const bitmap = await page.locator('.overview-layer').boundingBox()
    expect(bitmap?.width).toBeGreaterThan(300)
    // The blocks are painted: the bitmap is not blank where the first card is.
    const painted = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('.overview-layer')
      const pixel = canvas?.getContext('2d')?.getImageData(2, 2, 1, 1).data
      return pixel ? Array.from(pixel) : null
    })
    expect(painted?.[3]).toBe(255)
    if (fs.existsSync(SHOTS)) await page.screenshot({ path: `${SHOTS}/overview.png` })
    // The canvas's one tab stop is the first card; arrows walk on, each an element with its name.
    await page.locator('.canvas .card[tabindex="0"]').focus()
    const at = () => page.evaluate(() => document.activeElement?.getAttribute('data-card-id') ?? null)
    expect(await at()).toBe('c0')
    await page.keyboard.press('ArrowRight')
    await expect.poll(at).toBe('c1')
    expect(await page.locator('.card[data-card-id="c1"]').getAttribute('aria-label')).toContain('Karte 1')
    // Zoomed back in, the cards are elements again and the bitmap is gone.
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Vergrößern' }).click()
    await expect.poll(() => page.locator('.overview-layer').count()).toBe(0)
    expect(await page.locator('.canvas .card').count()).toBeGreaterThan(5)
    expect(world.problems).toEqual([])
  })

  it('renders the cards near the view and keeps the focused and edited card when the view moves away', async () => {
    const workshop = await seedBoard()
    const page = await openAsFacilitator(workshop.id)
    const cards = page.locator('.canvas .card')
    // A 1280 × 800 window shows about 5 × 4 cards; with the margin, far fewer than all 600.
    await expect.poll(() => cards.count()).toBeLessThan(150)
    expect(await cards.count()).toBeGreaterThan(10)
    expect(await page.locator('.card[data-card-id="c599"]').count()).toBe(0)

    // Focus a card, start editing it, then zoom in around the far corner of the canvas: the card
    // and its neighbours leave the view, and focus stays where it is.
    await page.locator('.card[data-card-id="c0"]').focus()
    await page.keyboard.press('Enter')
    await page.locator('.card[data-card-id="c0"] textarea').waitFor()
    await page.keyboard.type(' bearbeitet')
    const box = await page.locator('.canvas').boundingBox()
    if (!box) throw new Error('no canvas')
    // The canvas runs below the window's bottom edge; the window's corner is what the mouse reaches.
    await page.mouse.move(box.x + box.width - 10, Math.min(box.y + box.height, 800) - 10)
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -400)
    await expect.poll(() => page.locator('.card[data-card-id="c1"]').count()).toBe(0)
    expect(await page.locator('.card[data-card-id="c0"] textarea').count()).toBe(1)
    const focused = await page.evaluate(() =>
      document.activeElement?.closest('.card')?.getAttribute('data-card-id'),
    )
    expect(focused).toBe('c0')
    expect(await page.locator('.card[data-card-id="c0"] textarea').inputValue()).toBe('Karte 0 bearbeitet')

    // Once focus leaves it, the far card stays rendered only as the canvas's one tab stop (Tab
    // must find it wherever the view is).
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Karte hinzufügen' }).focus()
    await page.waitForTimeout(200)
    expect(await page.locator('.card[data-card-id="c0"]').count()).toBe(1)
    expect(await page.locator('.card[data-card-id="c0"]').getAttribute('tabindex')).toBe('0')
    // (Escape gave focus back to the card, and the view followed it there: its neighbours are
    // rendered again, the rest of the board is not.)
    expect(await page.locator('.canvas .card').count()).toBeLessThan(600)
    expect(world.problems).toEqual([])
  })
})
