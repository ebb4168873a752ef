/**
 * What a walk through issue 11's features found, kept fixed in Chromium: the approval queue
 * works by keyboard (Enter in the reason rejects, focus goes to the next waiting card), and on
 * a shared tablet each tab votes as its own person; a tab that names no person (opened before
 * tabs named theirs) whose person is no longer the session's refuses to vote instead of
 * counting the vote for whoever joined last.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  addCard,
  facilitatorOpensWorkshop,
  guestJoins,
  newPerson,
  newTab,
  useBrowserWorld,
} from '../support/e2e-flow.ts'

const world = useBrowserWorld()

describe('walk of the issue-11 features', () => {
  it('rejects by keyboard with focus kept, and votes only as the tab’s own person', async () => {
    const facilitator = await newPerson(world.browser, 'facilitator', world.problems)
    const { joinUrl } = await facilitatorOpensWorkshop(facilitator, world.server.url, 'Rundgang')
    const workshopId = new URL(facilitator.url()).pathname.split('/').pop() ?? ''
    const api = `${world.server.url}/api/workshops/${workshopId}`
    const headers = { origin: world.server.url }
    // The Zukunftswerkstatt's fantasy phase: dot voting, no private writing.
    expect(
      (
        await facilitator.request.post(`${api}/phase`, { data: { phaseId: 'zw-fantasie' }, headers })
      ).status(),
    ).toBe(200)
    await facilitator.getByLabel('Neue Karten erst nach Freigabe zeigen', { exact: true }).check()

    const carla = await newPerson(world.browser, 'carla', world.problems)
    await guestJoins(carla, joinUrl, 'Carla')
    await addCard(carla, 'Karte eins')
    await addCard(carla, 'Karte zwei')

    // Reject the first by keyboard: a reason, then Enter.
    const reason = facilitator.getByLabel(/Karte eins/)
    await reason.waitFor({ timeout: 10_000 })
    await facilitator.getByLabel(/Karte zwei/).waitFor()
    await reason.focus()
    await facilitator.keyboard.type('Doppelt')
    await facilitator.keyboard.press('Enter')
    await carla.getByText('Von der Moderation abgelehnt: Doppelt').waitFor({ timeout: 5000 })
    // Focus is on the next waiting card's Approve, not dropped to the page.
    await expect
      .poll(() => facilitator.evaluate(() => document.activeElement?.textContent?.trim() ?? ''))
      .toBe('Freigeben')
    await facilitator.keyboard.press('Enter')
    const approved = facilitator.locator('.card', { hasText: 'Karte zwei' })
    await approved.waitFor()

    // Two guests in two tabs of one profile: the session cookie is the later one's, but each tab
    // names its own guest.
    const tablet = await world.browser.newContext({ viewport: { width: 1280, height: 800 } })
    const anna = await newTab(tablet, 'anna', world.problems)
    await guestJoins(anna, joinUrl, 'Anna')
    const bert = await newTab(tablet, 'bert', world.problems)
    await guestJoins(bert, joinUrl, 'Bert')
    const votePlus = async (page: Page) => {
      const card = page.locator('.card', { hasText: 'Karte zwei' })
      await card.focus()
      await card.getByRole('button', { name: 'Einen Punkt mehr für diese Karte' }).click()
    }
    const voters = async () =>
      ((await (await facilitator.request.get(`${api}/votes/count`)).json()) as { voters: number }).voters

    await votePlus(anna)
    await anna.locator('.card', { hasText: 'Karte zwei' }).getByText('1 von Ihnen').waitFor()
    expect(await voters()).toBe(1)
    await votePlus(bert)
    await expect.poll(voters).toBe(2)
    await bert.locator('.card', { hasText: 'Karte zwei' }).getByText('1 von Ihnen').waitFor()

    // The client's second line of defence: a tab that names nobody (its storage lost, or opened
    // before tabs named their guest) acts on the profile's session, now Cem's: it refuses.
    const cem = await newTab(tablet, 'cem', world.problems)
    await anna.evaluate(() => sessionStorage.clear())
    await guestJoins(cem, joinUrl, 'Cem')
    await anna.bringToFront()
    const card = anna.locator('.card', { hasText: 'Karte zwei' })
    await card.focus()
    await card.getByRole('button', { name: 'Einen Punkt weniger für diese Karte' }).click()
    await anna.getByText('Auf diesem Gerät ist inzwischen „Cem“ beigetreten').waitFor()
    expect(await voters()).toBe(2)

    expect(world.problems.filter((p) => !/status of 4\d\d/.test(p))).toEqual([])
  })
})
