/**
 * No card lost or silently empty (issue 12, defects 1 and 2), in Chromium: after a card of
 * someone's was held (approval switched off with it still waiting; private writing moved on by
 * "Nächste Phase", then the card deleted by the facilitator), that person's next "Karte
 * hinzufügen" still opens a focused editor and the text reaches the board, also after a reload;
 * new cards open inside the visible canvas on a phone, on a 2,000-card board and after focus
 * scrolled the canvas element; an editor closed without typing leaves no card behind.
 */
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addCard as addCardOps } from '../../shared/board/card-ops.ts'
import { notesOf } from '../../shared/board/schema.ts'
import { call } from '../support/api.ts'
import { guestJoins, useBrowserWorld } from '../support/e2e-flow.ts'
import { connectClient, waitFor, waitSynced } from '../support/sync-client.ts'

const world = useBrowserWorld()
const PASSWORD = 'sehr-geheimes-passwort'
const SHOTS = process.env.SHOTS_DIR

async function person(
  browser: Browser,
  who: string,
  viewport = { width: 1280, height: 800 },
  phone = false,
): Promise<Page> {
  const context = await browser.newContext({ viewport, ...(phone ? { isMobile: true, hasTouch: true } : {}) })
  const page = await context.newPage()
  page.on('pageerror', (err) => world.problems.push(`${who}: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text()))
      world.problems.push(`${who}: ${msg.text()}`)
  })
  return page
}

/** The facilitator's account (set up by the first test, logged into by the others), a workshop, its board. */
async function facilitatorOpens(page: Page, title: string): Promise<{ joinUrl: string; workshopId: string }> {
  await page.goto(`${world.server.url}/`)
  await page.waitForURL(/\/(setup|login|workshops)$/)
  const first = page.url().endsWith('/setup')
  if (!page.url().endsWith('/workshops')) {
    await page.getByLabel('Benutzername').fill('moderation')
    await page.getByLabel('Passwort').fill(PASSWORD)
    await page.getByRole('button', { name: first ? 'Konto anlegen' : 'Anmelden' }).click()
    await page.waitForURL('**/workshops')
  }
  await page.getByLabel('Titel').fill(title)
  await page.getByRole('button', { name: 'Werkstatt anlegen' }).click()
  await page.locator('li', { hasText: title }).getByRole('link', { name: 'Beitrittsbildschirm' }).click()
  const joinUrl = (await page.locator('.join-url').textContent())?.trim() ?? ''
  await page.getByRole('link', { name: 'Zum Board' }).click()
  await page.locator('.connection[data-state="online"]').waitFor()
  return { joinUrl, workshopId: new URL(page.url()).pathname.split('/').pop() ?? '' }
}

/** How far the window is scrolled. */
const scrolls = (page: Page) => page.evaluate(() => [window.scrollX, window.scrollY].join(','))

/**
 * Where the focused editor is: 'ok' when a card's textarea has the focus and it and its card lie
 * inside both the window and the canvas element's rectangle, and the window was not scrolled to
 * get it there (`scrolled`: the window's scroll before it opened); else what is wrong.
 */
function editorPlace(page: Page, scrolled: string): Promise<string> {
  return page.evaluate((before) => {
    const editor = document.activeElement
    // On a phone the editor is a full-width sheet at the top of the window (CardEditorSheet.tsx).
    const sheet = editor instanceof HTMLTextAreaElement ? editor.closest('.card-editor-sheet') : null
    const card =
      editor instanceof HTMLTextAreaElement
        ? (editor.closest('.card') ?? (sheet && document.querySelector('.card.editing')))
        : null
    if (!(editor instanceof HTMLTextAreaElement) || !card) return `focus on ${editor?.tagName ?? 'nothing'}`
    const canvas = document.querySelector('.canvas')?.getBoundingClientRect()
    if (!canvas) return 'no canvas'
    const scrolled = document.querySelector('.canvas')?.scrollTop ?? 0
    const view = {
      left: Math.max(0, canvas.left),
      top: Math.max(0, canvas.top),
      right: Math.min(window.innerWidth, canvas.right),
      bottom: Math.min(window.innerHeight, canvas.bottom),
    }
    const window_ = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight }
    for (const [what, el, area] of [
      ['editor', editor, sheet ? window_ : view],
      ['card', card, view],
    ] as const) {
      const r = (el as Element).getBoundingClientRect()
      if (
        r.left < area.left - 1 ||
        r.top < area.top - 1 ||
        r.right > area.right + 1 ||
        r.bottom > area.bottom + 1
      )
        return `${what} at ${JSON.stringify(r)} outside ${JSON.stringify(area)} (canvas scrolled ${scrolled})`
    }
    const now = [window.scrollX, window.scrollY].join(',')
    return now === before ? 'ok' : `scrolled from ${before} to ${now} to show it`
  }, scrolled)
}

/** Click "Karte hinzufügen": the editor opens focused and in view; type; Escape. */
async function writeCard(page: Page, text: string, shot?: string): Promise<void> {
  const add = page.getByRole('button', { name: 'Karte hinzufügen' })
  // Focus leaving a card shrinks it (its tools hide), which can clamp the canvas' scroll: first.
  await add.focus()
  const scrolled = await scrolls(page)
  await add.click()
  await expect.poll(() => editorPlace(page, scrolled), { timeout: 3000 }).toBe('ok')
  await page.keyboard.type(text)
  if (SHOTS && shot) await page.screenshot({ path: `${SHOTS}/${shot}.png` })
  await page.keyboard.press('Escape')
}

const cardTexts = (page: Page) =>
  page.locator('.canvas .card .card-text').evaluateAll((els) => els.map((el) => el.textContent ?? ''))

describe('no card lost or silently empty', () => {
  it('after approval is switched off with a card still waiting, new cards open an editor and keep their text, also after a reload', async () => {
    const facilitator = await person(world.browser, 'facilitator')
    const { joinUrl } = await facilitatorOpens(facilitator, 'Freigaberunde')
    const approval = facilitator.getByLabel('Neue Karten erst nach Freigabe zeigen', { exact: true })
    await approval.check()
    const anna = await person(world.browser, 'anna')
    await guestJoins(anna, joinUrl, 'Anna')
    await writeCard(anna, 'Wartet noch')
    await anna.getByText('Wartet auf Freigabe durch die Moderation').waitFor()
    await approval.uncheck()
    await anna
      .locator('.notice-chip')
      .first()
      .waitFor({ state: 'detached' })
      .catch(() => {})

    await writeCard(anna, 'Radweg zur Schule')
    await facilitator.locator('.card', { hasText: 'Radweg zur Schule' }).waitFor()
    await anna.reload()
    await anna.locator('.connection[data-state="online"]').waitFor()
    await anna.locator('.card', { hasText: 'Wartet noch' }).waitFor()
    await writeCard(anna, 'Bank am Marktplatz', 'after-reload-waiting-card')
    await facilitator.locator('.card', { hasText: 'Bank am Marktplatz' }).waitFor()
    // The waiting card still says so; nothing empty anywhere.
    await anna
      .locator('.card', { hasText: 'Wartet noch' })
      .getByText('Wartet auf Freigabe durch die Moderation')
      .waitFor()
    expect((await cardTexts(facilitator)).sort()).toEqual(['Bank am Marktplatz', 'Radweg zur Schule'])
    expect((await cardTexts(anna)).sort()).toEqual(['Bank am Marktplatz', 'Radweg zur Schule', 'Wartet noch'])
    await facilitator.context().close()
    await anna.context().close()
    expect(world.problems).toEqual([])
  })

  it('after private writing moved on by "Nächste Phase" and the card was deleted, new cards open an editor and keep their text, also after a reload', async () => {
    const facilitator = await person(world.browser, 'facilitator')
    const { joinUrl } = await facilitatorOpens(facilitator, 'Kritikrunde')
    const bert = await person(world.browser, 'bert')
    await guestJoins(bert, joinUrl, 'Bert')
    await facilitator.getByRole('button', { name: 'Nächste Phase' }).click()
    await bert.getByText('Private Schreibphase: Ihre neuen Karten').waitFor()
    await writeCard(bert, 'Privat geschrieben')
    await bert.getByText('Privat, bis zur Aufdeckung').waitFor()
    await facilitator.getByText('Private Karten: 1').waitFor()
    // Moving on without revealing: the held card is revealed on the way.
    await facilitator.getByRole('button', { name: 'Nächste Phase' }).click()
    const onBoard = facilitator.locator('.card', { hasText: 'Privat geschrieben' })
    await onBoard.waitFor()
    await writeCard(bert, 'Nach der Phase')
    await facilitator.locator('.card', { hasText: 'Nach der Phase' }).waitFor()
    // The facilitator deletes the revealed card: Bert's screen keeps it as deleted.
    await onBoard.focus()
    await onBoard.getByRole('button', { name: 'Löschen' }).click()
    await bert
      .locator('.card', { hasText: 'Privat geschrieben' })
      .getByText('Von der Moderation gelöscht')
      .waitFor()

    await writeCard(bert, 'Nach dem Löschen')
    await facilitator.locator('.card', { hasText: 'Nach dem Löschen' }).waitFor()
    await bert.reload()
    await bert.locator('.connection[data-state="online"]').waitFor()
    await bert.locator('.card', { hasText: 'Von der Moderation gelöscht' }).waitFor()
    await writeCard(bert, 'Nach dem Neuladen')
    await facilitator.locator('.card', { hasText: 'Nach dem Neuladen' }).waitFor()
    expect((await cardTexts(facilitator)).sort()).toEqual([
      'Nach dem Löschen',
      'Nach dem Neuladen',
      'Nach der Phase',
    ])
    await facilitator.context().close()
    await bert.context().close()
    expect(world.problems).toEqual([])
  })

  it('leaves no card behind when an editor is closed without typing, and gives the focus back', async () => {
    const facilitator = await person(world.browser, 'facilitator')
    const { joinUrl } = await facilitatorOpens(facilitator, 'Leere Karten')
    const clara = await person(world.browser, 'clara')
    await guestJoins(clara, joinUrl, 'Clara')
    const add = (page: Page) => page.getByRole('button', { name: 'Karte hinzufügen' })
    for (const page of [facilitator, clara]) {
      const scrolled = await scrolls(page)
      // Escape: the card is gone and the focus is back on the button that opened it.
      await add(page).click()
      await expect.poll(() => editorPlace(page, scrolled)).toBe('ok')
      await page.keyboard.press('Escape')
      expect(await add(page).evaluate((el) => el === document.activeElement)).toBe(true)
      // Focus moving elsewhere (a click on the canvas' background) closes it too.
      await add(page).click()
      await expect.poll(() => editorPlace(page, scrolled)).toBe('ok')
      await page.keyboard.type('   ')
      const canvas = await page.locator('.canvas').boundingBox()
      if (!canvas) throw new Error('no canvas')
      await page.mouse.click(canvas.x + 5, canvas.y + canvas.height - 5)
      await expect.poll(() => page.locator('.canvas .card').count()).toBe(0)
    }
    // A card with text is kept, and its Escape gives the focus back to the button as well.
    await writeCard(clara, 'Mit Text')
    expect(await add(clara).evaluate((el) => el === document.activeElement)).toBe(true)
    await facilitator.locator('.card', { hasText: 'Mit Text' }).waitFor()
    await clara.waitForTimeout(300)
    expect(await cardTexts(facilitator)).toEqual(['Mit Text'])
    expect(await cardTexts(clara)).toEqual(['Mit Text'])
    await facilitator.context().close()
    await clara.context().close()
    expect(world.problems).toEqual([])
  })

  it('opens five new cards on a phone inside the visible canvas, each editor focused', async () => {
    const facilitator = await person(world.browser, 'facilitator')
    const { joinUrl } = await facilitatorOpens(facilitator, 'Handyrunde')
    const dora = await person(world.browser, 'dora', { width: 390, height: 844 }, true)
    await guestJoins(dora, joinUrl, 'Dora')
    // The critique phase: its notice and prompt push the canvas down, partly below the screen.
    await facilitator.getByRole('button', { name: 'Nächste Phase' }).click()
    await dora.getByText('Private Schreibphase: Ihre neuen Karten').waitFor()
    const texts = ['Erste', 'Zweite', 'Dritte', 'Vierte', 'Fünfte'].map((n) => `${n} Karte vom Handy`)
    for (const [i, text] of texts.entries()) {
      const scrolled = await scrolls(dora)
      await dora.getByRole('button', { name: 'Karte hinzufügen' }).click()
      await expect.poll(() => editorPlace(dora, scrolled), { timeout: 3000 }).toBe('ok')
      if (SHOTS && i === 4) await dora.screenshot({ path: `${SHOTS}/phone-fifth-card.png` })
      await dora.keyboard.type(text)
      await dora.keyboard.press('Escape')
    }
    await facilitator.getByText('Private Karten: 5').waitFor()
    await facilitator.getByRole('button', { name: 'Private Karten zeigen' }).click()
    for (const text of texts) await facilitator.locator('.card', { hasText: text }).waitFor()
    await facilitator.context().close()
    await dora.context().close()
    expect(world.problems).toEqual([])
  })

  it('opens a new card in view on a 2,000-card board and after focus scrolled the canvas', async () => {
    const facilitator = await person(world.browser, 'facilitator')
    const { workshopId } = await facilitatorOpens(facilitator, 'Volles Board')
    const token = (
      await call(world.server.url, 'POST', '/api/login', { username: 'moderation', password: PASSWORD })
    ).json.token as string
    const seeder = connectClient(world.server.url, workshopId, token)
    await waitSynced(seeder)
    // 2,000 cards in a tight grid around the origin, so the view has no free place left.
    for (let batch = 0; batch < 10; batch++) {
      seeder.doc.transact(() => {
        for (let i = batch * 200; i < (batch + 1) * 200; i++) {
          const x = -1000 + (i % 50) * 120
          const y = -800 + Math.floor(i / 50) * 90
          addCardOps(seeder.doc, `seed${String(i).padStart(6, '0')}`, {
            text: `Karte ${i}`,
            x,
            y,
            color: 'blue',
          })
        }
      })
    }
    await waitFor(() => notesOf(seeder.doc).size === 2000, 10_000, 'seeded cards')
    // Only what is in or near the view is rendered (culling.ts).
    await expect
      .poll(() => facilitator.locator('.canvas .card').count(), { timeout: 30_000 })
      .toBeGreaterThan(100)

    await writeCard(facilitator, 'Mitten im Gedränge')
    await facilitator.locator('.card', { hasText: 'Mitten im Gedränge' }).waitFor()
    if (SHOTS) await facilitator.screenshot({ path: `${SHOTS}/crowded-board.png` })

    // Keyboard focus travels to a far card (End: the last in reading order). The view follows it;
    // the canvas element itself never scrolls (it used to, by thousands of pixels).
    await facilitator.locator('.canvas .card').first().focus()
    await facilitator.keyboard.press('End')
    await expect
      .poll(() =>
        facilitator.evaluate(
          () => document.activeElement?.closest('.card')?.getAttribute('data-card-id') ?? '',
        ),
      )
      .toBe('seed001999')
    const farId = await facilitator.evaluate(() =>
      document.activeElement?.closest('.card')?.getAttribute('data-card-id'),
    )
    const far = facilitator.locator(`[data-card-id="${farId}"]`)
    expect(await facilitator.locator('.canvas').evaluate((el) => el.scrollLeft + el.scrollTop)).toBe(0)
    await facilitator.getByRole('button', { name: 'Karte hinzufügen' }).focus()
    const before = await far.boundingBox()
    await writeCard(facilitator, 'Nach dem Scrollen')
    // The new card opened where the person was looking: the picture did not jump away from the
    // card they were at (a pan of about a card or two to a free place beside it is fine; the old jump was 4,000 px).
    const after = await far.boundingBox()
    if (!before || !after) throw new Error('card not rendered')
    expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeLessThan(400)
    // The scroll became a pan of the view: the canvas element is at rest again.
    expect(await facilitator.locator('.canvas').evaluate((el) => el.scrollLeft + el.scrollTop)).toBe(0)
    await waitFor(
      () => [...notesOf(seeder.doc).values()].some((c) => String(c.get('text')) === 'Nach dem Scrollen'),
      10_000,
      'the card with its text on the board',
    )
    seeder.destroy()
    await facilitator.context().close()
    expect(world.problems).toEqual([])
  })
})
