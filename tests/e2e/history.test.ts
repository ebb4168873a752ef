/**
 * History in Chromium: a snapshot opens read-only (banner, its cards on the canvas and in the
 * list, no way to add or edit a card), the difference to a later snapshot shows the card added
 * and the card edited since, and "continue from here" (confirmed) opens a new workshop holding the snapshot's cards.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { addCard, facilitatorOpensWorkshop, newPerson, useBrowserWorld } from '../support/e2e-flow.ts'

const world = useBrowserWorld()

describe('history', () => {
  it('opens a snapshot read-only, compares it and continues from it', async () => {
    const page = await newPerson(world.browser, 'facilitator', world.problems)
    fs.mkdirSync(path.resolve('test-results/screenshots'), { recursive: true })
    await facilitatorOpensWorkshop(page, world.server.url, 'Marktplatz')
    const liveUrl = page.url()

    const snapshot = async (label: string) => {
      await page.getByLabel('Bezeichnung des Stands').fill(label)
      await page.getByRole('button', { name: 'Stand speichern' }).click()
      await page.getByText(`Stand „${label}“ gespeichert.`).waitFor()
    }
    await addCard(page, 'Radwege ausbauen')
    await page.locator('.canvas .card-text', { hasText: 'Radwege ausbauen' }).waitFor()
    await snapshot('Erster Stand')
    const cardId = await page
      .locator('.canvas .card', { hasText: 'Radwege ausbauen' })
      .getAttribute('data-card-id')
    const card = page.locator(`.canvas .card[data-card-id="${cardId}"]`)
    await card.hover()
    await card.getByRole('button', { name: 'Bearbeiten' }).click()
    await card.locator('textarea').fill('Radwege ausbauen und beleuchten')
    await page.keyboard.press('Escape')
    await page.locator('.canvas .card-text', { hasText: 'und beleuchten' }).waitFor()
    await addCard(page, 'Mehr Bänke am Markt')
    await page.locator('.canvas .card-text', { hasText: 'Mehr Bänke am Markt' }).waitFor()
    await snapshot('Zweiter Stand')

    // The list names label, time and author; "Ansehen" opens the first snapshot read-only.
    const first = page.locator('.snapshot-list li', { hasText: 'Erster Stand' })
    await first.getByText('von moderation').waitFor()
    await first.getByRole('link', { name: 'Ansehen' }).click()
    await page.waitForURL('**/history/**')
    const banner = page.locator('.history-banner')
    await banner.getByText(/^Stand vom .+ \(nur lesen\)$/).waitFor()
    await banner.getByText('„Erster Stand“').waitFor()
    await page.locator('.canvas .card-text', { hasText: 'Radwege ausbauen' }).waitFor()
    await page.locator('.history-cards li', { hasText: 'Radwege ausbauen' }).waitFor()
    expect(await page.locator('.canvas .card').count()).toBe(1)
    expect(await page.getByText('Mehr Bänke am Markt').count()).toBe(0)
    expect(await page.getByText('und beleuchten').count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Karte hinzufügen' }).count()).toBe(0)
    // No tools on a card, also where the live board shows them (hovered, focused).
    await page.locator('.canvas .card').hover()
    await page.locator('.canvas .card').focus()
    expect(await page.locator('.canvas .card-tools').count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Bearbeiten' }).count()).toBe(0)
    expect(await page.locator('.canvas textarea').count()).toBe(0)
    // A double click on the canvas adds nothing.
    await page.locator('.canvas').dblclick({ position: { x: 600, y: 400 } })
    expect(await page.locator('.canvas .card').count()).toBe(1)
    await page.screenshot({ path: path.resolve('test-results/screenshots/history-snapshot.png') })

    // The difference to the second snapshot: one card added.
    await page.getByLabel('Vergleichen mit').selectOption({ index: 1 })
    const diff = page.locator('.diff-result')
    await diff.getByText('Unterschiede von „Erster Stand“ zu „Zweiter Stand“').waitFor()
    await diff.getByText('Hinzugekommen (1)').waitFor()
    await diff.locator('.diff-added', { hasText: 'Mehr Bänke am Markt' }).waitFor()
    await diff.getByText('Geändert (1)').waitFor()
    await diff
      .locator('.diff-changed')
      .getByText('Text: „Radwege ausbauen“ → „Radwege ausbauen und beleuchten“')
      .waitFor()
    expect(await diff.locator('.diff-removed').count()).toBe(0)
    await page
      .locator('.history-diff')
      .screenshot({ path: path.resolve('test-results/screenshots/history-diff.png') })

    // Back to the live board and again here, then continue from this snapshot.
    await page.getByRole('link', { name: 'Zurück zum Live-Board' }).click()
    await page.waitForURL(liveUrl)
    await page.locator('.connection[data-state="online"]').waitFor()
    await page.goBack()
    await page.locator('.history-banner').waitFor()
    await page.getByLabel('Titel der neuen Werkstatt').fill('Marktplatz, zweiter Abend')
    let asked = ''
    page.once('dialog', (dialog) => {
      asked = dialog.message()
      void dialog.accept()
    })
    await page.getByRole('button', { name: 'Von hier aus weiterarbeiten' }).click()
    await page.waitForURL((url) => /^\/w\/[^/]+$/.test(url.pathname) && url.href !== liveUrl)
    expect(asked).toContain('Marktplatz, zweiter Abend')
    await page.locator('.connection[data-state="online"]').waitFor()
    await page.getByRole('heading', { name: 'Marktplatz, zweiter Abend' }).waitFor()
    await page.locator('.canvas .card-text', { hasText: 'Radwege ausbauen' }).waitFor()
    expect(await page.locator('.canvas .card').count()).toBe(1)
    // The new board is live and the facilitator's own: a card can be added.
    await addCard(page, 'Neuer Abend, neue Karte')
    await page.locator('.canvas .card-text', { hasText: 'Neuer Abend, neue Karte' }).waitFor()

    expect(world.problems).toEqual([])
  })
})
