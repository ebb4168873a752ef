/** Steps of the browser tests, done as a person would: through the pages, in German. */
import type { Browser, Page } from 'playwright-core'

export interface Watched {
  page: Page
  problems: string[]
}

/** A new browser profile whose page errors and console errors are collected. */
export async function newPerson(browser: Browser, who: string, problems: string[]): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
  page.on('pageerror', (err) => problems.push(`${who}: ${err.message}`))
  page.on('console', (msg) => {
    // 401 from /api/me before login is expected; anything about CSP or scripts is not.
    if (msg.type() === 'error' && !msg.text().includes('401')) problems.push(`${who}: ${msg.text()}`)
  })
  return page
}

/** First-run setup, a new workshop, its join screen; returns the join link. Ends on the board. */
export async function facilitatorOpensWorkshop(page: Page, baseUrl: string, title: string): Promise<string> {
  await page.goto(`${baseUrl}/`)
  await page.waitForURL('**/setup')
  await page.getByLabel('Benutzername').fill('moderation')
  await page.getByLabel('Passwort').fill('sehr-geheimes-passwort')
  await page.getByRole('button', { name: 'Konto anlegen' }).click()
  await page.waitForURL('**/workshops')
  await page.getByLabel('Titel').fill(title)
  await page.getByRole('button', { name: 'Werkstatt anlegen' }).click()
  await page.getByRole('link', { name: 'Beitrittsbildschirm' }).click()
  const joinUrl = (await page.locator('.join-url').textContent())?.trim() ?? ''
  await page.getByRole('link', { name: 'Zum Board' }).click()
  await page.locator('.connection[data-state="online"]').waitFor()
  return joinUrl
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
