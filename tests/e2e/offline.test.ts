/**
 * Offline, as a participant in a hall with bad Wi-Fi lives it: the network goes, they reload
 * (the browser would show its "No internet" page), and the board is still there from the
 * browser's copy (service worker for the app shell, board-cache.ts for the board); what they
 * write meanwhile is marked and counted as not sent; when the network comes back it syncs,
 * and another participant sees it.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  addCard,
  facilitatorOpensWorkshop,
  guestJoins,
  newPerson,
  useBrowserWorld,
} from '../support/e2e-flow.ts'

const world = useBrowserWorld()

/** Errors a page logs because the network is gone (failed loads, the socket's retries). */
const OFFLINE_NOISE = /ERR_INTERNET_DISCONNECTED|ERR_NAME_NOT_RESOLVED|WebSocket connection|net::ERR_/

const badge = (page: Page) => page.locator('.connection')

/** The service worker controls the page and keeps the shell; the board's copy is written. */
async function readyForOffline(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    const registration = await navigator.serviceWorker.ready
    if (!registration.active || !navigator.serviceWorker.controller) return false
    const names = (await indexedDB.databases()).map((db) => db.name ?? '')
    return names.some((name) => name.startsWith('rw-desk-board-'))
  })
  // The copy of the board is written a moment after its last change.
  await page.waitForTimeout(1500)
}

describe('offline', () => {
  it('reloads without network into the board, marks what is unsent, and syncs on reconnect', async () => {
    const facilitator = await newPerson(world.browser, 'facilitator', world.problems)
    const { joinUrl } = await facilitatorOpensWorkshop(facilitator, world.server.url, 'Schlechtes WLAN')
    await addCard(facilitator, 'Karte der Moderation')

    const annaProblems: string[] = []
    const anna = await newPerson(world.browser, 'anna', annaProblems)
    await guestJoins(anna, joinUrl, 'Anna')
    await addCard(anna, 'Vor dem Ausfall')
    await facilitator.locator('.card', { hasText: 'Vor dem Ausfall' }).waitFor()
    const ben = await newPerson(world.browser, 'ben', world.problems)
    await guestJoins(ben, joinUrl, 'Ben')
    await readyForOffline(anna)

    // The network goes; Anna reloads.
    await anna.context().setOffline(true)
    await anna.reload()
    await anna.locator('.card', { hasText: 'Karte der Moderation' }).waitFor()
    await anna.locator('.card', { hasText: 'Vor dem Ausfall' }).waitFor()
    await expect.poll(() => badge(anna).getAttribute('data-state')).toBe('offline')
    await expect.poll(() => badge(anna).getAttribute('data-unsent')).toBe('0')

    // What she writes now is marked and counted.
    await addCard(anna, 'Offline geschrieben')
    const written = anna.locator('.card', { hasText: 'Offline geschrieben' })
    await written.locator('.badge.unsent').waitFor()
    await expect.poll(() => badge(anna).getAttribute('data-unsent')).toBe('1')
    expect(await badge(anna).textContent()).toContain('Eine Änderung noch nicht gesendet')
    await anna.screenshot({ path: path.resolve('test-results/screenshots/offline-unsent.png') })

    // A second reload, still offline: the card and its mark are still there.
    await anna.reload()
    await anna.locator('.card', { hasText: 'Offline geschrieben' }).locator('.badge.unsent').waitFor()
    await expect.poll(() => badge(anna).getAttribute('data-unsent')).toBe('1')
    // Nobody else has it yet.
    expect(await ben.locator('.card', { hasText: 'Offline geschrieben' }).count()).toBe(0)

    // The network comes back: it is sent, the marks go, the others see it.
    await anna.context().setOffline(false)
    await anna.locator('.connection[data-state="online"]').waitFor({ timeout: 20_000 })
    await expect.poll(() => badge(anna).getAttribute('data-unsent')).toBe('0')
    expect(await written.locator('.badge.unsent').count()).toBe(0)
    await ben.locator('.card', { hasText: 'Offline geschrieben' }).waitFor({ timeout: 10_000 })
    await facilitator.locator('.card', { hasText: 'Offline geschrieben' }).waitFor()

    expect(annaProblems.filter((p) => !OFFLINE_NOISE.test(p))).toEqual([])
    expect(world.problems).toEqual([])
  })
})
