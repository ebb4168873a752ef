/**
 * Hand-counted dots in Chromium: the facilitator (standing in for an assistant) types the dots
 * counted on the wall into the sidebar's table with the keyboard only, a citizen sees no such
 * table, and after the reveal the results on the board say how many points came from paper.
 */
import { describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { applyPhase } from '../../shared/board/facilitation.ts'
import { OPEN_RULES, replaceScript } from '../../shared/script/script-schema.ts'
import { facilitatorOpensWorkshop, guestJoins, newPerson, useBrowserWorld } from '../support/e2e-flow.ts'

const world = useBrowserWorld()

describe('hand-counted dots', () => {
  it('are typed in by keyboard, stay off other screens, and are marked in the results', async () => {
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
      addCard(board.doc, 'bus', { text: 'Abendbus', x: 0, y: 0, color: 'yellow' })
      addCard(board.doc, 'wlan', { text: 'WLAN im Rathaus', x: 300, y: 0, color: 'blue' })
    })
    const citizen = await newPerson(browser, 'citizen', problems)
    await guestJoins(citizen, joinUrl, 'Anna')

    const panel = facilitator.locator('.paper-dots')
    await panel.getByRole('heading', { name: 'Punkte von Papier' }).waitFor()
    // Down the citizens' column: type, Enter, next card.
    await panel.getByLabel('Abendbus: Punkte von Bürger*innen').focus()
    await facilitator.keyboard.type('9')
    await facilitator.keyboard.press('Enter')
    await expect
      .poll(() => facilitator.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('WLAN im Rathaus: Punkte von Bürger*innen')
    await facilitator.keyboard.type('3')
    await facilitator.keyboard.press('Enter')
    await panel.getByText('Gespeichert: WLAN im Rathaus · Bürger*innen: 3').waitFor()
    await panel.getByLabel('WLAN im Rathaus: Punkte von Verwaltung').fill('12')
    await panel.getByLabel('WLAN im Rathaus: Punkte von Verwaltung').press('Tab')
    await panel.getByText('Gespeichert: WLAN im Rathaus · Verwaltung: 12').waitFor()
    // A mistake corrected: the count is replaced, not added.
    await panel.getByLabel('Abendbus: Punkte von Bürger*innen').fill('10')
    await panel.getByLabel('Abendbus: Punkte von Bürger*innen').press('Tab')
    await panel.getByText('Gespeichert: Abendbus · Bürger*innen: 10').waitFor()

    // The citizen's screen has no table, and nothing of the counts before the reveal.
    await citizen.getByText('Ihre Punkte: 5 von 5 übrig').waitFor()
    expect(await citizen.locator('.paper-dots').count()).toBe(0)
    expect(await citizen.locator('.results').count()).toBe(0)

    await facilitator.getByRole('button', { name: 'Ergebnis zeigen' }).click()
    for (const page of [facilitator, citizen]) {
      const results = page.locator('.results', { hasText: 'Ergebnis: Priorisieren' })
      await results.waitFor()
      await results.getByText('davon 10 von Papier').waitFor()
      // 13 citizens' dots need at least 5 people (10 on one card, 3 each at most), 12 staff dots 4.
      await results.getByText('Von Hand gezählt: 25 Punkte von Papier (8 Personen)').waitFor()
    }
    // After the reveal the table takes no more counts.
    await expect.poll(() => panel.getByLabel('Abendbus: Punkte von Bürger*innen').isDisabled()).toBe(true)
    expect(problems).toEqual([])
  })
})
