/**
 * Regenerates the screenshots in docs/images from a real server and Chromium, walking the
 * same steps as the browser tests:
 *
 *   npm run build && npx tsx scripts/take-screenshots.ts
 */
import { launchChromium } from '../tests/support/browser.ts'
import { addCard, facilitatorOpensWorkshop, guestJoins, newPerson } from '../tests/support/e2e-flow.ts'
import { startTestServer } from '../tests/support/test-server.ts'

const server = await startTestServer({ withClient: true })
const browser = await launchChromium()
try {
  const problems: string[] = []
  const facilitator = await newPerson(browser, 'facilitator', problems)
  await facilitator.setViewportSize({ width: 1280, height: 760 })
  const { joinUrl } = await facilitatorOpensWorkshop(facilitator, server.url, 'Drehbuch Digitale Kommune')
  await facilitator.goBack()
  await facilitator.locator('img.qr').waitFor()
  await facilitator.screenshot({ path: 'docs/images/join-screen.png' })
  await facilitator.goForward()
  await facilitator.locator('.connection[data-state="online"]').waitFor()
  const citizen = await newPerson(browser, 'citizen', problems)
  await citizen.setViewportSize({ width: 1280, height: 760 })
  await guestJoins(citizen, joinUrl, 'Anna')

  const ideas: [typeof facilitator, string][] = [
    [facilitator, 'Bürgerbüro auch samstags öffnen'],
    [citizen, 'Anträge online stellen, ohne Ausdruck'],
    [citizen, 'Sichere Radwege zur Schule'],
    [facilitator, 'Offenes WLAN im Rathaus'],
  ]
  for (const [page, text] of ideas) {
    await addCard(page, text)
    await page.waitForTimeout(150)
  }
  // Lay the cards out in a grid by dragging each one, as a facilitator would; the newest is on top.
  for (let i = ideas.length - 1; i >= 0; i--) {
    const text = ideas[i]?.[1] ?? ''
    const box = await facilitator.locator('.card', { hasText: text }).locator('.card-text').boundingBox()
    if (!box) continue
    await facilitator.mouse.move(box.x + 5, box.y + 5)
    await facilitator.mouse.down()
    const spots: [number, number][] = [
      [60, 150],
      [300, 150],
      [540, 150],
      [60, 360],
    ]
    const [x, y] = spots[i] ?? [0, 0]
    await facilitator.mouse.move(x, y, { steps: 5 })
    await facilitator.mouse.up()
    await facilitator.waitForTimeout(100)
  }
  await citizen.mouse.move(600, 420)
  await citizen.mouse.move(640, 440, { steps: 4 })
  await facilitator.mouse.move(900, 700)
  await facilitator.waitForTimeout(400)
  await facilitator.screenshot({ path: 'docs/images/board.png' })

  await facilitator.getByLabel('Private Schreibphase', { exact: true }).check()
  await addCard(citizen, 'Der Bauhof antwortet nie auf Meldungen')
  await facilitator.getByText('Private Karten: 1').waitFor()
  await citizen.screenshot({ path: 'docs/images/private-writing.png' })
  await facilitator.getByRole('button', { name: 'Private Karten zeigen' }).click()
  await facilitator.getByLabel('Private Schreibphase', { exact: true }).uncheck()

  // A dot vote in the fantasy phase, revealed, as the wall shows it.
  await facilitator.getByRole('button', { name: 'Nächste Phase' }).click()
  await facilitator.getByRole('button', { name: 'Nächste Phase' }).click()
  await citizen.locator('.phase-name', { hasText: 'Fantasiephase' }).waitFor()
  await facilitator.getByLabel('Gruppen getrennt zeigen ab (Personen)').fill('1')
  await facilitator.getByLabel('Gruppen getrennt zeigen ab (Personen)').press('Tab')
  await facilitator.getByRole('button', { name: 'Starten' }).click()
  const plus = (text: string) =>
    citizen
      .locator('.card', { hasText: text })
      .getByRole('button', { name: 'Einen Punkt mehr für diese Karte' })
  for (const text of [
    'Sichere Radwege zur Schule',
    'Sichere Radwege zur Schule',
    'Offenes WLAN im Rathaus',
  ]) {
    await plus(text).click()
    await citizen.waitForTimeout(100)
  }
  await facilitator.getByText('Abgestimmt: 1').waitFor()
  await facilitator.setViewportSize({ width: 1280, height: 1800 })
  await facilitator.locator('.sidebar').evaluate((el) => {
    el.scrollTop = 0
  })
  await facilitator.waitForTimeout(300)
  await facilitator.screenshot({ path: 'docs/images/facilitator-panel.png' })
  await facilitator.setViewportSize({ width: 1280, height: 760 })
  await facilitator.getByRole('button', { name: 'Ergebnis zeigen' }).click()
  const projector = await facilitator.context().newPage()
  await projector.setViewportSize({ width: 1280, height: 760 })
  await projector.goto(`${facilitator.url()}/projector`)
  await projector.locator('.results').waitFor()
  await projector.waitForTimeout(500)
  await projector.screenshot({ path: 'docs/images/projector.png' })
  if (problems.length > 0) console.error(problems)
  console.log('wrote docs/images: join-screen, board, private-writing, facilitator-panel, projector')
} finally {
  await browser.close()
  await server.dispose()
}
