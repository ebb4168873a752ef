/**
 * End to end in Chromium: a facilitator sets up the instance and a workshop, a citizen joins
 * with the code in a second browser context, both write and move cards and see each other's
 * cursors live, and the facilitator exports the minutes.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { facilitatorOpensWorkshop, guestJoins, newPerson, useBrowserWorld } from '../support/e2e-flow.ts'

const world = useBrowserWorld()

async function cardPosition(page: Page, text: string) {
  return page.locator('.card', { hasText: text }).evaluate((el) => getComputedStyle(el).transform)
}

describe('two people, one board', () => {
  it('facilitator and citizen write, move and see each other live, then export minutes', async () => {
    const facilitator = await newPerson(world.browser, 'facilitator', world.problems)
    const { joinUrl, code } = await facilitatorOpensWorkshop(
      facilitator,
      world.server.url,
      'Drehbuch Digitale Kommune',
    )
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/)

    const citizen = await newPerson(world.browser, 'citizen', world.problems)
    await guestJoins(citizen, joinUrl, 'Anna')

    await facilitator.getByRole('button', { name: 'Karte hinzufügen' }).click()
    await facilitator.keyboard.type('Bürgerbüro online')
    await facilitator.keyboard.press('Escape')
    await citizen.getByRole('button', { name: 'Karte hinzufügen' }).click()
    await citizen.keyboard.type('Radwege sicherer machen')
    await citizen.keyboard.press('Escape')

    await citizen.locator('.card', { hasText: 'Bürgerbüro online' }).waitFor()
    await facilitator.locator('.card', { hasText: 'Radwege sicherer machen' }).waitFor()
    await expect
      .poll(() => facilitator.locator('.card', { hasText: 'Radwege sicherer machen' }).textContent())
      .toContain('Anna')
    // Each card says who wrote it in which role: a citizen's card reads differently from the facilitator's.
    await facilitator
      .locator('.card', { hasText: 'Radwege sicherer machen' })
      .locator('.card-role', { hasText: 'Bürger*in' })
      .waitFor()
    await citizen
      .locator('.card', { hasText: 'Bürgerbüro online' })
      .locator('.card-role', { hasText: 'Moderation' })
      .waitFor()

    // The citizen drags her card; the facilitator sees it arrive at the same place.
    const before = await cardPosition(facilitator, 'Radwege sicherer machen')
    const card = citizen.locator('.card', { hasText: 'Radwege sicherer machen' }).locator('.card-text')
    const box = await card.boundingBox()
    if (!box) throw new Error('card not visible')
    await citizen.mouse.move(box.x + 10, box.y + 5)
    await citizen.mouse.down()
    await citizen.mouse.move(box.x + 110, box.y + 85, { steps: 8 })
    await citizen.mouse.up()
    await expect.poll(() => cardPosition(facilitator, 'Radwege sicherer machen')).not.toBe(before)
    await expect
      .poll(() => cardPosition(facilitator, 'Radwege sicherer machen'))
      .toBe(await cardPosition(citizen, 'Radwege sicherer machen'))

    // The facilitator moves the citizen's card (Shift+arrows; plain arrows go to the next card); her screen follows the board.
    const herCard = facilitator.locator('.card', { hasText: 'Radwege sicherer machen' })
    await herCard.focus()
    await facilitator.keyboard.press('Shift+ArrowDown')
    await facilitator.keyboard.press('Shift+ArrowDown')
    const moved = await cardPosition(facilitator, 'Radwege sicherer machen')
    await expect.poll(() => cardPosition(citizen, 'Radwege sicherer machen')).toBe(moved)

    // The citizen may not edit the facilitator's card: it offers no tools to her.
    const foreignCard = citizen.locator('.card', { hasText: 'Bürgerbüro online' })
    expect(await foreignCard.getByRole('button', { name: 'Löschen' }).count()).toBe(0)

    // Live cursors with names, both ways.
    await facilitator.mouse.move(300, 300)
    await facilitator.mouse.move(320, 330, { steps: 3 })
    await citizen.locator('.cursor', { hasText: 'moderation' }).waitFor()
    await citizen.mouse.move(500, 400)
    await citizen.mouse.move(520, 420, { steps: 3 })
    await facilitator.locator('.cursor', { hasText: 'Anna' }).waitFor()

    // Snapshot and minutes.
    await facilitator.getByLabel('Bezeichnung des Stands').fill('Ende Kritikphase')
    await facilitator.getByRole('button', { name: 'Stand speichern' }).click()
    await facilitator.getByRole('link', { name: 'Markdown' }).waitFor()
    const workshopId = new URL(facilitator.url()).pathname.split('/').pop()
    const minutes = await facilitator.request.get(
      `${world.server.url}/api/workshops/${workshopId}/minutes?format=html`,
    )
    expect(minutes.status()).toBe(200)
    const html = await minutes.text()
    expect(html).toContain('Ende Kritikphase')
    expect(html).toContain('Bürgerbüro online')
    expect(html).toContain('Radwege sicherer machen')
    expect(html).toContain('Anna (Bürger*in)')

    expect(world.problems).toEqual([])
  })
})
