/**
 * The hybrid room in Chromium (issue 14): a facilitator makes a guest an assistant, who types in
 * five paper cards for three groups with the entry form (keyboard only), and in the vote the
 * hand-counted dots per card and group and the number of paper voters per group. A citizen and a
 * councillor vote on their own devices in browsers. After the reveal the results split by group
 * add up across paper and devices (per card: total = shown groups + rest; each group's figure =
 * its device points + its paper points, as entered here), the paper points are marked, and the
 * minutes (Markdown and HTML) show both sources.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { readCards } from '../../shared/board/schema.ts'
import { GROUPS, type Group } from '../../shared/policy/roles.ts'
import { call } from '../support/api.ts'
import { facilitatorOpensWorkshop, guestJoins, newPerson, useBrowserWorld } from '../support/e2e-flow.ts'

const world = useBrowserWorld()
const PASSWORD = 'ein-sicheres-passwort'
const GROUP_NAME: Record<Group, string> = {
  citizen: 'Bürger*innen',
  councillor: 'Ratsmitglieder',
  staff: 'Verwaltung',
}
/** The entry form's shortcut for each group. */
const GROUP_KEY: Record<Group, string> = { citizen: 'Alt+1', councillor: 'Alt+2', staff: 'Alt+3' }

/** The five paper cards and the group each was written by. */
const CARDS = [
  { text: 'Abendbus bis Mitternacht', group: 'citizen' },
  { text: 'Sitzbänke am Marktplatz', group: 'citizen' },
  { text: 'Ratssitzungen im Livestream', group: 'councillor' },
  { text: 'Bürgerbüro auch samstags', group: 'staff' },
  { text: 'Radweg zur Schule', group: 'councillor' },
] as const satisfies readonly { text: string; group: Group }[]
type CardText = (typeof CARDS)[number]['text']

/** Dots counted on the wall, per card and group. */
const PAPER: Record<CardText, Partial<Record<Group, number>>> = {
  'Abendbus bis Mitternacht': { citizen: 6, councillor: 2, staff: 1 },
  'Sitzbänke am Marktplatz': { citizen: 3, staff: 4 },
  'Ratssitzungen im Livestream': { councillor: 5 },
  'Bürgerbüro auch samstags': { citizen: 2, councillor: 3, staff: 2 },
  'Radweg zur Schule': { staff: 3 },
}
/** People who voted on paper, per group (each at least T = 3, so paper shows every group). */
const PAPER_VOTERS: Record<Group, number> = { citizen: 4, councillor: 3, staff: 3 }

/** Device ballots (dots vote: 5 in all, at most 3 on one card). */
interface DeviceVoter {
  group: 'citizen' | 'councillor'
  dots: Partial<Record<CardText, number>>
}
const IN_BROWSER: Record<'anna' | 'ratsfrau', DeviceVoter> = {
  anna: { group: 'citizen', dots: { 'Abendbus bis Mitternacht': 3, 'Sitzbänke am Marktplatz': 2 } },
  ratsfrau: { group: 'councillor', dots: { 'Ratssitzungen im Livestream': 3, 'Radweg zur Schule': 1 } },
}
/**
 * Devices are held to the threshold T = max(3, minGroupSize) = 3 on their own (shared/votes/
 * results.ts, rule 3 and 4): with only the two browsers, their ballots would be withheld. So two
 * more citizens and two more councillors vote on their devices through the HTTP API (a device is
 * a device, whether a browser or a script), and citizens and councillors each reach 3 on devices.
 * Staff vote on paper only.
 */
const OVER_HTTP: DeviceVoter[] = [
  { group: 'citizen', dots: { 'Abendbus bis Mitternacht': 2, 'Bürgerbüro auch samstags': 1 } },
  { group: 'citizen', dots: { 'Sitzbänke am Marktplatz': 1 } },
  { group: 'councillor', dots: { 'Ratssitzungen im Livestream': 1, 'Bürgerbüro auch samstags': 2 } },
  { group: 'councillor', dots: { 'Abendbus bis Mitternacht': 1 } },
]

/** Expected points per card and group, from each source. */
function expected() {
  const zero = () => ({ citizen: 0, councillor: 0, staff: 0 }) as Record<Group, number>
  const devices = new Map<string, Record<Group, number>>(CARDS.map((c) => [c.text, zero()]))
  const paper = new Map<string, Record<Group, number>>(CARDS.map((c) => [c.text, zero()]))
  for (const voter of [...Object.values(IN_BROWSER), ...OVER_HTTP])
    for (const [text, n] of Object.entries(voter.dots))
      (devices.get(text) as Record<Group, number>)[voter.group] += n
  for (const [text, counts] of Object.entries(PAPER))
    for (const g of GROUPS) (paper.get(text) as Record<Group, number>)[g] += counts[g] ?? 0
  return { devices, paper }
}

