/**
 * End to end in Chromium: a facilitator makes a guest an assistant, who types in three paper
 * cards by keyboard alone (text, group and colour by shortcut and by arrow keys in the radio
 * groups, Enter, next card, the focus staying in the text field), then attaches a photo; the
 * facilitator's board shows each card with the group it was entered for, and the photo.
 */
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { facilitatorOpensWorkshop, guestJoins, newPerson, useBrowserWorld } from '../support/e2e-flow.ts'

const world = useBrowserWorld()

describe('the assistant’s entry form', () => {
  it('enters paper cards by keyboard, and the facilitator sees them with their groups', async () => {
    const facilitator = await newPerson(world.browser, 'facilitator', world.problems)
    const { joinUrl } = await facilitatorOpensWorkshop(facilitator, world.server.url, 'Bürgerwerkstatt Markt')
    const jan = await newPerson(world.browser, 'jan', world.problems)
    await guestJoins(jan, joinUrl, 'Jan')

    await facilitator.getByLabel('Rolle von Jan').selectOption('assistant')
    await jan.getByText('Ihre Rolle wurde geändert.').waitFor()
    await jan.getByRole('heading', { name: 'Papierkarten eintragen' }).waitFor()

    const text = jan.getByLabel('Text der Karte')
    const status = jan.getByTestId('assistant-status')
    await text.focus()
    // Card 1: shortcuts. Alt+2 councillors, Alt+C from yellow to pink.
    await jan.keyboard.type('Mehr Bänke am Markt')
    await jan.keyboard.press('Alt+2')
    await jan.keyboard.press('Alt+C')
    await jan.keyboard.press('Enter')
    await expect.poll(() => status.textContent()).toBe('Karte für Ratsmitglieder gespeichert.')
    expect(await text.inputValue()).toBe('')
    expect(await text.evaluate((el) => el === document.activeElement)).toBe(true)

    // Card 2: arrow keys in the radio groups. Shift+Enter is a new line, not a save.
    await jan.keyboard.type('Bus auch')
    await jan.keyboard.press('Shift+Enter')
    await jan.keyboard.type('am Sonntag')
    await jan.keyboard.press('Tab')
    await jan.keyboard.press('ArrowDown')
    expect(await jan.getByRole('radio', { name: /Verwaltung/ }).isChecked()).toBe(true)
    await jan.keyboard.press('Tab')
    await jan.keyboard.press('ArrowRight')
    expect(await jan.getByRole('radio', { name: 'Blau' }).isChecked()).toBe(true)
    await jan.keyboard.press('Enter')
    await expect.poll(() => status.textContent()).toBe('Karte für Verwaltung gespeichert.')
    expect(await text.evaluate((el) => el === document.activeElement)).toBe(true)

    // Card 3: group by shortcut, the colour kept from the card before.
    await jan.keyboard.type('Spielplatz beleuchten')
    await jan.keyboard.press('Alt+1')
    await jan.keyboard.press('Enter')
    await expect.poll(() => status.textContent()).toBe('Karte für Bürger*innen gespeichert.')
    // An empty field saves nothing.
    await jan.keyboard.press('Enter')
    await expect.poll(() => status.textContent()).toBe('Bitte zuerst den Text der Karte eingeben.')

    await jan.getByRole('heading', { name: 'In dieser Sitzung eingetragen (3)' }).waitFor()
    const expected: [string, string, string][] = [
      ['Mehr Bänke am Markt', 'Papier · Ratsmitglieder', 'card-pink'],
      ['am Sonntag', 'Papier · Verwaltung', 'card-blue'],
      ['Spielplatz beleuchten', 'Papier · Bürger*innen', 'card-blue'],
    ]
    for (const [cardText, group, color] of expected) {
      const card = facilitator.locator('.card', { hasText: cardText })
      await card.locator('.card-group', { hasText: group }).waitFor()
      expect(await card.getAttribute('class')).toContain(color)
    }
    expect(
      await facilitator.locator('.card', { hasText: 'Bus auch' }).locator('.card-text').textContent(),
    ).toBe('Bus auch\nam Sonntag')
    // The cards were placed apart, in view.
    const boxes = await Promise.all(
      expected.map(([cardText]) => facilitator.locator('.card', { hasText: cardText }).boundingBox()),
    )
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1))
        expect(a && b && (Math.abs(a.x - b.x) >= 150 || Math.abs(a.y - b.y) >= 90)).toBe(true)

    // A photo of the first paper card: the facilitator's board shows it, its alt text the card's.
    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#f5e663' } })
      .jpeg()
      .toBuffer()
    await jan
      .locator('.entered-cards li', { hasText: 'Mehr Bänke am Markt' })
      .locator('input[type="file"]')
      .setInputFiles({ name: 'karte.jpg', mimeType: 'image/jpeg', buffer: photo })
    await jan.locator('.entered-cards li', { hasText: 'Foto gespeichert.' }).waitFor()
    const img = facilitator.locator('.card', { hasText: 'Mehr Bänke am Markt' }).locator('img.card-photo')
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1200)
    expect(await img.getAttribute('alt')).toBe('Mehr Bänke am Markt')
    expect(world.problems).toEqual([])
  })
})
