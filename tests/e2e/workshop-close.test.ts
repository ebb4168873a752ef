/**
 * Closing a workshop in Chromium: the facilitator closes it from the board (with a
 * confirmation), both the facilitator's board and a guest's screen stop offering to write, the
 * facilitator's board says why and stays readable, and the guest's session has ended.
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

describe('closing a workshop in the browser', () => {
  it('turns every screen read-only and keeps the board readable', async () => {
    const facilitator = await newPerson(world.browser, 'facilitator', world.problems)
    const { joinUrl } = await facilitatorOpensWorkshop(facilitator, world.server.url, 'Abschluss')
    const guest = await newPerson(world.browser, 'guest', world.problems)
    await guestJoins(guest, joinUrl, 'Anna')
    await addCard(guest, 'Mehr Bäume')
    await facilitator.locator('.card-text', { hasText: 'Mehr Bäume' }).waitFor()

    facilitator.once('dialog', (dialog) => void dialog.accept())
    await facilitator.getByRole('button', { name: 'Werkstatt schließen' }).click()
    await facilitator.getByText('Die Werkstatt ist geschlossen').waitFor()
    await facilitator.getByText('Sie sehen das Board nur an.').waitFor()
    expect(await facilitator.getByRole('button', { name: 'Karte hinzufügen' }).count()).toBe(0)
    expect(await facilitator.getByRole('button', { name: 'Werkstatt schließen' }).count()).toBe(0)
    await facilitator.locator('.connection[data-state="online"]').waitFor()
    await facilitator.locator('.card-text', { hasText: 'Mehr Bäume' }).waitFor()

    // The guest's session ended with the workshop: the screen says so and offers no writing.
    await guest.getByText('Ihre Sitzung ist beendet').waitFor({ timeout: 10_000 })
    await expect
      .poll(() => guest.getByRole('button', { name: 'Karte hinzufügen' }).count(), { timeout: 10_000 })
      .toBe(0)
    const id = new URL(facilitator.url()).pathname.split('/')[2] ?? ''
    expect((await world.server.deps.workshops.byId(id))?.closedAt).toBeTypeOf('number')
    expect(world.problems).toEqual([])
  })
})
