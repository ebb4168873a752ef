/**
 * Two guests in two tabs of ONE browser profile (a shared table tablet): each desk stays its
 * own (desks use no BroadcastChannel), each own card says in words where it stands (on the
 * board, private, waiting, rejected, deleted, hidden), and the desk's copy in IndexedDB is gone
 * after leaving the workshop and after logging out. Each tab is its own guest (it names its
 * participant, whose own cookie the server reads): each ballot counts for the tab's guest, a
 * reload keeps the guest, and logging out in one tab leaves the other logged in.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { PROJECTION_ORIGIN } from '../../server/sync/desk-projection.ts'
import { deskRoomName } from '../../server/sync/workshop-rooms.ts'
import { addCard as addBoardCard } from '../../shared/board/card-ops.ts'
import { type CardState, cardStatesOf, readCards } from '../../shared/board/schema.ts'
import { call } from '../support/api.ts'
import {
  addCard,
  deskDatabases,
  facilitatorOpensWorkshop,
  guestJoinsAs,
  newPerson,
  newTab,
  useBrowserWorld,
} from '../support/e2e-flow.ts'

const world = useBrowserWorld()
const SHOTS = path.resolve('test-results/screenshots')

const cardOf = (page: Page, text: string) => page.locator('.card', { hasText: text })

describe('two guests on one tablet', () => {
  it('keeps the desks apart, labels each own card, and deletes the desk cache on leave and logout', async () => {
    const facilitator = await newPerson(world.browser, 'facilitator', world.problems)
    const { joinUrl } = await facilitatorOpensWorkshop(facilitator, world.server.url, 'Tisch 3')
    const workshopId = new URL(facilitator.url()).pathname.split('/').pop() ?? ''
    await facilitator.getByLabel('Private Schreibphase', { exact: true }).check()

    const tablet = await world.browser.newContext({ viewport: { width: 1280, height: 800 } })
    const anna = await newTab(tablet, 'anna', world.problems)
    const annaId = await guestJoinsAs(anna, joinUrl, 'Anna')
    const bert = await newTab(tablet, 'bert', world.problems)
    const bertId = await guestJoinsAs(bert, joinUrl, 'Bert')
    expect(annaId).not.toBe(bertId)

    await anna.getByText('Private Schreibphase: Ihre neuen Karten').waitFor()
    await bert.getByText('Private Schreibphase: Ihre neuen Karten').waitFor()
    await addCard(anna, 'Annas Entwurf: Spielplatz')
    await addCard(anna, 'Annas Entwurf: Herr Müller')
    await addCard(bert, 'Berts Entwurf: Parkbank')
    await cardOf(anna, 'Annas Entwurf: Spielplatz').waitFor()
    await cardOf(anna, 'Annas Entwurf: Herr Müller').waitFor()
    await cardOf(bert, 'Berts Entwurf').waitFor()
    await facilitator.getByText('Private Karten: 3').waitFor()

    // Neither tab ever shows the other's draft, and the server holds one card on each desk.
    const leaks = new Set<string>()
    for (let i = 0; i < 10; i++) {
      if ((await cardOf(anna, 'Berts Entwurf').count()) > 0) leaks.add('Anna sees Bert’s draft')
      if ((await cardOf(bert, 'Annas Entwurf').count()) > 0) leaks.add('Bert sees Anna’s draft')
      await anna.waitForTimeout(100)
    }
    expect([...leaks]).toEqual([])
    const desk = (participantId: string) => {
      const room = world.server.deps.sync.registry.get(deskRoomName(workshopId, participantId))
      if (!room) throw new Error(`desk of ${participantId} not loaded`)
      return room.doc
    }
    expect(
      readCards(desk(annaId))
        .map((c) => c.text)
        .sort(),
    ).toEqual(['Annas Entwurf: Herr Müller', 'Annas Entwurf: Spielplatz'])
    expect(readCards(desk(bertId)).map((c) => c.text)).toEqual(['Berts Entwurf: Parkbank'])

    // Both desk caches exist, each named by workshop and participant, with each one's copy of the board.
    await expect
      .poll(async () => (await deskDatabases(anna)).sort())
      .toEqual(
        [
          `rw-desk-${workshopId}-${annaId}`,
          `rw-desk-${workshopId}-${bertId}`,
          `rw-desk-board-${workshopId}-${annaId}`,
          `rw-desk-board-${workshopId}-${bertId}`,
        ].sort(),
      )

    // Held for privacy, in words.
    await cardOf(anna, 'Annas Entwurf: Spielplatz').getByText('Privat, bis zur Aufdeckung').waitFor()

    // The reveal puts both on the board; each author's card says so.
    await facilitator.getByRole('button', { name: 'Private Karten zeigen' }).click()
    await facilitator.getByText('3 Karten gezeigt.').waitFor()
    await cardOf(anna, 'Annas Entwurf: Spielplatz').getByText('Auf dem Board').waitFor()
    await cardOf(bert, 'Berts Entwurf').getByText('Auf dem Board').waitFor()
    await cardOf(anna, 'Berts Entwurf').waitFor()
    // Another person's card carries no status of its own.
    expect(await cardOf(anna, 'Berts Entwurf').locator('.card-status').count()).toBe(0)

    // The facilitator hides one of Anna's cards: the board drops its text; Anna still sees which
    // of her cards it was, and why; Bert sees only that a card was hidden.
    const named = cardOf(facilitator, 'Annas Entwurf: Herr Müller')
    await named.focus()
    facilitator.once('dialog', (dialog) => void dialog.accept('nennt eine Person'))
    await named.getByRole('button', { name: 'Ausblenden' }).click()
    await cardOf(anna, 'Annas Entwurf: Herr Müller')
      .locator('.card-status', { hasText: 'Ausgeblendet: nennt eine Person' })
      .waitFor()
    await bert.locator('.card', { hasText: 'Ausgeblendet: nennt eine Person' }).waitFor()
    expect(await cardOf(bert, 'Herr Müller').count()).toBe(0)

    // More drafts, then the server's records for them, written into Anna's desk as the server
    // writes them (private writing is still on, so they stay on her desk).
    // Two tabs of one window: the one in front gets animation frames, the other is throttled.
    await anna.bringToFront()
    const drafts = ['Wartet: Bänke', 'Abgelehnt: Doppelt', 'Gelöscht: Werbung', 'Ausgeblendet: Adresse']
    for (const text of [...drafts, 'Noch privat: Brunnen']) {
      await addCard(anna, text)
      await cardOf(anna, text).getByText('Privat, bis zur Aufdeckung').waitFor()
    }
    const idOf = async (text: string) => (await cardOf(anna, text).getAttribute('data-card-id')) ?? ''
    const now = Date.now()
    const records: [string, CardState][] = [
      [await idOf('Wartet: Bänke'), { state: 'approval', at: now }],
      [
        await idOf('Abgelehnt: Doppelt'),
        { state: 'rejected', reason: 'gibt es schon', by: 'moderation', at: now },
      ],
      [await idOf('Gelöscht: Werbung'), { state: 'deleted', reason: 'Werbung', by: 'moderation', at: now }],
      [
        await idOf('Ausgeblendet: Adresse'),
        { state: 'hidden', reason: 'enthält eine Adresse', by: 'moderation', at: now },
      ],
    ]
    const annaDesk = desk(annaId)
    annaDesk.transact(() => {
      for (const [id, state] of records) cardStatesOf(annaDesk).set(id, state)
    }, PROJECTION_ORIGIN)

    const expected: [string, string][] = [
      ['Wartet: Bänke', 'Wartet auf Freigabe durch die Moderation'],
      ['Abgelehnt: Doppelt', 'Von der Moderation abgelehnt: gibt es schon'],
      ['Gelöscht: Werbung', 'Von der Moderation gelöscht: Werbung'],
      ['Ausgeblendet: Adresse', 'Ausgeblendet: enthält eine Adresse'],
    ]
    for (const [text, label] of expected) {
      await cardOf(anna, text).locator('.card-status', { hasText: label }).waitFor()
      // The state is in the card's accessible name too, not only in its look.
      expect(await cardOf(anna, text).getAttribute('aria-label')).toContain(label)
    }
    // A decided card is not its author's to change (the server refuses it); a held draft still is.
    for (const text of ['Gelöscht: Werbung', 'Abgelehnt: Doppelt']) {
      await cardOf(anna, text).focus()
      expect(await cardOf(anna, text).getByRole('button', { name: 'Bearbeiten' }).count()).toBe(0)
    }
    await cardOf(anna, 'Wartet: Bänke').focus()
    expect(await cardOf(anna, 'Wartet: Bänke').getByRole('button', { name: 'Bearbeiten' }).count()).toBe(1)
    // Bert still sees none of it.
    for (const text of drafts) expect(await cardOf(bert, text).count()).toBe(0)
    // Presence comes from the server, names included, for a tab of the same profile too.
    await anna.locator('.people li', { hasText: 'Bert' }).waitFor()
    await bert.locator('.people li', { hasText: 'Anna' }).waitFor()

    fs.mkdirSync(SHOTS, { recursive: true })
    await anna.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await anna.mouse.move(5, 790)
    await anna.screenshot({ path: path.join(SHOTS, 'card-states-1280x800.png') })
    await anna.setViewportSize({ width: 390, height: 844 })
    // Pan the cards (placed for the wide screen) into the narrow one.
    await anna.mouse.move(200, 480)
    await anna.mouse.down()
    await anna.mouse.move(10, 400, { steps: 5 })
    await anna.mouse.up()
    await anna.screenshot({ path: path.join(SHOTS, 'card-states-390x844.png') })
    await anna.setViewportSize({ width: 1280, height: 800 })

    // Anna leaves: her desk cache goes, Bert's stays, and Bert (whose session the shared cookie
    // now holds) is not logged out by her leaving.
    anna.once('dialog', (dialog) => void dialog.accept())
    await anna.getByRole('button', { name: 'Werkstatt verlassen' }).click()
    await anna.waitForURL('**/join**')
    expect((await deskDatabases(bert)).sort()).toEqual(
      [`rw-desk-${workshopId}-${bertId}`, `rw-desk-board-${workshopId}-${bertId}`].sort(),
    )
    const bertMe = await bert.evaluate(() => fetch('/api/me').then((r) => r.json()))
    expect(bertMe).toMatchObject({ kind: 'guest', guest: { id: bertId } })

    // Bert logs out: no desk cache is left in this profile.
    await bert.getByRole('button', { name: 'Abmelden' }).click()
    await bert.waitForURL('**/login')
    await expect.poll(() => deskDatabases(bert)).toEqual([])

    await tablet.close()
    expect(world.problems).toEqual([])
  })
})

