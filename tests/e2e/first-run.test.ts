/**
 * The doors in Chromium: the first account set up from another machine (behind the operator's
 * proxy) with the link the server printed, no token kept by the page, a guest who opens the
 * join link again under the same name staying the same participant, and the join screen's
 * doors: a new code, joining closed.
 */
import { Writable } from 'node:stream'
import type { Browser } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../server/logger.ts'
import { launchChromium } from '../support/browser.ts'
import { guestJoins } from '../support/e2e-flow.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer | null = null
let browser: Browser | null = null
afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

describe('first run and rejoining in the browser', () => {
  it('sets up with the printed link from elsewhere, keeps no token, and rejoins as the same guest', async () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    server = await startTestServer({
      withClient: true,
      env: { TRUST_PROXY: '1' },
      logger: createLogger('info', sink),
    })
    const link = lines.map((l) => /\/setup\?code=([2-9A-Z]{16})/.exec(l)?.[0]).find(Boolean)
    expect(link).toBeDefined()
    browser = await launchChromium()
    // Every request arrives as if through the operator's proxy, from a laptop on the LAN.
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '192.168.1.20' } })
    const page = await context.newPage()

    await page.goto(`${server.url}/setup`)
    await expect.poll(() => page.getByLabel('Einrichtungscode').isVisible()).toBe(true)
    await page.goto(`${server.url}${link}`)
    await expect.poll(() => page.getByLabel('Einrichtungscode').inputValue()).toMatch(/^[2-9A-Z]{16}$/)
    await page.getByLabel('Benutzername').fill('moderation')
    await page.getByLabel('Passwort').fill('sehr-geheimes-passwort')
    await page.getByRole('button', { name: 'Konto anlegen' }).click()
    await page.waitForURL('**/workshops')

    const cookies = await context.cookies()
    const session = cookies.find((c) => c.name === 'rw_session')
    expect(session?.httpOnly).toBe(true)
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))
    expect(stored).not.toContain(session?.value ?? 'no-session')

    await page.getByLabel('Titel').fill('Ratssaal')
    await page.getByRole('button', { name: 'Werkstatt anlegen' }).click()
    await page.getByRole('link', { name: 'Beitrittsbildschirm' }).click()
    const joinUrl = (await page.locator('.join-url').textContent())?.trim() ?? ''

    const guest = await (await browser.newContext()).newPage()
    await guestJoins(guest, joinUrl, 'Anna')
    await guestJoins(guest, joinUrl, 'Anna')
    const workshopId = new URL(guest.url()).pathname.split('/')[2] ?? ''
    const guests = (await server.deps.workshops.participants(workshopId)).filter((p) => p.userId === null)
    expect(guests.map((p) => p.name)).toEqual(['Anna'])

    // The facilitator's doors on the join screen: a new code, then joining closed.
    const oldCode = (await page.locator('.join-code').textContent())?.trim()
    page.once('dialog', (dialog) => void dialog.accept())
    await page.getByRole('button', { name: 'Neuer Beitrittscode' }).click()
    await expect.poll(async () => (await page.locator('.join-code').textContent())?.trim()).not.toBe(oldCode)
    await page.getByLabel('Beitritt offen', { exact: true }).uncheck()
    await page.getByText('Beitritt geschlossen: Niemand kann neu beitreten.').waitFor()
    expect((await server.deps.workshops.byId(workshopId))?.joining).toBe(false)
    await page.getByText('Diese Werkstatt nimmt gerade niemanden Neues auf.').waitFor()
  })
})
