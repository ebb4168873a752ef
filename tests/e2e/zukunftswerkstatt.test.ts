/**
 * A whole Zukunftswerkstatt in Chromium: a facilitator and three participants of different
 * roles (a citizen, a councillor, a member of staff). Private critique cards and their reveal,
 * clustering by moving cards, a dot vote with the server's refusals, results split by group,
 * a measure, a timer every screen reads alike, and minutes that contain all of it.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { docxText, pdfFonts, pdfMeta, pdfText } from '../support/document-text.ts'
import {
  addCard,
  facilitatorOpensWorkshop,
  guestJoins,
  newPerson,
  useBrowserWorld,
} from '../support/e2e-flow.ts'

const world = useBrowserWorld()

async function accountJoins(page: Page, baseUrl: string, joinUrl: string, username: string) {
  await page.goto(`${baseUrl}/login`)
  await page.getByLabel('Benutzername').fill(username)
  await page.getByLabel('Passwort').fill('ein-sicheres-passwort')
  await page.getByRole('button', { name: 'Anmelden' }).click()
  await page.waitForURL('**/workshops')
  await page.goto(joinUrl)
  await page.getByText(`Sie treten mit Ihrem Konto „${username}“ bei.`).waitFor()
  await page.getByRole('button', { name: 'Beitreten' }).click()
  await page.waitForURL('**/w/**')
  await page.locator('.connection[data-state="online"]').waitFor()
}

async function createAccount(page: Page, username: string, role: 'councillor' | 'staff') {
  await page.getByLabel('Benutzername').fill(username)
  await page.getByLabel('Passwort', { exact: true }).fill('ein-sicheres-passwort')
  await page.getByLabel('Rolle').selectOption(role)
  await page.getByRole('button', { name: 'Konto anlegen' }).click()
  await page.getByText(`Konto „${username}“ angelegt.`).waitFor()
}

const remaining = (page: Page) =>
  page.locator('[role="timer"]').getAttribute('data-remaining-ms').then(Number)

