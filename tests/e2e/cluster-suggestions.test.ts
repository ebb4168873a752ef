/**
 * Cluster suggestions in Chromium, by keyboard: the facilitator computes suggestions, retitles
 * one and accepts it with Enter (a frame with that title appears, its cards inside), rejects the
 * next; the focus follows to the next suggestion.
 */
import { describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { frameOf, readFrames } from '../../shared/board/frames.ts'
import { readCards } from '../../shared/board/schema.ts'
import { facilitatorOpensWorkshop, newPerson, useBrowserWorld } from '../support/e2e-flow.ts'

const world = useBrowserWorld()

const CARDS = [
  'Sichere Radwege zur Schule',
  'Der Radweg an der Hauptstraße endet im Nichts',
  'Radwegeausbau in der Altstadt',
  'Der Bus fährt abends nicht mehr',
  'Busse am Wochenende öfter',
  'Bus-Haltestelle mit Dach',
]

describe('cluster suggestions', () => {
  it('computes, retitles and accepts by keyboard; the frame holds the cards', async () => {
    const page = await newPerson(world.browser, 'facilitator', world.problems)
    await facilitatorOpensWorkshop(page, world.server.url, 'Mobilität')
    const id = new URL(page.url()).pathname.split('/').filter(Boolean).at(-1) as string
    await world.server.deps.sync.changeBoard(id, (board) => {
      CARDS.forEach((text, i) => {
        addCard(board, `k${i}`, { text, x: i * 200, y: 900, color: 'yellow' })
      })
    })
    await page.locator('.card', { hasText: 'Bus-Haltestelle mit Dach' }).waitFor()

    await page.getByRole('button', { name: 'Vorschläge berechnen' }).focus()
    await page.keyboard.press('Enter')
    await page.getByText('2 Vorschläge für 6 Karten.').waitFor()

    const radweg = page.getByRole('form', { name: /Vorschlag Radweg/ })
    await radweg.getByText('Verbindende Wörter: Radweg').waitFor()
    const title = radweg.getByLabel('Titel für den Rahmen')
    await title.focus()
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('Radverkehr')
    await page.keyboard.press('Enter')
    await page.getByText('Rahmen „Radverkehr“ mit 3 Karten angelegt.').waitFor()
    await page.getByLabel('Rahmen: Radverkehr').waitFor()

    // The focus is on the next suggestion's title; Tab on to its Reject button.
    const next = page.getByRole('form', { name: /Vorschlag Bus/ })
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).value))
      .toBe('Bus')
    await next.getByRole('button', { name: 'Verwerfen' }).focus()
    await page.keyboard.press('Enter')
    await page.getByText('Keine (weiteren) Vorschläge').waitFor()

    const { frames, cards } = await world.server.deps.sync.readBoard(id, (board) => ({
      frames: readFrames(board),
      cards: readCards(board),
    }))
    expect(frames.map((f) => f.title)).toEqual(['Radverkehr'])
    const inFrame = cards.filter((c) => frameOf(c, frames)).map((c) => c.id)
    expect(inFrame.sort()).toEqual(['k0', 'k1', 'k2'])
    expect(world.problems).toEqual([])
  })
})