async function accountJoins(page: Page, baseUrl: string, joinUrl: string, username: string) {
  await page.goto(`${baseUrl}/login`)
  await page.getByLabel('Benutzername').fill(username)
  await page.getByLabel('Passwort').fill(PASSWORD)
  await page.getByRole('button', { name: 'Anmelden' }).click()
  await page.waitForURL('**/workshops')
  await page.goto(joinUrl)
  await page.getByText(`Sie treten mit Ihrem Konto „${username}“ bei.`).waitFor()
  await page.getByRole('button', { name: 'Beitreten' }).click()
  await page.waitForURL('**/w/**')
  await page.locator('.connection[data-state="online"]').waitFor()
}

/** Clicks "one more dot" on each card as often as the voter's dots say. */
async function voteInBrowser(page: Page, voter: DeviceVoter) {
  let used = 0
  for (const [text, n] of Object.entries(voter.dots)) {
    for (let i = 0; i < n; i++) {
      await page
        .locator('.card', { hasText: text })
        .getByRole('button', { name: 'Einen Punkt mehr für diese Karte' })
        .click()
      used += 1
      await page.getByText(`Ihre Punkte: ${5 - used} von 5 übrig`).waitFor()
    }
  }
}

/** "Bürger*innen 9 · Ratsmitglieder 3" as numbers per group (groups not shown: absent). */
function groupFigures(hint: string): Partial<Record<Group, number>> {
  const out: Partial<Record<Group, number>> = {}
  for (const g of GROUPS) {
    const match = new RegExp(`${GROUP_NAME[g].replace('*', '\\*')} (\\d+)`).exec(hint)
    if (match) out[g] = Number(match[1])
  }
  return out
}

