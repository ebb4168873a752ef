/**
 * The facilitator's joining controls in Chromium, against the real server: closing joining
 * refuses a new guest (403 joining-closed), reopening lets them in, and a new join code retires
 * the old one (404) while the new one works.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { facilitatorOpensWorkshop, guestJoins, newPerson, useBrowserWorld } from '../support/e2e-flow.ts'

const world = useBrowserWorld()

/** Tries to join through the join page; returns the status of the server's answer. */
async function tryToJoin(page: Page, joinUrl: string, name: string): Promise<number> {
  await page.goto(joinUrl)
  await page.getByLabel('Ihr Name oder ein Pseudonym').fill(name)
  const answer = page.waitForResponse(
    (res) => new URL(res.url()).pathname === '/api/join' && res.request().method() === 'POST',
  )
  await page.getByRole('button', { name: 'Beitreten' }).click()
  return (await answer).status()
}

describe('joining controls', () => {
  it('closes and reopens joining, and replaces the join code', async () => {
    const facilitator = await newPerson(world.browser, 'facilitator', world.problems)
    fs.mkdirSync(path.resolve('test-results/screenshots'), { recursive: true })
    const { joinUrl, code } = await facilitatorOpensWorkshop(facilitator, world.server.url, 'Bürgerhaus')
    await facilitator.getByText(`Beitrittscode: ${code}`).waitFor()

    await facilitator.getByLabel('Beitritt offen', { exact: true }).uncheck()
    await facilitator.getByText('Beitritt geschlossen: Niemand').waitFor()
    const late = await newPerson(world.browser, 'late', world.problems)
    expect(await tryToJoin(late, joinUrl, 'Carla')).toBe(403)
    await late.locator('[role="alert"] .error').waitFor()
    expect(new URL(late.url()).pathname).toMatch(/^\/join/)

    await facilitator.getByLabel('Beitritt offen', { exact: true }).check()
    await facilitator.getByText('Neue Personen können beitreten.').waitFor()

    facilitator.once('dialog', (dialog) => void dialog.accept())
    await facilitator.getByRole('button', { name: 'Neuer Beitrittscode' }).click()
    const done = facilitator.getByRole('status').filter({ hasText: 'Neuer Beitrittscode:' })
    await done.waitFor()
    const newCode = ((await done.textContent()) ?? '').replace('Neuer Beitrittscode:', '').trim()
    expect(newCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/)
    expect(newCode).not.toBe(code)
    await facilitator.getByText(`Beitrittscode: ${newCode}`).first().waitFor()
    const panel = facilitator.locator('section.panel', { hasText: 'Neuer Beitrittscode' })
    await panel.scrollIntoViewIfNeeded()
    await panel.screenshot({ path: path.resolve('test-results/screenshots/joining-panel.png') })

    expect(await tryToJoin(late, joinUrl, 'Carla')).toBe(404)
    await guestJoins(late, `${world.server.url}/join/${newCode.replace('-', '')}`, 'Carla')

    expect(world.problems).toEqual([])
  })
})