describe('two guests on one tablet, each tab its own guest', () => {
  it('stores each tab’s ballot under its own guest, keeps the guest over a reload, logs out one tab', async () => {
    // An account and a workshop in the dot-vote phase, with two cards on the board.
    const base = world.server.url
    const account = { username: 'moderation', password: 'sehr-geheimes-passwort' }
    const setup = await call(base, 'POST', '/api/setup', account)
    const token = (setup.status === 201 ? setup : await call(base, 'POST', '/api/login', account)).json.token
    const created = await call(
      base,
      'POST',
      '/api/workshops',
      { title: 'Tisch 4', template: 'zukunftswerkstatt' },
      token,
    )
    const { id: workshopId, joinCode } = created.json as { id: string; joinCode: string }
    expect(
      (await call(base, 'POST', `/api/workshops/${workshopId}/phase`, { phaseId: 'zw-fantasie' }, token))
        .status,
    ).toBe(200)
    await world.server.deps.sync.changeBoard(workshopId, (board) => {
      addBoardCard(board, 'bus', { text: 'Bürgerbus', x: 40, y: 40, color: 'yellow' })
      addBoardCard(board, 'bank', { text: 'Parkbank', x: 300, y: 40, color: 'green' })
    })

    const tablet = await world.browser.newContext({ viewport: { width: 1280, height: 800 } })
    const anna = await newTab(tablet, 'anna', world.problems)
    const annaId = await guestJoinsAs(anna, `${base}/join/${joinCode}`, 'Anna')
    const bert = await newTab(tablet, 'bert', world.problems)
    const bertId = await guestJoinsAs(bert, `${base}/join/${joinCode}`, 'Bert')
    const ballot = async (participantId: string) =>
      (await world.server.deps.votes.mine(workshopId, participantId))?.allocations
    const votePlus = async (page: Page, text: string, mine: number) => {
      await page.bringToFront()
      const card = cardOf(page, text)
      await card.focus()
      await card.getByRole('button', { name: 'Einen Punkt mehr für diese Karte' }).click()
      await card.getByText(`${mine} von Ihnen`).waitFor()
    }

    // The profile's session cookie is Bert's now; Anna's tab still votes as Anna.
    await votePlus(anna, 'Bürgerbus', 1)
    await votePlus(bert, 'Parkbank', 1)
    await votePlus(bert, 'Parkbank', 2)
    expect(await ballot(annaId)).toEqual({ bus: 1 })
    expect(await ballot(bertId)).toEqual({ bank: 2 })

    // Reloaded, Anna's tab is still Anna: her name, her ballot, her desk.
    await anna.reload()
    await anna.locator('.connection[data-state="online"]').waitFor()
    await anna.locator('.who', { hasText: 'Anna' }).waitFor()
    await cardOf(anna, 'Bürgerbus').getByText('1 von Ihnen').waitFor()
    await votePlus(anna, 'Parkbank', 1)
    expect(await ballot(annaId)).toEqual({ bus: 1, bank: 1 })
    expect(await ballot(bertId)).toEqual({ bank: 2 })
    expect(world.server.deps.sync.registry.get(deskRoomName(workshopId, annaId))).toBeDefined()

    // Anna logs out in her tab: Bert's tab stays Bert, logged in; only Anna's desk copy goes.
    await anna.getByRole('button', { name: 'Abmelden' }).click()
    await anna.waitForURL('**/login')
    const meAs = (page: Page, participantId: string) =>
      page.evaluate(
        (as) => fetch('/api/me', { headers: { 'X-RW-As': as } }).then((r) => r.status),
        participantId,
      )
    expect(await meAs(bert, annaId)).toBe(401)
    expect(await meAs(bert, bertId)).toBe(200)
    await bert.reload()
    await bert.locator('.connection[data-state="online"]').waitFor()
    await bert.locator('.who', { hasText: 'Bert' }).waitFor()
    await cardOf(bert, 'Parkbank').getByText('2 von Ihnen').waitFor()
    await expect
      .poll(async () => (await deskDatabases(bert)).sort())
      .toEqual([`rw-desk-${workshopId}-${bertId}`, `rw-desk-board-${workshopId}-${bertId}`].sort())

    await tablet.close()
    expect(world.problems.filter((p) => !/status of 4\d\d/.test(p))).toEqual([])
  })
})
