/**
 * The hand queue in Chromium: two participants raise their hands (one by the button on a 390 px
 * phone, one by the key H), the facilitator sees them in order with waiting times and calls them
 * one after the other, and the projector shows the queue and the current speaker.
 */
import { describe, expect, it } from 'vitest'
import { facilitatorOpensWorkshop, guestJoins, newPerson, useBrowserWorld } from '../support/e2e-flow.ts'

const world = useBrowserWorld()

describe('raised hands', () => {
  it('queues two hands, the facilitator calls them in order, the projector shows queue and speaker', async () => {
    const facilitator = await newPerson(world.browser, 'facilitator', world.problems)
    const { joinUrl } = await facilitatorOpensWorkshop(facilitator, world.server.url, 'Bürgerhaushalt 2027')
    const boardUrl = facilitator.url()

    const anna = await newPerson(world.browser, 'anna', world.problems)
    await anna.setViewportSize({ width: 390, height: 844 })
    await guestJoins(anna, joinUrl, 'Anna')
    const bert = await newPerson(world.browser, 'bert', world.problems)
    await guestJoins(bert, joinUrl, 'Bert')

    const projector = await facilitator.context().newPage()
    projector.on('pageerror', (err) => world.problems.push(`projector: ${err.message}`))
    await projector.goto(`${boardUrl}/projector`)
    await projector.locator('.projector-head h1', { hasText: 'Bürgerhaushalt 2027' }).waitFor()

    // Anna on her phone: the button is on screen, announced with its key.
    const annaHand = anna.getByRole('button', { name: 'Hand heben' })
    await annaHand.waitFor()
    const box = await annaHand.boundingBox()
    expect(box && box.x >= 0 && box.x + box.width <= 390 && box.y + box.height <= 844).toBe(true)
    expect(await annaHand.getAttribute('aria-keyshortcuts')).toBe('H')
    await annaHand.click()
    await anna.getByRole('button', { name: 'Hand senken' }).waitFor()
    await anna.getByText('Sie sind Nr. 1 auf der Redeliste.').waitFor()

    // Bert by keyboard.
    await bert.getByRole('button', { name: 'Hand heben' }).waitFor()
    await bert.keyboard.press('h')
    await bert.getByText('Sie sind Nr. 2 auf der Redeliste.').waitFor()

    // The facilitator sees them in order, with waiting times counting up.
    const queue = facilitator.locator('.hands-queue li .hands-entry')
    await expect
      .poll(() => queue.allTextContents())
      .toEqual([
        expect.stringMatching(/^Anna \(Bürger\*in\) wartet 0:\d\d$/),
        expect.stringMatching(/^Bert \(Bürger\*in\) wartet 0:\d\d$/),
      ])
    const firstWait = (await queue.first().textContent()) ?? ''
    await expect.poll(() => queue.first().textContent(), { timeout: 4000 }).not.toBe(firstWait)

    // The projector shows the queue.
    const projected = projector.locator('.projector-queue li')
    await expect
      .poll(() => projected.allTextContents())
      .toEqual([expect.stringContaining('Anna'), expect.stringContaining('Bert')])

    // Called in order: Anna first, then Bert.
    const next = facilitator.getByRole('button', { name: 'Nächste Wortmeldung' })
    await next.click()
    await projector.locator('.projector-speaker', { hasText: 'Anna' }).waitFor()
    await anna.getByText('Sie haben das Wort.').waitFor()
    await expect.poll(() => projected.allTextContents()).toEqual([expect.stringContaining('Bert')])
    await bert.getByText('Sie sind Nr. 1 auf der Redeliste.').waitFor()
    await facilitator.locator('.hands-speaker', { hasText: 'Anna' }).waitFor()

    await next.click()
    await projector.locator('.projector-speaker', { hasText: 'Bert' }).waitFor()
    await bert.getByText('Sie haben das Wort.').waitFor()
    await anna.getByRole('button', { name: 'Hand heben' }).waitFor()
    // Each screen follows the board on its own: wait for the facilitator's too.
    await expect.poll(() => projector.locator('.projector-queue').count()).toBe(0)
    await expect.poll(() => next.isDisabled()).toBe(true)

    await facilitator.getByRole('button', { name: 'Wortmeldung beenden' }).click()
    await projector.locator('.projector-hands').waitFor({ state: 'detached' })
    await facilitator.getByText('Niemand hat gerade das Wort.').waitFor()

    // The facilitator raises a hand for someone in the room without a device.
    await facilitator.getByLabel('Name der Person im Raum').fill('Herr Schulz')
    await facilitator.getByRole('button', { name: 'Hand heben für diese Person' }).click()
    await projector.locator('.projector-queue li', { hasText: 'Herr Schulz (im Raum)' }).waitFor()
    // …and takes it down again: the queue leaves the projector.
    await facilitator.getByRole('button', { name: 'Hand senken für Herr Schulz' }).click()
    await projector.locator('.projector-hands').waitFor({ state: 'detached' })

    expect(world.problems).toEqual([])
  })
})
