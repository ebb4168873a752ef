/**
 * Facilitation in Chromium: the storage warning, private writing with the reveal, a role change
 * that reaches an open board without a reload, and a removal.
 */
import { describe, expect, it } from 'vitest'
import {
  addCard,
  facilitatorOpensWorkshop,
  guestJoins,
  newPerson,
  useBrowserWorld,
} from '../support/e2e-flow.ts'

const world = useBrowserWorld()

describe('facilitation', () => {
  it('private writing, reveal, a live role change and a removal', async () => {
    const facilitator = await newPerson(world.browser, 'facilitator', world.problems)
    const { joinUrl } = await facilitatorOpensWorkshop(facilitator, world.server.url, 'Kritikphase')
    const anna = await newPerson(world.browser, 'anna', world.problems)
    await guestJoins(anna, joinUrl, 'Anna')
    const bert = await newPerson(world.browser, 'bert', world.problems)
    await guestJoins(bert, joinUrl, 'Bert')

    // The server cannot store (a full disk): every screen says so, until it can again.
    world.server.deps.sync.registry.setServerStatus({ storage: 'failing', since: Date.now() })
    const warning = 'Der Server kann gerade nicht speichern'
    await facilitator.getByRole('alert').filter({ hasText: warning }).waitFor()
    await anna.getByRole('alert').filter({ hasText: warning }).waitFor()
    world.server.deps.sync.registry.setServerStatus(null)
    await facilitator.getByText(warning).waitFor({ state: 'detached' })

    await facilitator.getByLabel('Private Schreibphase', { exact: true }).check()
    await anna.getByText('Private Schreibphase: Ihre neuen Karten').waitFor()
    await addCard(anna, 'Der Bauhof antwortet nie')
    await anna.locator('.card', { hasText: 'Der Bauhof antwortet nie' }).getByText('Privat').waitFor()
    await facilitator.getByText('Private Karten: 1').waitFor()
    await bert.waitForTimeout(300)
    expect(await bert.locator('.card', { hasText: 'Bauhof' }).count()).toBe(0)
    expect(await facilitator.locator('.card', { hasText: 'Bauhof' }).count()).toBe(0)

    await facilitator.getByRole('button', { name: 'Private Karten zeigen' }).click()
    await facilitator.getByText('1 Karte gezeigt.').waitFor()
    await bert.locator('.card', { hasText: 'Der Bauhof antwortet nie' }).waitFor()
    await facilitator.locator('.card', { hasText: 'Der Bauhof antwortet nie' }).waitFor()
    await expect.poll(() => anna.locator('.card', { hasText: 'Bauhof' }).getByText('Privat').count()).toBe(0)

    // Spotlight: everyone's attention on one card.
    await facilitator.locator('.card', { hasText: 'Der Bauhof antwortet nie' }).hover()
    await facilitator.getByRole('button', { name: 'Hervorheben' }).click()
    await bert.locator('.card.spotlit', { hasText: 'Der Bauhof antwortet nie' }).waitFor()
    await facilitator.getByRole('button', { name: 'Hervorhebung aufheben' }).click()
    await bert.locator('.card.spotlit').waitFor({ state: 'detached' })

    // Follow me: the facilitator zooms in, Bert's view follows.
    await facilitator.getByLabel('Alle folgen meiner Ansicht', { exact: true }).check()
    await facilitator.getByRole('button', { name: 'Vergrößern' }).click()
    await bert.getByRole('button', { name: 'Ansicht zurücksetzen' }).filter({ hasText: '120 %' }).waitFor()
    await facilitator.getByLabel('Alle folgen meiner Ansicht', { exact: true }).uncheck()

    // Bert becomes an observer while his board is open.
    await facilitator.getByLabel('Rolle von Bert').selectOption('observer')
    await bert.getByText('Ihre Rolle wurde geändert.').waitFor()
    await bert.getByText('Sie sehen das Board nur an.').waitFor()
    expect(await bert.getByRole('button', { name: 'Karte hinzufügen' }).count()).toBe(0)

    // Anna is removed: her board closes for good.
    facilitator.once('dialog', (dialog) => void dialog.accept())
    await facilitator
      .locator('.participants li', { hasText: 'Anna' })
      .getByRole('button', { name: 'Entfernen' })
      .click()
    await anna.getByText('Sie wurden aus dieser Werkstatt entfernt.').waitFor()
    expect(await anna.locator('.card').count()).toBe(0)

    expect(world.problems).toEqual([])
  })
})
