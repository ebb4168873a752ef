/**
 * axe-core in Chromium over every page and state a person reaches: first run, workshops (with the
 * administrator's panels), join screen, login, join, the board as facilitator (panels, hands queue,
 * cluster suggestions, paper dots table, results), as citizen (desktop and 390×844), as assistant,
 * the projector, a history snapshot and the minutes preview; the board once in English; the
 * list view of the board (citizen: writing, voting, results, on a phone; facilitator). Any
 * violation of impact serious or critical fails the test; every audit's counts by impact go to
 * test-results/axe-results.json for the accessibility statement.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addCard as addBoardCard } from '../../shared/board/card-ops.ts'
import { addConnector } from '../../shared/board/connectors.ts'
import { applyPhase } from '../../shared/board/facilitation.ts'
import { setFrame } from '../../shared/board/frames.ts'
import { readCards } from '../../shared/board/schema.ts'
import { OPEN_RULES, replaceScript } from '../../shared/script/script-schema.ts'
import {
  addCard,
  facilitatorOpensWorkshop,
  guestJoins,
  newPerson,
  useBrowserWorld,
} from '../support/e2e-flow.ts'

const world = useBrowserWorld()

/** Switches the board to "Liste" (or back to "Fläche") as a person would. */
async function showAs(page: Page, view: 'Liste' | 'Fläche'): Promise<void> {
  await page.getByRole('button', { name: view, exact: true }).click()
  if (view === 'Liste') await page.locator('.board-list').waitFor()
  else await page.locator('.canvas').waitFor()
}
const AXE_SOURCE = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8')

type Impact = 'minor' | 'moderate' | 'serious' | 'critical'
interface AxeViolation {
  id: string
  impact: Impact | null
  help: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

/** Per page: violations by impact, and the rules axe could not decide (to check by hand). */
const results: Record<string, Record<Impact, number> & { needsReview: Record<string, number> }> = {}
const failures: string[] = []

/** Runs axe on the page as it stands; records the counts and every serious or critical finding. */
async function audit(page: Page, name: string): Promise<void> {
  // The app's CSP refuses inline scripts (addScriptTag); evaluating through the DevTools protocol
  // is not subject to it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  const { violations, incomplete } = (await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time
    const axe = (window as any).axe
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
    // Rules axe calls experimental (label-content-name-mismatch among them) stay off under a tag
    // filter; those tagged with a WCAG criterion are switched on here.
    const experimental = (axe.getRules(tags) as { ruleId: string; tags: string[] }[])
      .filter((rule) => rule.tags.includes('experimental'))
      .map((rule) => [rule.ruleId, { enabled: true }])
    const r = await axe.run(document, { runOnly: tags, rules: Object.fromEntries(experimental) })
    return { violations: r.violations, incomplete: r.incomplete }
  })) as { violations: AxeViolation[]; incomplete: AxeViolation[] }
  const counts: Record<Impact, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 }
  for (const v of violations) {
    counts[v.impact ?? 'minor'] += v.nodes.length
    if (v.impact !== 'serious' && v.impact !== 'critical') continue
    for (const node of v.nodes) {
      failures.push(
        `${name}: ${v.id} (${v.impact}) at ${JSON.stringify(node.target)}: ${v.help}. ${(node.failureSummary ?? '').replace(/\s+/g, ' ')}`,
      )
    }
  }
  const needsReview = Object.fromEntries(incomplete.map((v) => [v.id, v.nodes.length]))
  if (process.env.AXE_DETAIL) {
    for (const v of incomplete) {
      for (const node of v.nodes.slice(0, 4)) {
        console.log(
          `review ${name}: ${v.id} ${JSON.stringify(node.target)} ${(node.failureSummary ?? '').replace(/\s+/g, ' ')}`,
        )
      }
    }
  }
  results[name] = { ...counts, needsReview }
}

