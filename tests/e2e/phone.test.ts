/**
 * The board on a phone (390 x 844, touch) and the facilitator on a tablet (768 x 1024), in
 * Chromium: a guest with a 30-character name writes three cards (each editor on the screen),
 * votes with 44 x 44 px buttons and reads the results after the reveal, and nothing is wider
 * than the screen, also at 320 px; two fingers pinch-zoom the canvas around the point between
 * them, and one finger on someone else's card pans it; the facilitator moves to the next phase, starts the timer and reveals from a tablet.
 * With SHOTS_DIR set, the screens are saved there to be looked at.
 */
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { applyPhase } from '../../shared/board/facilitation.ts'
import { OPEN_RULES, type Phase, replaceScript } from '../../shared/script/script-schema.ts'
import { facilitatorOpensWorkshop, guestJoins, newPerson, useBrowserWorld } from '../support/e2e-flow.ts'
import type { TestServer } from '../support/test-server.ts'

const world = useBrowserWorld()

const LONG_NAME = 'Maximiliane Roswitha Lüdensche' // 30 characters
const LONG_TITLE = 'Bürgerwerkstatt Innenstadtentwicklung, Verkehrsberuhigung und Grünflächen Nord 2026'
const PHASES: Phase[] = [
  {
    id: 'sammeln',
    name: 'Ideen sammeln',
    prompt: 'Was braucht die Innenstadt?',
    minutes: 10,
    rules: OPEN_RULES,
  },
  {
    id: 'wahl',
    name: 'Priorisieren',
    prompt: 'Was ist am wichtigsten?',
    minutes: 5,
    rules: { ...OPEN_RULES, createCards: false, vote: { method: 'dots', budget: 5, cap: 3 } },
  },
]

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`) })
}

async function phone(browser: Browser, problems: string[], width = 390, height = 844): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, hasTouch: true, isMobile: true })
  const page = await context.newPage()
  page.on('pageerror', (err) => problems.push(`phone: ${err.message}`))
  return page
}

/** How far the page scrolls sideways: a phone's page must not. */
function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth)
}

/** Every edge of the element on the screen (the layout viewport of the page). */
async function onScreen(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).boundingBox()
  const view = page.viewportSize()
  expect(box, selector).not.toBeNull()
  if (!box || !view) return
  expect(box.x, `${selector} left`).toBeGreaterThanOrEqual(0)
  expect(box.y, `${selector} top`).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width, `${selector} right`).toBeLessThanOrEqual(view.width + 0.5)
  expect(box.y + box.height, `${selector} bottom`).toBeLessThanOrEqual(view.height + 0.5)
}

let instanceSetUp = false

/** The first test sets the instance up; later ones log in to the same account. */
async function opens(server: TestServer, page: Page, title: string): Promise<string> {
  if (!instanceSetUp) {
    instanceSetUp = true
    return (await facilitatorOpensWorkshop(page, server.url, title)).joinUrl
  }
  await page.goto(`${server.url}/login`)
  await page.getByLabel('Benutzername').fill('moderation')
  await page.getByLabel('Passwort').fill('sehr-geheimes-passwort')
  await page.getByRole('button', { name: 'Anmelden' }).last().click()
  await page.waitForURL('**/workshops')
  await page.getByLabel('Titel').fill(title)
  await page.getByRole('button', { name: 'Werkstatt anlegen' }).click()
  await page
    .locator('.workshop-item', { hasText: title })
    .getByRole('link', { name: 'Beitrittsbildschirm' })
    .click()
  const joinUrl = (await page.locator('.join-url').textContent())?.trim() ?? ''
  await page.getByRole('link', { name: 'Zum Board' }).click()
  await page.locator('.connection[data-state="online"]').waitFor()
  return joinUrl
}

async function workshop(
  server: TestServer,
  facilitator: Page,
  title = LONG_TITLE,
): Promise<{ id: string; joinUrl: string }> {
  const joinUrl = await opens(server, facilitator, title)
  const id = new URL(facilitator.url()).pathname.split('/').pop() ?? ''
  await server.deps.sync.rooms.withBoard(id, (board) => {
    replaceScript(board.doc, PHASES)
    applyPhase(board.doc, PHASES[0] as Phase)
  })
  return { id, joinUrl }
}

describe('the board on a phone', () => {
  it('writes three cards in view, votes with thumb-sized buttons and reads the results, never wider than the screen', async () => {
    const { browser, server, problems } = world
    const facilitator = await newPerson(browser, 'facilitator', problems)
    const { joinUrl } = await workshop(server, facilitator)
    const guest = await phone(browser, problems)
    await guestJoins(guest, joinUrl, LONG_NAME)
    await guest.locator('.phase-name', { hasText: 'Ideen sammeln' }).waitFor()
    await shot(guest, 'phone-390-board')

    // The header keeps "Abmelden" on the screen; the name gives way and is whole in its title.
    const logout = guest.getByRole('button', { name: 'Abmelden' })
    await onScreen(guest, '.app-header .link-button')
    expect(await logout.isVisible()).toBe(true)
    expect(await guest.locator('.who').getAttribute('title')).toBe(LONG_NAME)
    expect(await pageWidth(guest)).toBeLessThanOrEqual(390)
    // Header, toolbar and banner leave most of the screen to the canvas.
    const canvas = await guest.locator('.canvas').boundingBox()
    expect(canvas?.height ?? 0).toBeGreaterThan(844 * 0.55)

    for (const text of ['Mehr Bänke am Markt', 'Abendbus bis Mitternacht', 'WLAN im Rathaus']) {
      await guest.getByRole('button', { name: 'Karte hinzufügen' }).tap()
      const editor = guest.getByLabel('Kartentext')
      await editor.waitFor()
      expect(await editor.evaluate((el) => el === document.activeElement)).toBe(true)
      await onScreen(guest, '.card-input')
      const box = await editor.boundingBox()
      expect(box?.width ?? 0).toBeGreaterThan(390 * 0.9)
      if (text === 'Mehr Bänke am Markt') await shot(guest, 'phone-390-editor')
      await guest.keyboard.type(text)
      // The last one is finished with the sheet's button, the others with Escape.
      if (text === 'WLAN im Rathaus') await guest.getByRole('button', { name: 'Fertig' }).tap()
      else await guest.keyboard.press('Escape')
      await guest.locator('.canvas .card', { hasText: text }).waitFor()
      await guest.locator('.card-editor-sheet').waitFor({ state: 'detached' })
      expect(await pageWidth(guest)).toBeLessThanOrEqual(390)
    }

    // Three cards, no empty fourth from a tap that went through the closing sheet.
    expect(await guest.locator('.canvas .card').count()).toBe(3)
    // One's own cards and where they stand.
    await guest.getByRole('button', { name: 'Meine Karten' }).tap()
    const mine = guest.locator('.my-cards .phone-item')
    await guest.getByRole('heading', { name: 'Meine Karten (3)' }).waitFor()
    expect(await mine.count()).toBe(3)
    await mine
      .filter({ hasText: 'WLAN im Rathaus' })
      .locator('.phone-item-state', { hasText: 'Auf dem Board' })
      .waitFor()
    await shot(guest, 'phone-390-my-cards')

    // The vote: the facilitator moves on; the guest gives points in the list.
    await facilitator.getByRole('button', { name: 'Nächste Phase' }).click()
    await guest.getByRole('button', { name: 'Abstimmung' }).tap()
    const more = guest.getByRole('button', { name: 'Einen Punkt mehr für: Abendbus bis Mitternacht' })
    await more.waitFor()
    for (const button of [
      more,
      guest.getByRole('button', { name: 'Einen Punkt weniger für: WLAN im Rathaus' }),
    ]) {
      const box = await button.boundingBox()
      expect(box?.width ?? 0).toBeGreaterThanOrEqual(44)
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44)
    }
    await more.tap()
    await guest.getByText('Ihre Punkte: 4 von 5 übrig').first().waitFor()
    await more.tap()
    await guest.locator('.vote-list li', { hasText: 'Abendbus' }).getByText('2 von Ihnen').waitFor()
    await shot(guest, 'phone-390-vote')
    // On the canvas, too, the buttons are thumb-sized at 100 %.
    await guest.getByRole('button', { name: 'Tafel' }).tap()
    const onCanvas = await guest
      .locator('.canvas .card', { hasText: 'WLAN' })
      .getByRole('button', { name: 'Einen Punkt mehr für diese Karte' })
      .boundingBox()
    expect(Math.min(onCanvas?.width ?? 0, onCanvas?.height ?? 0)).toBeGreaterThanOrEqual(44)

    // The facilitator reveals; the guest reads the results in the vote view.
    await facilitator.getByRole('button', { name: 'Ergebnis zeigen' }).click()
    await guest.getByRole('button', { name: 'Abstimmung' }).tap()
    const results = guest.locator('.sidebar .results')
    await results.getByRole('heading', { name: 'Ergebnis: Priorisieren' }).waitFor()
    // One voter is too few for figures (the secrecy rule): the results say so.
    await results.locator('.too-few').waitFor()
    expect(await results.isVisible()).toBe(true)
    expect(await pageWidth(guest)).toBeLessThanOrEqual(390)
    await shot(guest, 'phone-390-results')

    // People and measures have their views; the people list has the whole name.
    await guest.getByRole('button', { name: 'Personen' }).tap()
    await guest.locator('.sidebar .people').getByText(LONG_NAME).waitFor()
    expect(await guest.getByRole('button', { name: 'Werkstatt verlassen' }).isVisible()).toBe(true)
    await guest.getByRole('button', { name: 'Maßnahmen' }).tap()
    await guest.getByText('Noch keine Maßnahmen.').waitFor()

    // At 320 x 640 nothing is wider than the screen either, and "Abmelden" stays on it.
    await guest.setViewportSize({ width: 320, height: 640 })
    await guest.getByRole('button', { name: 'Tafel' }).tap()
    await shot(guest, 'phone-320-board')
    expect(await pageWidth(guest)).toBeLessThanOrEqual(320)
    await onScreen(guest, '.app-header .link-button')
    await guest.getByRole('button', { name: 'Abstimmung' }).tap()
    expect(await pageWidth(guest)).toBeLessThanOrEqual(320)
    await shot(guest, 'phone-320-results')
    expect(problems).toEqual([])
  })

  it('pans with one finger, also from a card, and zooms with two around the point between them', async () => {
    const { browser, server, problems } = world
    const facilitator = await newPerson(browser, 'facilitator', problems)
    const { id, joinUrl } = await workshop(server, facilitator, 'Zoomen mit zwei Fingern')
    // Someone else's card, which this guest may not move: a finger on it pans the canvas.
    await server.deps.sync.rooms.withBoard(id, (board) => {
      addCard(board.doc, 'fremd', { text: 'Karte von jemand anderem', x: 100, y: 200, color: 'blue' })
    })
    const guest = await phone(browser, problems)
    await guestJoins(guest, joinUrl, 'Pia')
    const zoom = guest.getByRole('button', { name: /^100 %/ })
    await zoom.waitFor()
    // One finger on a card this guest may not move pans the view (most of a phone's canvas is cards).
    const card = await guest.locator('.card', { hasText: 'Karte von jemand anderem' }).boundingBox()
    if (!card) throw new Error('no card')
    const start = { x: Math.round(card.x + 20), y: Math.round(card.y + 20) }
    const layerAt = () =>
      guest.evaluate(() => {
        const m = new DOMMatrix(
          getComputedStyle(document.querySelector('.canvas-layer') as Element).transform,
        )
        return { x: m.e, y: m.f }
      })
    const cdp = await guest.context().newCDPSession(guest)
    const from = await layerAt()
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...start, id: 3 }] })
    for (let step = 1; step <= 5; step++) {
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchMove',
        touchPoints: [{ x: start.x + step * 10, y: start.y + step * 6, id: 3 }],
      })
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
    const to = await layerAt()
    expect(to.x - from.x).toBeCloseTo(50, 0)
    expect(to.y - from.y).toBeCloseTo(30, 0)

    const box = await guest.locator('.canvas').boundingBox()
    if (!box) throw new Error('no canvas')
    const centre = { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) }
    // The canvas point under the pinch's centre, from the layer's transform.
    const pointUnder = () =>
      guest.evaluate(
        ({ x, y, left, top }) => {
          const layer = document.querySelector('.canvas-layer') as HTMLElement
          const m = new DOMMatrix(getComputedStyle(layer).transform)
          return { x: (x - left - m.e) / m.a, y: (y - top - m.f) / m.a, scale: m.a }
        },
        { ...centre, left: box.x, top: box.y },
      )
    const before = await pointUnder()

    const fingers = (spread: number) => [
      { x: centre.x - spread, y: centre.y, id: 1 },
      { x: centre.x + spread, y: centre.y, id: 2 },
    ]
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(40) })
    for (let spread = 50; spread <= 120; spread += 10) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(spread) })
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })

    const after = await pointUnder()
    // Fingers three times as far apart: about three times the zoom, the point between them still.
    expect(after.scale).toBeGreaterThan(2.5)
    expect(after.scale).toBeLessThanOrEqual(3)
    expect(Math.abs(after.x - before.x)).toBeLessThan(2)
    expect(Math.abs(after.y - before.y)).toBeLessThan(2)
    await guest.getByRole('button', { name: /^(2\d\d|300) %/ }).waitFor()
    // The page itself did not zoom or scroll.
    expect(await guest.evaluate(() => window.visualViewport?.scale ?? 1)).toBe(1)

    expect(problems).toEqual([])
  })
})

describe('the facilitator on a tablet', () => {
  it('moves to the next phase, starts the timer and reveals the vote at 768 x 1024 by touch', async () => {
    const { browser, server, problems } = world
    const tablet = await (
      await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true })
    ).newPage()
    tablet.on('pageerror', (err) => problems.push(`tablet: ${err.message}`))
    const { joinUrl } = await workshop(server, tablet, 'Moderation am Tablet')
    const guest = await newPerson(browser, 'guest', problems)
    await guestJoins(guest, joinUrl, 'Jan')
    await guest.getByRole('button', { name: 'Karte hinzufügen' }).click()
    await guest.keyboard.type('Spielplatz am Fluss')
    await guest.keyboard.press('Escape')
    await tablet.locator('.card', { hasText: 'Spielplatz am Fluss' }).waitFor()
    await shot(tablet, 'tablet-768-facilitator')
    expect(await pageWidth(tablet)).toBeLessThanOrEqual(768)

    const essentials = [
      tablet.getByRole('button', { name: 'Nächste Phase' }),
      tablet.getByRole('button', { name: 'Starten' }),
    ]
    for (const button of essentials) {
      await button.scrollIntoViewIfNeeded()
      const box = await button.boundingBox()
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44)
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(768)
    }
    await essentials[0]?.tap()
    await tablet.locator('.phase-name', { hasText: 'Priorisieren' }).waitFor()
    await essentials[1]?.tap()
    await tablet.locator('.timer.running').waitFor()

    await guest.getByRole('button', { name: 'Einen Punkt mehr für diese Karte' }).click()
    await guest.getByText('Ihre Punkte: 4 von 5 übrig').waitFor()
    const reveal = tablet.getByRole('button', { name: 'Ergebnis zeigen' })
    await reveal.scrollIntoViewIfNeeded()
    const box = await reveal.boundingBox()
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44)
    await reveal.tap()
    await tablet
      .locator('.sidebar .results')
      .getByRole('heading', { name: 'Ergebnis: Priorisieren' })
      .waitFor()
    await guest.getByRole('heading', { name: 'Ergebnis: Priorisieren' }).waitFor()
    await shot(tablet, 'tablet-768-results')
    expect(await pageWidth(tablet)).toBeLessThanOrEqual(768)
    expect(problems).toEqual([])
  })
})
