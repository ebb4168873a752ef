/**
 * Regenerates the screenshots in docs/images from a real server and Chromium:
 *
 *   npm run build && npx tsx scripts/take-screenshots.ts
 */
import { launchChromium } from '../tests/support/browser.ts'
import { startTestServer } from '../tests/support/test-server.ts'

const server = await startTestServer({ withClient: true })
const browser = await launchChromium()
try {
  const facilitator = await (await browser.newContext({ viewport: { width: 1280, height: 760 } })).newPage()
  await facilitator.goto(`${server.url}/setup`)
  await facilitator.getByLabel('Benutzername').fill('moderation')
  await facilitator.getByLabel('Passwort').fill('sehr-geheimes-passwort')
  await facilitator.getByRole('button', { name: 'Konto anlegen' }).click()
  await facilitator.waitForURL('**/workshops')
  await facilitator.getByLabel('Titel').fill('Drehbuch Digitale Kommune')
  await facilitator.getByRole('button', { name: 'Werkstatt anlegen' }).click()
  await facilitator.getByRole('link', { name: 'Beitrittsbildschirm' }).click()
  await facilitator.locator('img.qr').waitFor()
  await facilitator.waitForTimeout(300)
  await facilitator.screenshot({ path: 'docs/images/join-screen.png' })
  const joinUrl = (await facilitator.locator('.join-url').textContent())?.trim() ?? ''
  await facilitator.getByRole('link', { name: 'Zum Board' }).click()
  await facilitator.locator('.connection[data-state="online"]').waitFor()

  const citizen = await (await browser.newContext({ viewport: { width: 1280, height: 760 } })).newPage()
  await citizen.goto(joinUrl)
  await citizen.getByLabel('Ihr Name oder ein Pseudonym').fill('Anna')
  await citizen.getByRole('button', { name: 'Beitreten' }).click()
  await citizen.locator('.connection[data-state="online"]').waitFor()

  const ideas: [typeof facilitator, string][] = [
    [facilitator, 'Bürgerbüro auch samstags öffnen'],
    [citizen, 'Anträge online stellen, ohne Ausdruck'],
    [citizen, 'Sichere Radwege zur Schule'],
    [facilitator, 'Offenes WLAN im Rathaus'],
  ]
  for (const [page, text] of ideas) {
    await page.getByRole('button', { name: 'Karte hinzufügen' }).click()
    await page.keyboard.type(text)
    await page.keyboard.press('Escape')
    await page.waitForTimeout(150)
  }
  // Lay the cards out in a grid by dragging each one, as a facilitator would; the newest is on top.
  for (let i = ideas.length - 1; i >= 0; i--) {
    const text = ideas[i]?.[1] ?? ''
    const box = await facilitator.locator('.card', { hasText: text }).locator('.card-text').boundingBox()
    if (!box) continue
    await facilitator.mouse.move(box.x + 5, box.y + 5)
    await facilitator.mouse.down()
    const [x, y] = [
      [60, 150],
      [300, 150],
      [540, 150],
      [60, 360],
    ][i] ?? [0, 0]
    await facilitator.mouse.move(x, y, { steps: 5 })
    await facilitator.mouse.up()
    await facilitator.waitForTimeout(100)
  }
  await citizen.mouse.move(600, 420)
  await citizen.mouse.move(640, 440, { steps: 4 })
  await facilitator.mouse.move(900, 700)
  await facilitator.waitForTimeout(400)
  await facilitator.screenshot({ path: 'docs/images/board.png' })
  console.log('wrote docs/images/join-screen.png and docs/images/board.png')
} finally {
  await browser.close()
  await server.dispose()
}
