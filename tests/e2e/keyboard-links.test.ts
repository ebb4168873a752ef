/**
 * Connections in the list view, by keyboard alone (issue 12): no click, no mouse, no fill. The
 * facilitator logs in, opens the list view, connects two cards from a card's entry, reads the
 * connection at both ends, and deletes it; a participant's list view lists it too, read-only.
 * (The minutes' list of connections is tested in frames-links.test.ts.) Screenshots go to
 * /work/shots/list-links when that folder exists.
 */
import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { readConnectors } from '../../shared/board/connectors.ts'
import { createWorkshop, PASSWORD, setupFacilitator } from '../support/api.ts'
import { newPerson, useBrowserWorld } from '../support/e2e-flow.ts'
import {
  focused,
  joinByKeyboard,
  loginByKeyboard,
  openListByKeyboard,
  tabTo,
} from '../support/keyboard-flow.ts'

const world = useBrowserWorld()
const SHOTS = '/work/shots/list-links'

async function shot(page: Page, name: string): Promise<void> {
  if (fs.existsSync(SHOTS)) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

describe('connections in the list view, by keyboard', () => {
  it('the facilitator connects and deletes from the list; a participant reads them there', async () => {
    const { browser, server, problems } = world
    const token = await setupFacilitator(server.url)
    const w = await createWorkshop(server.url, token, 'Verbindungen als Liste')
    await server.deps.sync.changeBoard(w.id, (b) => {
      addCard(b, 'ursache', { text: 'Zu wenig Busse am Abend', x: 40, y: 40, color: 'yellow' }, 1)
      addCard(b, 'wirkung', { text: 'Wenig Leben in der Altstadt', x: 440, y: 40, color: 'pink' }, 2)
      addCard(b, 'allein', { text: 'Mehr Bänke', x: 240, y: 300, color: 'green' }, 3)
    })
    const links = () =>
      server.deps.sync.changeBoard(w.id, (b) => readConnectors(b).map((c) => `${c.from}>${c.to}`))

    const mod = await newPerson(browser, 'moderation', problems)
    await loginByKeyboard(mod, server.url, { username: 'moderation', password: PASSWORD }, w.id)
    await openListByKeyboard(mod)
    const modEntry = (id: string) => mod.locator(`[data-connections-for="${id}"]`)
    // A card without connections says so, with the select to add one.
    await modEntry('allein').getByText('Noch keine Verbindungen.').waitFor()

    // Connect "Zu wenig Busse" to "Wenig Leben": its select, the option's first letter, Enter.
    await tabTo(mod, (f) => f.tag === 'select' && f.id === 'link-target-ursache', 60)
    await mod.keyboard.type('W')
    await mod.keyboard.press('Enter')
    await expect.poll(links).toEqual(['ursache>wirkung'])
    // Both ends list it, each its way round; focus stays on the select for the next one.
    await modEntry('ursache').getByText('→ Wenig Leben in der Altstadt').waitFor()
    await modEntry('wirkung').getByText('← Zu wenig Busse am Abend').waitFor()
    expect((await focused(mod)).id).toBe('link-target-ursache')
    // The connected card is no longer offered to connect again.
    expect(await modEntry('ursache').locator('option', { hasText: 'Wenig Leben' }).count()).toBe(0)
    await shot(mod, 'facilitator-list')

    // A participant's list view lists the connection read-only, and nothing for a card without.
    const ben = await newPerson(browser, 'ben', problems)
    await joinByKeyboard(ben, `${server.url}/join/${w.joinCode}`, 'Ben')
    await openListByKeyboard(ben)
    const benEntry = (id: string) => ben.locator(`[data-connections-for="${id}"]`)
    await benEntry('ursache').getByText('→ Wenig Leben in der Altstadt').waitFor()
    await benEntry('wirkung').getByText('← Zu wenig Busse am Abend').waitFor()
    await ben.getByRole('heading', { name: 'Verbindungen', level: 4 }).first().waitFor()
    expect(await ben.locator('.list-card-connections select, .list-card-connections button').count()).toBe(0)
    expect(await benEntry('allein').textContent()).toBe('')
    await shot(ben, 'participant-list')
    await ben.setViewportSize({ width: 390, height: 844 })
    await benEntry('ursache').getByText('→ Wenig Leben in der Altstadt').waitFor()
    await shot(ben, 'participant-list-phone')
    // On a phone the list fits the screen's width (it took its widest line's width: 779 px).
    const widths = await ben.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ])
    expect(widths[0]).toBeLessThanOrEqual(widths[1] as number)

    // The facilitator deletes it: back from the select to the connection's delete button, Enter.
    await tabTo(
      mod,
      (f) => f.name === 'Verbindung löschen: Zu wenig Busse am Abend → Wenig Leben in der Altstadt',
      5,
      'Shift+Tab',
    )
    await mod.keyboard.press('Enter')
    await expect.poll(links).toEqual([])
    // Focus goes to the card's select, not to <body>.
    expect((await focused(mod)).id).toBe('link-target-ursache')
    await modEntry('ursache').getByText('Noch keine Verbindungen.').waitFor()
    await expect.poll(() => benEntry('ursache').textContent()).toBe('')
    await expect.poll(() => benEntry('wirkung').textContent()).toBe('')
    expect(problems).toEqual([])
  }, 90_000)
})
