/**
 * Clusters that hold, in Chromium: a frame moved by pointer and keyboard takes its cards along and
 * the minutes keep the grouping; a card dropped into a frame joins it (recorded on the board), out
 * of it leaves it; frames resize by pointer and keyboard; a new frame goes where there is room,
 * titled in place, its title bar never under a card; connectors drawn by pointer and by keyboard,
 * one deleted, the rest in the minutes. Screenshots go to /work/shots/frames-links when that
 * folder exists.
 */
import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addCard as seedCard } from '../../shared/board/card-ops.ts'
import { readConnectors } from '../../shared/board/connectors.ts'
import { frameOf, moveFrame, readFrames, setFrame } from '../../shared/board/frames.ts'
import { readCards } from '../../shared/board/schema.ts'
import {
  addCard,
  facilitatorOpensWorkshop,
  guestJoins,
  newPerson,
  useBrowserWorld,
} from '../support/e2e-flow.ts'

const world = useBrowserWorld()
const SHOTS = '/work/shots/frames-links'
const shot = async (page: Page, name: string) => {
  if (fs.existsSync(SHOTS)) await page.screenshot({ path: `${SHOTS}/${name}.png` })
}

const workshopOf = (page: Page) => new URL(page.url()).pathname.split('/').filter(Boolean).at(-1) as string
const board = <T>(id: string, read: Parameters<typeof world.server.deps.sync.readBoard<T>>[1]) =>
  world.server.deps.sync.readBoard(id, read)
const card = (id: string, cardId: string) =>
  board(id, (b) => readCards(b).find((c) => c.id === cardId)) as Promise<ReturnType<typeof readCards>[number]>
const frame = (id: string, frameId: string) => board(id, (b) => readFrames(b).find((f) => f.id === frameId))