describe('Zukunftswerkstatt', () => {
  it('runs from critique to measures and minutes with four people', async () => {
    const { browser, server, problems } = world
    const facilitator = await newPerson(browser, 'facilitator', problems)
    const { joinUrl } = await facilitatorOpensWorkshop(facilitator, server.url, 'Drehbuch Digitale Kommune')
    const boardUrl = facilitator.url()
    await facilitator.goto(`${server.url}/workshops`)
    await createAccount(facilitator, 'ratsfrau', 'councillor')
    await createAccount(facilitator, 'amtsleiter', 'staff')
    await facilitator.goto(boardUrl)
    await facilitator.locator('.connection[data-state="online"]').waitFor()
    await facilitator.getByText('Vorbereitung').first().waitFor()
    // The split by group needs at least 3 voters per group; below 3 the setting is refused.
    await facilitator.getByLabel('Gruppen getrennt zeigen ab (Personen)').fill('1')
    await facilitator.getByLabel('Gruppen getrennt zeigen ab (Personen)').press('Tab')

    const citizen = await newPerson(browser, 'citizen', problems)
    await guestJoins(citizen, joinUrl, 'Anna')
    const councillor = await newPerson(browser, 'councillor', problems)
    await accountJoins(councillor, server.url, joinUrl, 'ratsfrau')

    // Critique: private writing.
    await facilitator.getByRole('button', { name: 'Nächste Phase' }).click()
    await citizen.locator('.phase-name', { hasText: 'Kritikphase' }).waitFor()
    await citizen.getByText('Private Schreibphase: Ihre neuen Karten').waitFor()
    await addCard(citizen, 'Busse fahren abends nicht')
    await addCard(councillor, 'Anträge nur auf Papier')

    // The timer: started now, read by a screen that joins later.
    await facilitator.getByRole('button', { name: 'Starten' }).click()
    await citizen.locator('.timer.running').waitFor()
    const staff = await newPerson(browser, 'staff', problems)
    await accountJoins(staff, server.url, joinUrl, 'amtsleiter')
    await staff.locator('.timer.running').waitFor()
    await staff.waitForTimeout(400)
    const [early, late] = await Promise.all([remaining(citizen), remaining(staff)])
    expect(Math.abs(early - late)).toBeLessThan(1000)
    await addCard(staff, 'Zu wenig Personal im Bürgerbüro')

    await facilitator.getByText('Private Karten: 3').waitFor()
    expect(await citizen.locator('.card', { hasText: 'Anträge nur auf Papier' }).count()).toBe(0)
    await facilitator.getByRole('button', { name: 'Private Karten zeigen' }).click()
    for (const page of [facilitator, citizen, councillor, staff]) {
      await page.locator('.card', { hasText: 'Zu wenig Personal im Bürgerbüro' }).waitFor()
      await page.locator('.card', { hasText: 'Busse fahren abends nicht' }).waitFor()
    }
    // Names are hidden in this phase, except on one's own cards.
    expect(
      await citizen
        .locator('.card', { hasText: 'Anträge nur auf Papier' })
        .locator('.card-author')
        .textContent(),
    ).toBe('')

    // Clustering: the citizen moves the councillor's card beside her own.
    const card = citizen.locator('.card', { hasText: 'Anträge nur auf Papier' }).locator('.card-text')
    const box = await card.boundingBox()
    if (!box) throw new Error('card not visible')
    const bottom = Math.max(
      ...(await citizen
        .locator('.card')
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().bottom))),
    )
    await citizen.mouse.move(box.x + 5, box.y + 5)
    await citizen.mouse.down()
    await citizen.mouse.move(box.x + 5, bottom + 40, { steps: 6 })
    await citizen.mouse.up()
    const position = (page: Page) =>
      page
        .locator('.card', { hasText: 'Anträge nur auf Papier' })
        .evaluate((el) => getComputedStyle(el).transform)
    await expect.poll(() => position(facilitator)).toBe(await position(citizen))

    // The timer survives the facilitator's reconnect.
    await facilitator.reload()
    await facilitator.locator('.timer.running').waitFor()

    // Dot vote: 5 dots, at most 3 per card.
    const plus = (page: Page, text: string) =>
      page
        .locator('.card', { hasText: text })
        .getByRole('button', { name: 'Einen Punkt mehr für diese Karte' })
    for (let i = 0; i < 3; i++) await plus(citizen, 'Busse fahren abends nicht').click()
    await citizen.getByText('Ihre Punkte: 2 von 5 übrig').waitFor()
    await plus(citizen, 'Busse fahren abends nicht').click()
    await citizen
      .getByText('So viele Punkte darf eine Karte von Ihnen nicht bekommen.', { exact: false })
      .waitFor()
    for (let i = 0; i < 3; i++) await plus(councillor, 'Anträge nur auf Papier').click()
    await councillor.getByText('Ihre Punkte: 2 von 5 übrig').waitFor()
    for (let i = 0; i < 2; i++) await plus(staff, 'Zu wenig Personal im Bürgerbüro').click()
    await plus(staff, 'Busse fahren abends nicht').click()
    await staff.getByText('Ihre Punkte: 2 von 5 übrig').waitFor()
    await facilitator.getByText('3 von 3 haben abgestimmt').waitFor()
    expect(await citizen.locator('.results').count()).toBe(0)

    await facilitator.getByRole('button', { name: 'Ergebnis zeigen' }).click()
    for (const page of [citizen, councillor, staff])
      await page.locator('.results', { hasText: 'Ergebnis: Kritikphase' }).waitFor()
    const top = citizen.locator('.result-list li').first()
    expect(await top.textContent()).toContain('Busse fahren abends nicht')
    expect(await top.textContent()).toContain('4 gesamt')
    // One voter per group: totals only, no group's figures (they would be single ballots).
    expect(await top.textContent()).not.toContain('Bürger*innen 3')
    expect(await top.textContent()).not.toContain('Verwaltung 1')
    await citizen.locator('.results', { hasText: 'nicht getrennt gezeigt' }).waitFor()

    // On to implementation: a measure from the top card.
    await facilitator.getByRole('button', { name: 'Nächste Phase' }).click()
    await citizen.locator('.phase-name', { hasText: 'Fantasiephase' }).waitFor()
    await facilitator.getByRole('button', { name: 'Nächste Phase' }).click()
    await citizen.locator('.phase-name', { hasText: 'Verwirklichungsphase' }).waitFor()
    await facilitator.getByLabel('Aus Karte').selectOption({ label: 'Busse fahren abends nicht' })
    await facilitator.getByLabel('Maßnahme', { exact: true }).fill('Abendbus testen')
    await facilitator.getByLabel('Verantwortlich').fill('Frau Weber')
    await facilitator.getByLabel('Fachbereich').fill('Ordnungsamt')
    await facilitator.getByLabel('Fällig bis').fill('2027-06-30')
    await facilitator.getByRole('button', { name: 'Maßnahme anlegen' }).click()
    await citizen.locator('.measures', { hasText: 'Abendbus testen' }).waitFor()

    // The projector view shows phase, counts and the revealed result.
    const projector = await facilitator.context().newPage()
    await projector.goto(`${boardUrl}/projector`)
    await projector.locator('.phase-name', { hasText: 'Verwirklichungsphase' }).waitFor()
    await projector.locator('.results', { hasText: 'Busse fahren abends nicht' }).waitFor()

    // Minutes of the whole session, with the place set in the minutes panel.
    await facilitator.getByLabel('Ort der Werkstatt (fürs Protokoll)').fill('Rathaus, Saal 2')
    await facilitator.getByRole('button', { name: 'Ort speichern' }).click()
    await facilitator.getByText('Ort gespeichert.').waitFor()
    await facilitator.getByLabel('Bezeichnung des Stands').fill('Ende der Werkstatt')
    await facilitator.getByRole('button', { name: 'Stand speichern' }).click()
    await facilitator.getByText('Stand „Ende der Werkstatt“ gespeichert.').waitFor()
    // The panel offers every format as a download.
    for (const [name, extension] of [
      ['HTML', 'html'],
      ['PDF/A (zum Ablegen)', 'pdf'],
      ['Word (DOCX, zum Überarbeiten)', 'docx'],
      ['Markdown', 'md'],
      ['JSON', 'json'],
    ]) {
      const [download] = await Promise.all([
        facilitator.waitForEvent('download'),
        facilitator.getByRole('link', { name, exact: true }).first().click(),
      ])
      expect(download.suggestedFilename()).toMatch(new RegExp(`^protokoll-[\\w-]+\\.${extension}$`))
    }
    const workshopId = new URL(boardUrl).pathname.split('/').pop()
    const html = await (
      await facilitator.request.get(`${server.url}/api/workshops/${workshopId}/minutes?format=html`)
    ).text()
    for (const expected of [
      'Rathaus, Saal 2',
      'Kritikphase',
      'Verwirklichungsphase (aktuelle Phase)',
      'Busse fahren abends nicht',
      'Anträge nur auf Papier',
      'Zu wenig Personal im Bürgerbüro',
      'Abstimmung: Kritikphase',
      'Abendbus testen',
      'Frau Weber',
      'Ordnungsamt',
      '30. Juni 2027',
    ]) {
      expect(html, expected).toContain(expected)
    }
    // The same minutes as PDF/A, Word, Markdown and JSON (text read back from each file).
    const minutes = (format: string) =>
      facilitator.request
        .get(`${server.url}/api/workshops/${workshopId}/minutes?format=${format}`)
        .then((r) => r.body())
    const flat = (text: string) => text.replace(/\s+/g, ' ')
    const pdf = await minutes('pdf')
    expect(pdfMeta(pdf)).toContain('<pdfaid:part>2</pdfaid:part>')
    expect(pdfFonts(pdf).every((f) => f.embedded)).toBe(true)
    const texts = {
      pdf: flat(pdfText(pdf)),
      docx: flat(docxText(await minutes('docx'))),
      md: (await minutes('md')).toString('utf8'),
      json: (await minutes('json')).toString('utf8'),
    }
    for (const [format, text] of Object.entries(texts)) {
      for (const expected of [
        'Kritikphase',
        'Busse fahren abends nicht',
        'Anträge nur auf Papier',
        'Abendbus testen',
        'Frau Weber',
      ]) {
        expect(text, `${format}: ${expected}`).toContain(expected)
      }
    }
    for (const format of ['pdf', 'docx'] as const) {
      expect(texts[format]).toContain('Verwirklichungsphase (aktuelle Phase)')
      expect(texts[format]).toContain('Abstimmung: Kritikphase')
      expect(texts[format]).toMatch(/Kritikphase \d\d:\d\d \d\d:\d\d/)
    }
    const snapshots = await (
      await facilitator.request.get(`${server.url}/api/workshops/${workshopId}/snapshots`)
    ).json()
    expect(snapshots.snapshots.map((s: { label: string }) => s.label)).toEqual(
      expect.arrayContaining(['Vorbereitung', 'Kritikphase', 'Fantasiephase', 'Ende der Werkstatt']),
    )
    expect(problems).toEqual([])
  })
})