function report(): void {
  fs.mkdirSync(path.resolve('test-results'), { recursive: true })
  fs.writeFileSync(path.resolve('test-results/axe-results.json'), `${JSON.stringify(results, null, 2)}\n`)
  for (const [name, c] of Object.entries(results)) {
    const review = Object.entries(c.needsReview).map(([id, n]) => `${id} ${n}`)
    console.log(
      `axe ${name}: critical ${c.critical}, serious ${c.serious}, moderate ${c.moderate}, minor ${c.minor}; to review: ${review.join(', ') || 'none'}`,
    )
  }
  for (const f of failures) console.log(`axe violation: ${f}`)
}

describe('accessibility (axe-core, WCAG 2.1 A/AA)', () => {
  it('every page and state has no serious or critical violation', async () => {
    const { browser, server, problems } = world
    const facilitator = await newPerson(browser, 'facilitator', problems)

    // First run and the workshops page (with the administrator's accounts panel).
    await facilitator.goto(`${server.url}/`)
    await facilitator.waitForURL('**/setup')
    await facilitator.getByLabel('Benutzername').waitFor()
    await audit(facilitator, 'setup')
    const { joinUrl } = await facilitatorOpensWorkshop(facilitator, server.url, 'Barrierefreie Werkstatt')
    const boardUrl = facilitator.url()
    const id = new URL(boardUrl).pathname.split('/').pop() ?? ''
    await facilitator.goto(`${server.url}/workshops`)
    await facilitator.getByRole('button', { name: 'Werkstatt anlegen' }).waitFor()
    await audit(facilitator, 'workshops + administration')
    await facilitator.getByRole('link', { name: 'Beitrittsbildschirm' }).first().click()
    await facilitator.waitForFunction(
      () => (document.querySelector('img.qr') as HTMLImageElement | null)?.naturalWidth,
    )
    await audit(facilitator, 'join screen')

    // Login page, as someone logged out sees it.
    const visitor = await newPerson(browser, 'visitor', problems)
    await visitor.goto(`${server.url}/login`)
    await visitor.getByLabel('Passwort').waitFor()
    await audit(visitor, 'login')
    await visitor.getByLabel('Benutzername').fill('moderation')
    await visitor.getByLabel('Passwort').fill('falsches-passwort')
    await visitor.getByRole('button', { name: 'Anmelden' }).click()
    await visitor.locator('p.error').waitFor()
    await audit(visitor, 'login (error)')

    // The board as facilitator, with a card, and its panels.
    await facilitator.goto(boardUrl)
    await facilitator.locator('.connection[data-state="online"]').waitFor()
    await addCard(facilitator, 'Radwege ausbauen')
    await facilitator.locator('.canvas .card-text', { hasText: 'Radwege ausbauen' }).waitFor()
    await audit(facilitator, 'board (facilitator, panels)')
    await facilitator.locator('.canvas .card').first().focus()
    await audit(facilitator, 'board (facilitator, card focused)')

    // Join page and the board as citizen.
    const anna = await newPerson(browser, 'anna', problems)
    await anna.goto(joinUrl)
    await anna.getByLabel('Ihr Name oder ein Pseudonym').waitFor()
    await audit(anna, 'join')
    await guestJoins(anna, joinUrl, 'Anna')
    // The card editor open, then the card written.
    await anna.getByRole('button', { name: 'Karte hinzufügen' }).click()
    await anna.locator('.canvas textarea').waitFor()
    await audit(anna, 'board (citizen, card editor)')
    await anna.keyboard.type('Mehr Bänke am Markt')
    await anna.keyboard.press('Escape')
    await anna.locator('.canvas .card-text', { hasText: 'Mehr Bänke am Markt' }).waitFor()
    await audit(anna, 'board (citizen)')

    // The list view: frames with their cards, a card being edited.
    await server.deps.sync.changeBoard(id, (board) => {
      setFrame(board, { id: 'frame-a11y-1', title: 'Verkehr', x: -600, y: -400, w: 440, h: 320 })
      setFrame(board, {
        id: 'frame-a11y-2',
        title: 'Ein sehr langer Rahmentitel für Grünflächen und Plätze',
        x: -600,
        y: 0,
        w: 440,
        h: 320,
      })
    })
    await showAs(anna, 'Liste')
    await anna.getByRole('heading', { name: /Rahmen: Verkehr/ }).waitFor()
    await audit(anna, 'list view (citizen)')
    await anna.locator('.board-list').getByRole('button', { name: 'Bearbeiten' }).first().click()
    await anna.locator('.board-list textarea').waitFor()
    await audit(anna, 'list view (citizen, card editor)')
    await anna.keyboard.press('Escape')
    await showAs(anna, 'Fläche')

    // Hands: Anna raises her hand, the facilitator sees the queue.
    await anna.getByRole('button', { name: 'Hand heben' }).click()
    await anna.getByRole('button', { name: 'Hand senken' }).waitFor()
    await facilitator.locator('.hands-queue li').first().waitFor()
    await audit(facilitator, 'board (facilitator, hands queue)')

    // The approval queue: Anna's card waits, then is refused with a reason.
    await facilitator.getByLabel('Neue Karten erst nach Freigabe zeigen', { exact: true }).check()
    await addCard(anna, 'Parkplätze am Rathaus')
    await anna
      .locator('.card', { hasText: 'Parkplätze am Rathaus' })
      .getByText('Wartet auf Freigabe')
      .waitFor()
    await audit(anna, 'board (citizen, card waiting)')
    const api = `${server.url}/api/workshops/${id}`
    const pendingOf = async () =>
      (
        (await (await facilitator.request.get(`${api}/pending`)).json()) as {
          pending: { participantId: string; id: string }[]
        }
      ).pending
    await expect.poll(async () => (await pendingOf()).length).toBe(1)
    await audit(facilitator, 'board (facilitator, approval queue)')
    const [held] = await pendingOf()
    const refused = await facilitator.request.post(`${api}/pending/reject`, {
      data: { participantId: held?.participantId, cardId: held?.id, reason: 'gehört zum Parken' },
      headers: { origin: server.url },
    })
    expect(refused.status()).toBeLessThan(300)
    await anna.getByText('Von der Moderation abgelehnt: gehört zum Parken').waitFor()
    await audit(anna, 'board (citizen, card refused)')

    // The assistant's entry form.
    const jan = await newPerson(browser, 'jan', problems)
    await guestJoins(jan, joinUrl, 'Jan')
    await facilitator.getByLabel('Rolle von Jan').selectOption('assistant')
    await jan.getByRole('heading', { name: 'Papierkarten eintragen' }).waitFor()
    await audit(jan, 'board (assistant entry)')

    // Cluster suggestions.
    await server.deps.sync.changeBoard(id, (board) => {
      const texts = [
        'Sichere Radwege zur Schule',
        'Radweg an der Hauptstraße',
        'Der Bus fährt abends nicht',
        'Busse am Wochenende',
      ]
      texts.forEach((text, i) => {
        addBoardCard(board, `k${i}`, { text, x: i * 200, y: 900, color: 'yellow' })
      })
    })
    await facilitator.locator('.card', { hasText: 'Busse am Wochenende' }).waitFor()
    await facilitator.getByRole('button', { name: 'Vorschläge berechnen' }).click()
    await facilitator
      .getByRole('form', { name: /Vorschlag/ })
      .first()
      .waitFor()
    await audit(facilitator, 'board (facilitator, cluster suggestions)')

    // A dot vote: the paper dots table for the facilitator, the ballot for the citizen.
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
    })
    await facilitator.locator('.paper-dots').getByRole('heading', { name: 'Punkte von Papier' }).waitFor()
    await audit(facilitator, 'board (facilitator, paper dots table)')
    await anna.getByText('Ihre Punkte: 5 von 5 übrig').waitFor()
    await audit(anna, 'board (citizen, voting)')
    await showAs(anna, 'Liste')
    await anna.locator('.board-list .list-card-vote').first().waitFor()
    await audit(anna, 'list view (citizen, voting)')
    await showAs(anna, 'Fläche')
    await facilitator.getByRole('button', { name: 'Ergebnis zeigen' }).click()
    await anna.locator('.results').waitFor()
    await audit(anna, 'board (citizen, results)')
    await audit(facilitator, 'board (facilitator, results)')
    // A connection, listed at its card in both list views (read-only for the citizen).
    await server.deps.sync.changeBoard(id, (board) => {
      const card = readCards(board).find((c) => c.hidden === null)
      if (card) expect(addConnector(board, card.id, 'frame-a11y-1').ok).toBe(true)
    })
    await showAs(anna, 'Liste')
    await anna.locator('.list-card-connections li').first().waitFor()
    await audit(anna, 'list view (citizen, results)')
    await showAs(facilitator, 'Liste')
    await audit(facilitator, 'list view (facilitator, results)')
    await showAs(facilitator, 'Fläche')

    // The projector.
    const projector = await newPerson(browser, 'projector', problems)
    await projector.context().addCookies(await facilitator.context().cookies())
    await projector.goto(`${boardUrl}/projector`)
    await projector.locator('.projector-head h1', { hasText: 'Barrierefreie Werkstatt' }).waitFor()
    await audit(projector, 'projector')

    // A snapshot: the history view and the minutes preview.
    await facilitator.getByLabel('Bezeichnung des Stands').fill('Erster Stand')
    await facilitator.getByRole('button', { name: 'Stand speichern' }).click()
    const snapshot = facilitator.locator('.snapshot-list li', { hasText: 'Erster Stand' })
    const previewHref = await snapshot.getByRole('link', { name: 'Vorschau' }).getAttribute('href')
    await snapshot.getByRole('link', { name: 'Ansehen' }).click()
    await facilitator.locator('.history-banner').waitFor()
    await facilitator.locator('.canvas .card').first().waitFor()
    await audit(facilitator, 'history view')
    await projector.goto(new URL(previewHref ?? '', server.url).toString())
    await projector.locator('h1').first().waitFor()
    await audit(projector, 'minutes preview')

    // English, once: the facilitator's board.
    await facilitator.goto(boardUrl)
    await facilitator.locator('.connection[data-state="online"]').waitFor()
    await facilitator.getByRole('button', { name: 'EN', exact: true }).click()
    await facilitator.getByRole('button', { name: 'Add card' }).waitFor()
    await audit(facilitator, 'board (facilitator, English)')

    // A phone: join and the citizen's board at 390×844.
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true })
    ).newPage()
    phone.on('pageerror', (err) => problems.push(`phone: ${err.message}`))
    await phone.goto(joinUrl)
    await phone.getByLabel('Ihr Name oder ein Pseudonym').waitFor()
    await audit(phone, 'join (390×844)')
    await guestJoins(phone, joinUrl, 'Bea')
    await audit(phone, 'board (citizen, 390×844)')
    // The phone shows one view at a time: the results are in the vote's view.
    await phone.getByRole('button', { name: 'Abstimmung' }).click()
    await phone.locator('.results').waitFor()
    await audit(phone, 'board, vote view (citizen, 390×844)')
    await phone.getByRole('button', { name: 'Meine Karten' }).click()
    await audit(phone, 'board, my cards (citizen, 390×844)')
    await phone.getByRole('button', { name: 'Tafel' }).click()
    await phone.getByRole('button', { name: 'Karte hinzufügen' }).click()
    await phone.getByLabel('Kartentext').waitFor()
    await audit(phone, 'board, card editor (citizen, 390×844)')
    await phone.keyboard.press('Escape')
    await showAs(phone, 'Liste')
    await audit(phone, 'list view (citizen, 390×844)')
    await showAs(phone, 'Fläche')

    report()
    expect(failures).toEqual([])
    expect(problems).toEqual([])
  }, 240_000)
})
