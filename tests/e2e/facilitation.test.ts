/**
 * Facilitation in Chromium: private writing with the reveal, a role change that reaches an
 * open board without a reload, and a removal.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../support/browser.ts'
import { addCard, facilitatorOpensWorkshop, guestJoins, newPerson } from '../support/e2e-flow.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
let browser: Browser
const problems: string[] = []

beforeAll(async () => {
  if (!fs.existsSync(path.resolve('dist/client/index.html'))) {
    throw new Error('The client is not built: run `npm run build` (npm test does this first).')
  }
  server = await startTestServer({ withClient: true })
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

describe('facilitation', () => {
  it('private writing, reveal, a live role change and a removal', async () => {
    const facilitator = await newPerson(browser, 'facilitator', problems)
    const joinUrl = await facilitatorOpensWorkshop(facilitator, server.url, 'Kritikphase')
    const anna = await newPerson(browser, 'anna', problems)
    await guestJoins(anna, joinUrl, 'Anna')
    const bert = await newPerson(browser, 'bert', problems)
    await guestJoins(bert, joinUrl, 'Bert')

    await facilitator.getByLabel('Private Schreibphase').check()
    await anna.getByText('Private Schreibphase: Ihre neuen Karten').waitFor()
    await addCard(anna, 'Der Bauhof antwortet nie')
    await anna.locator('.card', { hasText: 'Der Bauhof antwortet nie' }).getByText('Privat').waitFor()
    await facilitator.getByText('Private Karten: 1').waitFor()
    await bert.waitForTimeout(300)
    expect(await bert.locator('.card', { hasText: 'Bauhof' }).count()).toBe(0)
    expect(await facilitator.locator('.card', { hasText: 'Bauhof' }).count()).toBe(0)

    await facilitator.getByRole('button', { name: 'Private Karten zeigen' }).click()
    await facilitator.getByText('1 Karten gezeigt.').waitFor()
    await bert.locator('.card', { hasText: 'Der Bauhof antwortet nie' }).waitFor()
    await facilitator.locator('.card', { hasText: 'Der Bauhof antwortet nie' }).waitFor()
    await expect.poll(() => anna.locator('.card', { hasText: 'Bauhof' }).getByText('Privat').count()).toBe(0)

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

    expect(problems).toEqual([])
  })
})