describe('the hybrid room', () => {
  it('counts paper and devices on equal footing, split by group, in the results and the minutes', async () => {
    const { browser, server, problems } = world
    const facilitator = await newPerson(browser, 'facilitator', problems)
    const { joinUrl, code } = await facilitatorOpensWorkshop(facilitator, server.url, 'Hybride Werkstatt')
    const id = new URL(facilitator.url()).pathname.split('/').pop() ?? ''
    const token = (
      await call(server.url, 'POST', '/api/login', {
        username: 'moderation',
        password: 'sehr-geheimes-passwort',
      })
    ).json.token as string
    for (let i = 1; i <= 3; i++) {
      const username = i === 1 ? 'ratsfrau' : `ratsmitglied${i}`
      const made = await call(
        server.url,
        'POST',
        '/api/users',
        { username, password: PASSWORD, role: 'councillor' },
        token,
      )
      expect(made.status).toBe(201)
    }

    // The assistant: a guest, made assistant by the facilitator.
    const jan = await newPerson(browser, 'jan', problems)
    await guestJoins(jan, joinUrl, 'Jan')
    await facilitator.getByLabel('Rolle von Jan').selectOption('assistant')
    await jan.getByText('Ihre Rolle wurde geändert.').waitFor()
    await jan.getByRole('heading', { name: 'Papierkarten eintragen' }).waitFor()

    // Five paper cards by keyboard: text, group by shortcut, Enter; the focus stays in the field.
    const text = jan.getByLabel('Text der Karte')
    const status = jan.getByTestId('assistant-status')
    await text.focus()
    for (const card of CARDS) {
      await jan.keyboard.type(card.text)
      await jan.keyboard.press(GROUP_KEY[card.group])
      await jan.keyboard.press('Enter')
      await expect.poll(() => status.textContent()).toBe(`Karte für ${GROUP_NAME[card.group]} gespeichert.`)
      expect(await text.evaluate((el) => el === document.activeElement)).toBe(true)
    }
    await jan.getByRole('heading', { name: 'In dieser Sitzung eingetragen (5)' }).waitFor()
    for (const card of CARDS)
      await facilitator
        .locator('.card', { hasText: card.text })
        .locator('.card-group', { hasText: `Papier · ${GROUP_NAME[card.group]}` })
        .waitFor()

    const anna = await newPerson(browser, 'anna', problems)
    await guestJoins(anna, joinUrl, 'Anna')
    const ratsfrau = await newPerson(browser, 'ratsfrau', problems)
    await accountJoins(ratsfrau, server.url, joinUrl, 'ratsfrau')

    // The vote: the critique has a dots vote (5 dots, at most 3 on one card).
    await facilitator.getByRole('button', { name: 'Nächste Phase' }).click()
    for (const page of [anna, ratsfrau, jan])
      await page.locator('.phase-name', { hasText: 'Kritikphase' }).waitFor()

    // The assistant types the wall's counts: down each group's column, Enter to the next card.
    const panel = jan.locator('.paper-dots')
    await panel.getByRole('heading', { name: 'Punkte von Papier' }).waitFor()
    const order = await panel.locator('tbody th.paper-card').allTextContents()
    expect([...order].sort()).toEqual(CARDS.map((c) => c.text).sort())
    for (const g of GROUPS) {
      await panel.getByLabel(`${order[0]}: Punkte von ${GROUP_NAME[g]}`).focus()
      for (const cardText of order) {
        const n = PAPER[cardText as CardText][g]
        if (n !== undefined) await jan.keyboard.type(String(n))
        await jan.keyboard.press('Enter')
        if (n !== undefined)
          await panel.getByText(`Gespeichert: ${cardText} · ${GROUP_NAME[g]}: ${n}`).waitFor()
      }
    }
    for (const g of GROUPS) {
      const field = panel.getByLabel(`Personen auf Papier: ${GROUP_NAME[g]}`)
      await field.focus()
      await jan.keyboard.type(String(PAPER_VOTERS[g]))
      await jan.keyboard.press('Enter')
      await panel
        .getByText(`Gespeichert: Personen auf Papier · ${GROUP_NAME[g]}: ${PAPER_VOTERS[g]}`)
        .waitFor()
    }
    const entered = (await call(server.url, 'GET', `/api/workshops/${id}/votes/paper`, undefined, token))
      .json as {
      entries: { cardId: string; group: Group; points: number }[]
      voters: Record<Group, number | null>
    }
    const cardIds = new Map(
      (await server.deps.sync.readBoard(id, (board) =>
        readCards(board).map((c) => [c.text, c.id] as const),
      )) ?? [],
    )
    const paperEntered = Object.entries(PAPER).flatMap(([cardText, counts]) =>
      GROUPS.filter((g) => counts[g] !== undefined).map((g) => ({
        cardId: cardIds.get(cardText),
        group: g,
        points: counts[g],
      })),
    )
    expect(entered.entries.map(({ cardId, group, points }) => ({ cardId, group, points }))).toEqual(
      expect.arrayContaining(paperEntered),
    )
    expect(entered.entries).toHaveLength(paperEntered.length)
    expect(entered.voters).toEqual(PAPER_VOTERS)

    // Devices: a citizen and a councillor in their browsers, four more over HTTP (see OVER_HTTP).
    await voteInBrowser(anna, IN_BROWSER.anna)
    await voteInBrowser(ratsfrau, IN_BROWSER.ratsfrau)
    for (const [i, voter] of OVER_HTTP.entries()) {
      let who: string
      if (voter.group === 'citizen') {
        who = (await call(server.url, 'POST', '/api/join', { code, name: `Gast ${i}` })).json.token as string
      } else {
        const username = i === 2 ? 'ratsmitglied2' : 'ratsmitglied3'
        who = (await call(server.url, 'POST', '/api/login', { username, password: PASSWORD })).json
          .token as string
        expect((await call(server.url, 'POST', '/api/join', { code, name: username }, who)).status).toBe(200)
      }
      for (const [cardText, points] of Object.entries(voter.dots)) {
        const cast = await call(
          server.url,
          'POST',
          `/api/workshops/${id}/votes`,
          { cardId: cardIds.get(cardText), points },
          who,
        )
        expect(cast.status).toBe(200)
      }
    }
    // Nothing of it shows before the reveal.
    expect(await anna.locator('.results').count()).toBe(0)
    expect(await anna.locator('.paper-dots').count()).toBe(0)

    await facilitator.getByRole('button', { name: 'Ergebnis zeigen' }).click()
    const { devices, paper } = expected()
    const paperTotal = [...paper.values()].reduce((sum, c) => sum + GROUPS.reduce((s, g) => s + c[g], 0), 0)
    for (const page of [facilitator, anna, ratsfrau, jan]) {
      const results = page.locator('.results', { hasText: 'Ergebnis: Kritikphase' })
      await results.waitFor()
      await results
        .getByText(
          `Von Hand gezählt: ${paperTotal} Punkte von Papier (${PAPER_VOTERS.citizen + PAPER_VOTERS.councillor + PAPER_VOTERS.staff} Personen)`,
        )
        .waitFor()
      const devicePoints = [...devices.values()].reduce(
        (sum, c) => sum + GROUPS.reduce((s, g) => s + c[g], 0),
        0,
      )
      await results.getByText(`An Geräten: ${devicePoints} Punkte (6 Personen)`).waitFor()
      const items = results.locator('.result-list li')
      expect(await items.count()).toBe(CARDS.length)
      for (let i = 0; i < CARDS.length; i++) {
        const item = items.nth(i)
        const cardText = (await item.locator('.result-text').textContent()) ?? ''
        const fromDevices = devices.get(cardText) as Record<Group, number>
        const fromPaper = paper.get(cardText) as Record<Group, number>
        const total = Number(/(\d+)/.exec((await item.locator('.result-total').textContent()) ?? '')?.[1])
        const shown = groupFigures((await item.locator('.hint').first().textContent()) ?? '')
        // Every group reached 3 in each source it voted in, so every group is shown apart.
        expect(Object.keys(shown).sort()).toEqual([...GROUPS].sort())
        const rest = total - GROUPS.reduce((sum, g) => sum + (shown[g] ?? 0), 0)
        expect(rest).toBe(0)
        for (const g of GROUPS) expect(shown[g], `${cardText}, ${g}`).toBe(fromDevices[g] + fromPaper[g])
        const paperPoints = GROUPS.reduce((sum, g) => sum + fromPaper[g], 0)
        expect(total).toBe(paperPoints + GROUPS.reduce((sum, g) => sum + fromDevices[g], 0))
        // The paper points are marked on each card.
        expect(await item.locator('.paper-count').textContent()).toBe(`davon ${paperPoints} von Papier`)
      }
    }
    await expect.poll(() => panel.getByLabel(`${order[0]}: Punkte von Bürger*innen`).isDisabled()).toBe(true)

    // The minutes of a snapshot taken now: both sources in Markdown and HTML.
    await facilitator.getByLabel('Bezeichnung des Stands').fill('Nach der Abstimmung')
    await facilitator.getByRole('button', { name: 'Stand speichern' }).click()
    await facilitator.getByText('Stand „Nach der Abstimmung“ gespeichert.').waitFor()
    const minutes = async (format: 'md' | 'html') => {
      const res = await fetch(`${server.url}/api/workshops/${id}/minutes?format=${format}`, {
        headers: { authorization: `Bearer ${token}` },
      })
      expect(res.status).toBe(200)
      return res.text()
    }
    const md = await minutes('md')
    const html = await minutes('html')
    const voters = 6 + PAPER_VOTERS.citizen + PAPER_VOTERS.councillor + PAPER_VOTERS.staff
    // Markdown escapes what could be markup (`*`, parentheses) with a backslash.
    const inMd = (line: string) => line.replace(/([\\`*_{}[\]()#+\-.!|~])/g, '\\$1')
    const paperLine = `davon ${paperTotal} Punkte von Papier (von Hand gezählt); 10 Personen auf Papier`
    const devicePoints = [...devices.values()].reduce(
      (sum, c) => sum + GROUPS.reduce((s, g) => s + c[g], 0),
      0,
    )
    const deviceLine = `davon ${devicePoints} Punkte an Geräten; 6 Personen an Geräten`
    for (const line of [paperLine, deviceLine]) {
      expect(md).toContain(inMd(line))
      expect(html).toContain(line)
    }
    expect(md).toContain(inMd(`Abgestimmt haben: ${voters} (Bürger*innen 7, Ratsmitglieder 6, Verwaltung 3)`))
    expect(html).toContain(`Abgestimmt haben: ${voters} (Bürger*innen 7, Ratsmitglieder 6, Verwaltung 3)`)
    // One row per card: total, of which paper, and each group (devices and paper together).
    for (const card of CARDS) {
      const d = devices.get(card.text) as Record<Group, number>
      const p = paper.get(card.text) as Record<Group, number>
      const paperPoints = GROUPS.reduce((sum, g) => sum + p[g], 0)
      const total = paperPoints + GROUPS.reduce((sum, g) => sum + d[g], 0)
      const cells = [total, paperPoints, ...GROUPS.map((g) => d[g] + p[g])]
      expect(md).toContain(`| ${card.text} | ${cells.join(' | ')} |`)
      expect(html).toContain(
        `<tr><td class="text" dir="auto">${card.text}</td>${cells.map((n) => `<td class="num">${n}</td>`).join('')}</tr>`,
      )
    }
    expect(problems).toEqual([])
  })
})
