/**
 * Languages in Chromium: German by default, English on the board and back without a reload (the
 * board keeps its state), the choice kept over a reload, status lines already on screen and the
 * server's storage warning and error answers in the chosen language, plural forms („1 Karte“,
 * „2 Karten“) and dates in words of the language, never ISO.
 */
import fs from 'node:fs'
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
const SHOTS = '/work/shots/languages'

const switchTo = (page: Page, lang: 'DE' | 'EN') =>
  page.locator('.lang-switch').getByRole('button', { name: lang, exact: true }).click()

async function shot(page: Page, name: string) {
  if (!fs.existsSync('/work/shots')) return
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

describe('languages', () => {
  it('switches on the board and back; status lines, server messages, plurals and dates follow', async () => {
    const facilitator = await newPerson(world.browser, 'facilitator', world.problems)
    const { joinUrl } = await facilitatorOpensWorkshop(facilitator, world.server.url, 'Sprachen')
    const anna = await newPerson(world.browser, 'anna', world.problems)
    await guestJoins(anna, joinUrl, 'Anna')
    await facilitator.getByText('1 Gast beigetreten').waitFor()

    // One private card revealed: „1 Karte“, a status line written in German.
    await facilitator.getByLabel('Private Schreibphase', { exact: true }).check()
    await anna.getByText('Private Schreibphase: Ihre neuen Karten').waitFor()
    await addCard(anna, 'Der Bus fährt zu selten')
    await facilitator.getByText('Private Karten: 1').waitFor()
    await facilitator.getByRole('button', { name: 'Private Karten zeigen' }).click()
    await facilitator.getByText('1 Karte gezeigt.').waitFor()
    await facilitator.locator('.card', { hasText: 'Der Bus fährt zu selten' }).waitFor()

    // A measure due on a plain day and a snapshot: dates in German words and digits.
    await facilitator.getByLabel('Maßnahme', { exact: true }).fill('Abendbus testen')
    await facilitator.getByLabel('Fällig bis').fill('2026-12-02')
    await facilitator.getByRole('button', { name: 'Maßnahme anlegen' }).click()
    await facilitator.getByText('2. Dezember 2026').waitFor()
    await facilitator.getByLabel('Bezeichnung des Stands').fill('Nach der Kritik')
    await facilitator.getByRole('button', { name: 'Stand speichern' }).click()
    const snapshotTime = facilitator.locator('.snapshot-list .hint').first()
    await expect.poll(() => snapshotTime.textContent()).toMatch(/^\s*\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}\s*$/)
    expect(await facilitator.locator('main').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/)

    // English on the board: no reload (a mark left on the window survives), the board as it was.
    await facilitator.evaluate(() => {
      ;(window as unknown as { languageMark: boolean }).languageMark = true
    })
    await switchTo(facilitator, 'EN')
    await facilitator.getByRole('button', { name: 'Add card' }).waitFor()
    expect(await facilitator.evaluate(() => document.documentElement.lang)).toBe('en')
    // The status line written in German now reads in English, and so do plurals and dates.
    await facilitator.getByText('1 card revealed.').waitFor()
    await facilitator.getByText('1 guest joined').waitFor()
    await facilitator.getByText('2 December 2026').waitFor()
    await expect.poll(() => snapshotTime.textContent()).toMatch(/^\s*2 Dec 2026, \d{2}:\d{2}\s*$/)
    await facilitator.locator('.card', { hasText: 'Der Bus fährt zu selten' }).waitFor()
    expect(
      await facilitator.evaluate(() => (window as unknown as { languageMark?: boolean }).languageMark),
    ).toBe(true)
    expect(await facilitator.locator('main').textContent()).not.toMatch(/Karte gezeigt|Gast beigetreten/)

    // The server's storage warning, a status line from the socket, in each person's language.
    world.server.deps.sync.registry.setServerStatus({ storage: 'failing', since: Date.now() })
    await facilitator.getByRole('alert').filter({ hasText: 'The server cannot save right now' }).waitFor()
    await anna.getByRole('alert').filter({ hasText: 'Der Server kann gerade nicht speichern' }).waitFor()
    await shot(facilitator, 'board-en-desktop')
    world.server.deps.sync.registry.setServerStatus(null)
    await facilitator.getByText('The server cannot save right now').waitFor({ state: 'detached' })

    // Two more private cards: „2 cards“, and back in German „2 Karten“.
    await addCard(anna, 'Das Amt ist nur vormittags offen')
    await addCard(anna, 'Formulare nur auf Papier')
    await facilitator.getByText('Private cards: 2').waitFor()
    await facilitator.getByRole('button', { name: 'Reveal private cards' }).click()
    await facilitator.getByText('2 cards revealed.').waitFor()
    await switchTo(facilitator, 'DE')
    await facilitator.getByText('2 Karten gezeigt.').waitFor()
    await facilitator.getByRole('button', { name: 'Karte hinzufügen' }).waitFor()
    await facilitator.getByText('2. Dezember 2026').waitFor()

    // The choice is remembered in this browser: English again after a reload.
    await switchTo(facilitator, 'EN')
    await facilitator.reload()
    await facilitator.getByRole('button', { name: 'Add card' }).waitFor()
    await facilitator.locator('.connection[data-state="online"]').waitFor()
    expect(await facilitator.evaluate(() => document.documentElement.lang)).toBe('en')
    expect((await anna.locator('.connection').textContent())?.trim()).toBe('Online')
    await anna.getByRole('button', { name: 'Karte hinzufügen' }).waitFor()

    // A server refusal in the chosen language, keyed by its code: a username that is taken.
    await facilitator.goto(`${world.server.url}/workshops`)
    await facilitator.locator('#account-username').fill('moderation')
    await facilitator.locator('#account-password').fill('noch-ein-langes-passwort')
    await facilitator.getByRole('button', { name: 'Create account' }).click()
    const alert = facilitator.getByRole('alert').filter({ hasText: /username/i })
    await alert.getByText('This username is taken.').waitFor()
    await switchTo(facilitator, 'DE')
    await facilitator.getByRole('alert').getByText('Diesen Benutzernamen gibt es schon.').waitFor()
    expect(await facilitator.locator('main').textContent()).not.toContain('This username is taken.')
    await shot(facilitator, 'workshops-de-error')

    expect(world.problems).toEqual([])
  })

  it('shows the board in English on a phone, nothing wider than the screen', async () => {
    const page = await (
      await world.browser.newContext({
        viewport: { width: 390, height: 844 },
        hasTouch: true,
        isMobile: true,
      })
    ).newPage()
    await page.goto(`${world.server.url}/login`)
    await switchTo(page, 'EN')
    await page.getByRole('heading', { name: 'Log in' }).waitFor()
    await page.getByLabel('Username').fill('moderation')
    await page.getByLabel('Password').fill('sehr-geheimes-passwort')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL('**/workshops')
    await page.getByRole('link', { name: 'Open board' }).first().click()
    await page.getByRole('button', { name: 'Add card' }).waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    // A phone shows one view at a time: the measures are in their own.
    await page.getByRole('button', { name: 'Measures', exact: true }).tap()
    const measures = page.locator('section', { has: page.getByRole('heading', { name: 'Measures' }) })
    await measures.getByText('2 December 2026').waitFor()
    if (fs.existsSync('/work/shots')) await measures.screenshot({ path: `${SHOTS}/measures-en-phone.png` })
    await shot(page, 'board-en-phone')
  })
})
