/** Steps of the browser tests, done as a person would: through the pages, in German. */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchChromium } from './browser.ts'
import { startTestServer, type TestServer } from './test-server.ts'

/** A server with the built client and one Chromium for a browser test file. */
export function useBrowserWorld() {
  const world = {
    server: null as unknown as TestServer,
    browser: null as unknown as Browser,
    problems: [] as string[],
  }
  beforeAll(async () => {
    if (!fs.existsSync(path.resolve('dist/client/index.html'))) {
      throw new Error('The client is not built: run `npm run build` (npm test does this first).')
    }
    world.server = await startTestServer({ withClient: true })
    world.browser = await launchChromium()
  })
  afterAll(async () => {
    await world.browser?.close()
    await world.server?.dispose()
  })
  return world
}

/** A new browser profile whose page errors and console errors are collected. */
export async function newPerson(browser: Browser, who: string, problems: string[]): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
  page.on('pageerror', (err) => problems.push(`${who}: ${err.message}`))
  page.on('console', (msg) => {
    // Refusals the app shows in its own words (401 before login, 400 for a vote over the cap) log
    // as failed loads; anything else (CSP, script errors, 5xx) is a problem.
    if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) problems.push(`${who}: ${msg.text()}`)
  })
  return page
}

/**
 * First-run setup, a new workshop, its join screen (waiting for the QR code to load); returns the
 * join link and the code as shown. Ends on the board, connected.
 */
export async function facilitatorOpensWorkshop(
  page: Page,
  baseUrl: string,
  title: string,
): Promise<{ joinUrl: string; code: string }> {
  await page.goto(`${baseUrl}/`)
  await page.waitForURL('**/setup')
  await page.getByLabel('Benutzername').fill('moderation')
  await page.getByLabel('Passwort').fill('sehr-geheimes-passwort')
  await page.getByRole('button', { name: 'Konto anlegen' }).click()
  await page.waitForURL('**/workshops')
  await page.getByLabel('Titel').fill(title)
  await page.getByRole('button', { name: 'Werkstatt anlegen' }).click()
  await page.getByRole('link', { name: 'Beitrittsbildschirm' }).click()
  const code = (await page.locator('.join-code').textContent())?.trim() ?? ''
  const joinUrl = (await page.locator('.join-url').textContent())?.trim() ?? ''
  await page.waitForFunction(
    () => (document.querySelector('img.qr') as HTMLImageElement | null)?.naturalWidth,
  )
  await page.getByRole('link', { name: 'Zum Board' }).click()
  await page.locator('.connection[data-state="online"]').waitFor()
  return { joinUrl, code }
}

export async function guestJoins(page: Page, joinUrl: string, name: string): Promise<void> {
  await page.goto(joinUrl)
  await page.getByLabel('Ihr Name oder ein Pseudonym').fill(name)
  await page.getByRole('button', { name: 'Beitreten' }).click()
  await page.waitForURL('**/w/**')
  await page.locator('.connection[data-state="online"]').waitFor()
}

export async function addCard(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Karte hinzufügen' }).click()
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
}

/** Another tab in an existing browser profile (shared cookies, IndexedDB, BroadcastChannel). */
export async function newTab(context: BrowserContext, who: string, problems: string[]): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (err) => problems.push(`${who}: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) problems.push(`${who}: ${msg.text()}`)
  })
  return page
}

/** Like guestJoins; returns the new participant's id from the server's answer. */
export async function guestJoinsAs(page: Page, joinUrl: string, name: string): Promise<string> {
  const answer = page.waitForResponse(
    (res) => new URL(res.url()).pathname === '/api/join' && res.request().method() === 'POST',
  )
  await guestJoins(page, joinUrl, name)
  const body = (await (await answer).json()) as { participantId: string }
  return body.participantId
}

/** The desk caches (IndexedDB databases) this page's browser profile holds. */
export function deskDatabases(page: Page): Promise<string[]> {
  return page.evaluate(async () =>
    (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('rw-desk-')),
  )
}