/** Drags with the mouse from the centre of `from` by (dx, dy), in steps as a hand would. */
async function drag(page: Page, from: { x: number; y: number }, dx: number, dy: number) {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  for (let i = 1; i <= 8; i++) await page.mouse.move(from.x + (dx * i) / 8, from.y + (dy * i) / 8)
  await page.mouse.up()
}
async function centreOf(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox()
  if (!box) throw new Error(`${selector} not on screen`)
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** The minutes of a new snapshot, as the facilitator downloads them. */
async function minutes(page: Page, id: string, label: string, format: 'md' | 'json') {
  await page.getByLabel('Bezeichnung des Stands').fill(label)
  await page.getByRole('button', { name: 'Stand speichern' }).click()
  await page.locator('.snapshot-list li', { hasText: label }).waitFor()
  return page.evaluate(
    async ([id, format]) => (await fetch(`/api/workshops/${id}/minutes?format=${format}`)).text(),
    [id, format] as const,
  )
}

let facilitatorPage: Page | null = null
/** The facilitator (set up once per server) with a new workshop's board open; its id. */
async function openWorkshop(title: string): Promise<{ page: Page; id: string; joinUrl: string }> {
  if (!facilitatorPage) {
    facilitatorPage = await newPerson(world.browser, 'facilitator', world.problems)
    const { joinUrl } = await facilitatorOpensWorkshop(facilitatorPage, world.server.url, title)
    return { page: facilitatorPage, id: workshopOf(facilitatorPage), joinUrl }
  }
  const page = facilitatorPage
  await page.goto(`${world.server.url}/workshops`)
  await page.getByLabel('Titel').fill(title)
  await page.getByRole('button', { name: 'Werkstatt anlegen' }).click()
  await page.locator('li', { hasText: title }).getByRole('link', { name: 'Beitrittsbildschirm' }).click()
  const joinUrl = (await page.locator('.join-url').textContent())?.trim() ?? ''
  await page.getByRole('link', { name: 'Zum Board' }).click()
  await page.locator('.connection[data-state="online"]').waitFor()
  return { page, id: workshopOf(page), joinUrl }
}

describe('frames and connectors', () => {
  it('moves a frame with its cards (pointer and keyboard); the minutes keep the grouping', async () => {
    const { page, id } = await openWorkshop('Rahmen halten')
    await world.server.deps.sync.changeBoard(id, (b) => {
      setFrame(b, { id: 'f1', title: 'Verkehr', x: 0, y: 0, w: 440, h: 320 })
      seedCard(b, 'k1', { text: 'Radweg', x: 20, y: 60, color: 'yellow' })
      seedCard(b, 'k2', { text: 'Draußen', x: 240, y: 420, color: 'blue' })
    })
    await page.locator('.card', { hasText: 'Draußen' }).waitFor()
    // On the canvas a card names its frame to a screen reader; a card in none names none.
    expect(await page.locator('.card[data-card-id="k1"]').getAttribute('aria-label')).toMatch(
      /: Radweg, im Rahmen „Verkehr“$/,
    )
    expect(await page.locator('.card[data-card-id="k2"]').getAttribute('aria-label')).not.toContain('Rahmen')

    // Drag the frame by its title bar down over the other card.
    await page.locator('.frame[data-frame-id="f1"]').waitFor()
    await drag(page, await centreOf(page, '.frame[data-frame-id="f1"] .frame-name'), 0, 380)
    await expect.poll(async () => (await frame(id, 'f1'))?.y).toBe(380)
    expect(await card(id, 'k1')).toMatchObject({ x: 20, y: 440, frameId: 'f1' })
    expect(await card(id, 'k2')).toMatchObject({ x: 240, y: 420 })
    // On screen too: the card went along.
    const k1 = await page.locator('.card[data-card-id="k1"]').boundingBox()
    const f1 = await page.locator('.frame[data-frame-id="f1"]').boundingBox()
    expect(k1 && f1 && k1.y - f1.y).toBeCloseTo(60, 0)
    await shot(page, 'frame-moved')

    // By keyboard: the move handle takes the arrow keys.
    await page
      .getByRole('button', { name: 'Rahmen „Verkehr“ verschieben (Pfeiltasten, mit seinen Karten)' })
      .focus()
    await page.keyboard.press('ArrowRight')
    await expect.poll(async () => (await frame(id, 'f1'))?.x).toBe(20)
    expect(await card(id, 'k1')).toMatchObject({ x: 40, y: 440 })

    const grouping = await board(id, (b) => {
      const frames = readFrames(b)
      return readCards(b).map((c) => [c.id, frameOf(c, frames)?.title ?? null])
    })
    expect(grouping).toEqual([
      ['k1', 'Verkehr'],
      ['k2', null],
    ])
    const json = JSON.parse(await minutes(page, id, 'Nach dem Verschieben', 'json'))
    const frames = json.sections.flatMap(
      (s: { frames: { title: string | null; cards: { id: string }[] }[] }) =>
        s.frames.map((f) => [f.title, f.cards.map((c) => c.id)]),
    )
    expect(frames).toEqual([
      ['Verkehr', ['k1']],
      [null, ['k2']],
    ])
    expect(world.problems).toEqual([])
  })

  it('a participant’s card dropped into a frame joins it, dropped outside leaves it', async () => {
    const { id, joinUrl } = await openWorkshop('Ablegen')
    await world.server.deps.sync.changeBoard(id, (b) => {
      setFrame(b, { id: 'f2', title: 'Grün', x: 560, y: 300, w: 440, h: 320 })
    })
    const anna = await newPerson(world.browser, 'anna', world.problems)
    await guestJoins(anna, joinUrl, 'Anna')
    await addCard(anna, 'Mehr Bäume')
    const annaCard = anna.locator('.card', { hasText: 'Mehr Bäume' })
    await annaCard.waitFor()
    await expect.poll(() => board(id, (b) => readCards(b).length)).toBe(1)
    const cardId = (await annaCard.getAttribute('data-card-id')) as string
    expect((await card(id, cardId)).frameId).toBeUndefined()

    const target = await anna.locator('.frame[data-frame-id="f2"]').boundingBox()
    const from = await centreOf(anna, `.card[data-card-id="${cardId}"] .card-text`)
    const box = (await annaCard.boundingBox()) as { x: number; y: number }
    if (!target) throw new Error('frame not on screen')
    // Card's top-left to 40 px right of and 80 px below the frame's.
    await drag(anna, from, target.x + 40 - box.x, target.y + 80 - box.y)
    await expect.poll(async () => (await card(id, cardId)).frameId, { timeout: 5000 }).toBe('f2')
    await shot(anna, 'card-dropped-in-frame')

    // The facilitator moves the frame: Anna's card goes along, on her screen too.
    await world.server.deps.sync.changeBoard(id, (b) => moveFrame(b, 'f2', 560, 0))
    await expect.poll(async () => (await card(id, cardId)).y).toBeLessThan(300)
    await expect
      .poll(async () => {
        const f = await anna.locator('.frame[data-frame-id="f2"]').boundingBox()
        const c = await annaCard.boundingBox()
        return f && c ? Math.round(c.y - f.y) : null
      })
      .toBeGreaterThan(60)

    // Out again.
    const now = await annaCard.boundingBox()
    if (!now) throw new Error('card not on screen')
    await drag(anna, await centreOf(anna, `.card[data-card-id="${cardId}"] .card-text`), -now.x + 60, 0)
    await expect.poll(async () => (await card(id, cardId)).frameId, { timeout: 5000 }).toBeNull()
    expect(world.problems).toEqual([])
  })

  it('resizes by pointer and keyboard; a new frame goes where there is room, titled in place', async () => {
    const { page, id } = await openWorkshop('Neue Rahmen')
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    await addCard(page, 'Mitte')
    await addCard(page, 'Daneben')
    await expect.poll(() => board(id, (b) => readCards(b).length)).toBe(2)

    await page.getByRole('button', { name: 'Rahmen hinzufügen' }).click()
    const input = page.getByLabel('Titel des Rahmens (Eingabe bestätigen, Escape behält ihn)')
    await input.waitFor()
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.type('Wohnen')
    await page.keyboard.press('Enter')
    await page.getByLabel('Rahmen: Wohnen').waitFor()
    expect(dialogs).toEqual([])
    const made = await board(id, (b) => readFrames(b))
    expect(made.map((f) => f.title)).toEqual(['Wohnen'])
    const f = made[0] as (typeof made)[number]
    // In free space: no card lies in it or under its title bar.
    for (const c of await board(id, (b) => readCards(b))) {
      const overlaps = c.x < f.x + f.w && c.x + 180 > f.x && c.y < f.y + f.h && c.y + 120 > f.y
      expect(overlaps, `card ${c.text} under the new frame`).toBe(false)
    }
    // Its title bar is on screen and on top: what is under its middle is the title bar itself.
    const title = await centreOf(page, `.frame[data-frame-id="${f.id}"] .frame-name`)
    const onTop = await page.evaluate(
      ({ x, y }) => !!document.elementFromPoint(x, y)?.closest('.frame-title'),
      title,
    )
    expect(onTop).toBe(true)
    await shot(page, 'new-frame-titled')

    // A card dragged under the title bar does not cover it.
    await drag(
      page,
      await centreOf(page, '.card:has-text("Daneben") .card-text'),
      title.x - (await centreOf(page, '.card:has-text("Daneben") .card-text')).x,
      title.y - (await centreOf(page, '.card:has-text("Daneben") .card-text')).y + 10,
    )
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    const stillOnTop = await page.evaluate(
      ({ x, y }) => !!document.elementFromPoint(x, y)?.closest('.frame-title'),
      { x: title.x - 60, y: title.y },
    )
    expect(stillOnTop).toBe(true)

    // Resize by pointer, then by keyboard.
    await drag(page, await centreOf(page, `.frame[data-frame-id="${f.id}"] .frame-resize`), 100, 60)
    await expect.poll(async () => (await frame(id, f.id))?.w).toBe(f.w + 100)
    expect((await frame(id, f.id))?.h).toBe(f.h + 60)
    await page.getByRole('button', { name: 'Größe von Rahmen „Wohnen“ ändern (Pfeiltasten)' }).focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowDown')
    await expect.poll(async () => (await frame(id, f.id))?.w).toBe(f.w + 120)
    expect((await frame(id, f.id))?.h).toBe(f.h + 80)
    await shot(page, 'frame-resized')
    expect(world.problems).toEqual([])
  })

  it('connects cards by pointer and by keyboard, deletes one; the minutes list the rest', async () => {
    const { page, id, joinUrl } = await openWorkshop('Verbindungen')
    await world.server.deps.sync.changeBoard(id, (b) => {
      seedCard(b, 'a', { text: 'Ursache', x: 40, y: 40, color: 'yellow' }, 1)
      seedCard(b, 'b', { text: 'Wirkung', x: 440, y: 40, color: 'pink' }, 2)
      seedCard(b, 'c', { text: 'Maßnahme', x: 240, y: 300, color: 'green' }, 3)
    })
    await page.locator('.card', { hasText: 'Maßnahme' }).waitFor()

    // Pointer: from a's handle onto b.
    const handle = await centreOf(page, '.card[data-card-id="a"] .card-connect')
    const onB = await centreOf(page, '.card[data-card-id="b"] .card-text')
    await drag(page, handle, onB.x - handle.x, onB.y - handle.y)
    await expect
      .poll(() => board(id, (b) => readConnectors(b).map((c) => `${c.from}>${c.to}`)))
      .toEqual(['a>b'])
    await page.locator('.connector').first().waitFor({ state: 'attached' })

    // Keyboard: on the card "Maßnahme", Tab to its connect button, Enter, choose, add.
    await page.locator('.card[data-card-id="c"]').focus()
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('card-connect')
    await page.keyboard.press('Enter')
    const select = page.getByLabel('Verbinden mit')
    await expect.poll(() => select.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => board(id, (b) => readConnectors(b).map((c) => `${c.from}>${c.to}`)))
      .toEqual(['a>b', 'c>a'])
    await page.getByText('→ Ursache').waitFor()
    await shot(page, 'connectors-drawn')
    await page.keyboard.press('Escape')
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('card-connect')

    // Delete a → b: select it by pointer, then Delete.
    const ab = page.locator('.connector[aria-label^="Verbindung: Ursache → Wirkung"]')
    await ab.focus()
    await page.keyboard.press('Delete')
    await expect
      .poll(() => board(id, (b) => readConnectors(b).map((c) => `${c.from}>${c.to}`)))
      .toEqual(['c>a'])
    await expect.poll(() => page.locator('.connector').count()).toBe(1)

    const md = await minutes(page, id, 'Mit Verbindungen', 'md')
    // Markdown escapes the brackets.
    expect(md).toMatch(/## Verbindungen \\?\(1\\?\)/)
    expect(md).toContain('Maßnahme → Ursache')
    expect(md).not.toContain('Ursache → Wirkung')

    // A participant on a phone sees the arrow and draws none (connectors are the facilitator's).
    const phone = await (await world.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage()
    await guestJoins(phone, joinUrl, 'Ben')
    await phone.locator('.connector').first().waitFor({ state: 'attached' })
    expect(await phone.locator('.connector').getAttribute('aria-label')).toBe(
      'Verbindung: Maßnahme → Ursache',
    )
    expect(await phone.locator('.card-connect').count()).toBe(0)
    await shot(phone, 'phone-participant')
    expect(world.problems).toEqual([])
  })
})
