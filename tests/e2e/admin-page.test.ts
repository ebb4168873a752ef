/**
 * The administrator page in Chromium, by keyboard only: reached from the workshops page, an
 * account created, its role changed, deactivated and reactivated, a new password set, and the
 * retention settings saved; axe finds no serious or critical violation. Someone without the
 * administrator's right is sent back.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { readRetention } from '../../server/retention/retention-settings.ts'
import { call, PASSWORD, setupFacilitator } from '../support/api.ts'
import { launchChromium } from '../support/browser.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer | null = null
let browser: Browser | null = null
afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol: the page's CSP (script-src 'self') stays as it is.
  await page.evaluate(fs.readFileSync(axeSource, 'utf8'))
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global.
    const result = await (window as any).axe.run(document)
    return (result.violations as { id: string; impact: string }[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id)
  })
}

/** Focuses an element and types, then presses a key: no mouse anywhere. */
async function typeInto(page: Page, selector: string, text: string) {
  await page.locator(selector).focus()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.type(text)
}

describe('the administrator page', () => {
  it('manages accounts and retention by keyboard, without accessibility violations', async () => {
    server = await startTestServer({ withClient: true })
    await setupFacilitator(server.url)
    browser = await launchChromium()
    const page = await (await browser.newContext()).newPage()
    await page.goto(`${server.url}/login`)
    await typeInto(page, '#login-username', 'moderation')
    await typeInto(page, '#login-password', PASSWORD)
    await page.keyboard.press('Enter')
    await page.waitForURL('**/workshops')

    await page.getByRole('link', { name: 'Verwaltung: Konten und Aufbewahrung' }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL('**/admin')
    await page
      .getByRole('heading', { name: 'Retention' })
      .or(page.getByRole('heading', { name: 'Aufbewahrung' }))
      .waitFor()

    // A new account, by keyboard.
    await typeInto(page, '#account-username', 'ratsherr')
    await typeInto(page, '#account-password', PASSWORD)
    await page.keyboard.press('Enter')
    await page.getByRole('rowheader', { name: 'ratsherr' }).waitFor()
    const user = await server.deps.users.byUsername('ratsherr')
    expect(user?.role).toBe('councillor')
    const id = user?.id ?? ''

    // Role: the select takes arrow keys.
    await page.locator(`#account-${id}-role`).focus()
    await page.keyboard.press('ArrowUp')
    await expect.poll(async () => (await server?.deps.users.byUsername('ratsherr'))?.role).toBe('facilitator')

    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'ratsherr' }) })
    await row.getByRole('button', { name: 'Deaktivieren' }).focus()
    await page.keyboard.press('Space')
    await row.getByRole('button', { name: 'Reaktivieren' }).waitFor()
    expect(
      (await call(server.url, 'POST', '/api/login', { username: 'ratsherr', password: PASSWORD })).status,
    ).toBe(403)
    await row.getByRole('button', { name: 'Reaktivieren' }).focus()
    await page.keyboard.press('Enter')
    await row.getByRole('button', { name: 'Deaktivieren' }).waitFor()

    await typeInto(page, `#account-${id}-password`, 'ganz-neues-passwort')
    await page.keyboard.press('Enter')
    await row.getByText('Passwort gesetzt').waitFor()
    expect(
      (
        await call(server.url, 'POST', '/api/login', {
          username: 'ratsherr',
          password: 'ganz-neues-passwort',
        })
      ).status,
    ).toBe(200)

    // Retention: days and the choice for participants' cards.
    await typeInto(page, '#retention-guestDays', '30')
    await typeInto(page, '#retention-hiddenTextDays', '7')
    await page.getByRole('radio', { name: 'entfernen' }).focus()
    await page.keyboard.press('Space')
    await page.locator('#retention-workshopDays').focus()
    await page.keyboard.press('Enter')
    await page.getByText('Aufbewahrung gespeichert.').waitFor()
    expect(await readRetention(server.deps.sql)).toEqual({
      guestDays: 30,
      hiddenTextDays: 7,
      workshopDays: null,
      participantDeletion: 'remove',
    })

    expect(await seriousViolations(page)).toEqual([])

    // A facilitator who is not an administrator is sent back to the workshops.
    const other = await (await browser.newContext()).newPage()
    await other.goto(`${server.url}/login`)
    await typeInto(other, '#login-username', 'ratsherr')
    await typeInto(other, '#login-password', 'ganz-neues-passwort')
    await other.keyboard.press('Enter')
    await other.waitForURL('**/workshops')
    await other.goto(`${server.url}/admin`)
    await other.waitForURL('**/workshops')
  })
})
