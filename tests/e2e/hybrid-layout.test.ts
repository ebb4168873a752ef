/**
 * The hybrid room's screens fit the devices they are used on, in Chromium: the table of
 * hand-counted dots fits the facilitator's sidebar at 1280 px and an assistant's phone at 390 px
 * (no sideways scrolling), a paper card's group reads as a note on the card rather than a box
 * that looks like a text field, and the projector's queue of raised hands is large enough to be
 * read from the back of a council chamber at 1920 x 1080. A paper card names the assistant as the
 * one who entered it, not as its author. A result whose groups cannot be shown apart still has
 * its bar (the rest, in grey).
 */
import { describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { applyPhase } from '../../shared/board/facilitation.ts'
import { OPEN_RULES, replaceScript } from '../../shared/script/script-schema.ts'
import { facilitatorOpensWorkshop, guestJoins, newPerson, useBrowserWorld } from '../support/e2e-flow.ts'

const world = useBrowserWorld()

describe('the hybrid room on its devices', () => {
  it('fits the paper table, marks paper cards as notes, shows the queue large and full result bars', async () => {
    const { browser, server, problems } = world
    const facilitator = await newPerson(browser, 'facilitator', problems)
    const { joinUrl } = await facilitatorOpensWorkshop(facilitator, server.url, 'Papier und Telefon')
    const id = new URL(facilitator.url()).pathname.split('/').pop() ?? ''
    const phase = {
      id: 'wahl',
      name: 'Priorisieren',
      prompt: '',
      minutes: 0,
      rules: { ...OPEN_RULES, vote: { method: 'dots' as const, budget: 5, cap: 3 } },
    }
    await server.deps.sync.rooms.withBoard(id, (board) => {
      replaceScript(board.doc, [phase])
      applyPhase(board.doc, phase)
      addCard(board.doc, 'bus', { text: 'Abendbus bis Mitternacht', x: 0, y: 0, color: 'yellow' })
      addCard(board.doc, 'wlan', { text: 'WLAN im Rathaus', x: 300, y: 0, color: 'blue' })
    })

    // The assistant on a phone.
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    ).newPage()
    phone.on('pageerror', (err) => problems.push(`assistant: ${err.message}`))
    await guestJoins(phone, joinUrl, 'Jan')
    await facilitator.getByLabel('Rolle von Jan').selectOption('assistant')
    await phone.getByText('Ihre Rolle wurde geändert.').waitFor()
    await phone.locator('.paper-dots').getByRole('heading', { name: 'Punkte von Papier' }).waitFor()
    // A mobile viewport widens to its content, so the phone's width is the fixed 390 px.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

    // The facilitator's sidebar at 1280 px: the table inside it, each column head in its column.
    const sidebar = facilitator.locator('.sidebar')
    await facilitator.locator('.paper-dots').waitFor()
    const fit = await sidebar.evaluate((aside) => {
      const table = aside.querySelector('.paper-table') as HTMLTableElement
      const heads = [...table.querySelectorAll('thead th')].map((th) => ({
        scroll: th.scrollWidth,
        client: th.clientWidth,
      }))
      return {
        table: table.getBoundingClientRect().right,
        aside: aside.getBoundingClientRect().right,
        heads,
        page: document.documentElement.scrollWidth,
        view: window.innerWidth,
      }
    })
    expect(fit.table).toBeLessThanOrEqual(fit.aside)
    expect(fit.page).toBeLessThanOrEqual(fit.view)
    for (const head of fit.heads) expect(head.scroll).toBeLessThanOrEqual(head.client)

    // A paper card's group: a note on the card, no framed box.
    await phone.getByLabel('Text der Karte').fill('Mehr Bänke am Markt')
    await phone.keyboard.press('Alt+2')
    await phone.getByLabel('Text der Karte').press('Enter')
    const group = facilitator.locator('.card', { hasText: 'Mehr Bänke am Markt' }).locator('.card-group')
    await group.waitFor()
    const style = await group.evaluate((el) => {
      const s = getComputedStyle(el)
      return { top: s.borderTopWidth, right: s.borderRightWidth, size: Number.parseFloat(s.fontSize) }
    })
    expect(style).toMatchObject({ top: '0px', right: '0px' })
    expect(style.size).toBeLessThan(14)
    // The card names the assistant as the one who entered it, not as its author.
    const paperCard = facilitator.locator('.card', { hasText: 'Mehr Bänke am Markt' })
    expect(await paperCard.getAttribute('aria-label')).toBe(
      'Papierkarte für Ratsmitglieder: Mehr Bänke am Markt',
    )
    expect(await paperCard.locator('.card-author').textContent()).toBe('eingetragen von Jan')

    // Two hands on the projector at 1920 x 1080: the queue at least 32 px, the waiting time 24 px.
    await phone.getByLabel('Name der Person im Raum').fill('Herr Schulz')
    await phone.getByRole('button', { name: 'Hand heben für diese Person' }).click()
    await phone.getByLabel('Name der Person im Raum').fill('Frau Öztürk')
    await phone.getByRole('button', { name: 'Hand heben für diese Person' }).click()
    const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage()
    await projector.context().addCookies(await facilitator.context().cookies())
    await projector.goto(`${server.url}/w/${id}/projector`)
    const queue = projector.locator('.projector-queue')
    await queue.getByText('Frau Öztürk').waitFor()
    const sizes = await queue.evaluate((ol) => ({
      entry: Number.parseFloat(getComputedStyle(ol).fontSize),
      waiting: Number.parseFloat(getComputedStyle(ol.querySelector('.hint') as Element).fontSize),
    }))
    expect(sizes.entry).toBeGreaterThanOrEqual(32)
    expect(sizes.waiting).toBeGreaterThanOrEqual(24)

    // Paper dots of citizens (3 people) and one councillor: no group can be shown apart, so the
    // projector's bar shows the whole total as the rest, and the paper share in readable type.
    const post = (path: string, data: unknown) =>
      facilitator.request.post(`${server.url}/api/workshops/${id}${path}`, {
        data,
        headers: { origin: server.url },
      })
    for (const [path, data] of [
      ['/votes/paper', { cardId: 'bus', group: 'citizen', points: 5 }],
      ['/votes/paper', { cardId: 'bus', group: 'councillor', points: 2 }],
      ['/votes/paper/voters', { group: 'citizen', voters: 3 }],
      ['/votes/paper/voters', { group: 'councillor', voters: 1 }],
      ['/votes/reveal', {}],
    ] as const)
      expect((await post(path, data)).status()).toBe(200)
    const bus = projector.locator('.result-list li', { hasText: 'Abendbus' })
    await bus.locator('.paper-count').waitFor()
    const bars = await bus.evaluate((li) => ({
      rest: (li.querySelector('.bar-rest') as HTMLElement | null)?.getBoundingClientRect().width ?? 0,
      track: (li.querySelector('.bars') as HTMLElement).getBoundingClientRect().width,
      paper: Number.parseFloat(getComputedStyle(li.querySelector('.paper-count') as Element).fontSize),
    }))
    expect(bars.rest).toBeCloseTo(bars.track, 0)
    expect(bars.paper).toBeGreaterThanOrEqual(18)
    expect(problems).toEqual([])
  })
})
