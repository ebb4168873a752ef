/**
 * The app under PUBLIC_URL's path in Chromium: set up, create a workshop, its join screen with the
 * QR code, the board online, a guest joining by the printed link and writing a card, and every
 * request the pages make (API, assets, sync) staying under the path, as a proxy that forwards only
 * `/rathaus/` would require.
 */
import fs from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { configFromEnv } from '../../server/config.ts'
import { createLogger } from '../../server/logger.ts'
import { type RunningServer, startServer } from '../../server/server.ts'
import { launchChromium } from '../support/browser.ts'
import { addCard, facilitatorOpensWorkshop, guestJoins, newPerson } from '../support/e2e-flow.ts'
import { freePort } from '../support/server-process.ts'
import { tempDataDir } from '../support/test-server.ts'

let server: RunningServer | null = null
let browser: Browser | null = null
const dataDir = tempDataDir()
afterAll(async () => {
  await browser?.close()
  await server?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('PUBLIC_URL with a path, in the browser', () => {
  it('serves the whole app under the path', async () => {
    const port = await freePort()
    const origin = `http://127.0.0.1:${port}`
    const config = configFromEnv({
      PORT: String(port),
      DATA_DIR: dataDir,
      PUBLIC_URL: `${origin}/rathaus/`,
    })
    server = await startServer(config, { logger: createLogger('silent') })
    browser = await launchChromium()
    const problems: string[] = []
    const outside: string[] = []
    const facilitator = await newPerson(browser, 'facilitator', problems)
    const guest = await newPerson(browser, 'guest', problems)
    for (const page of [facilitator, guest]) {
      page.on('request', (req) => {
        const url = new URL(req.url())
        if (url.origin === origin && !url.pathname.startsWith('/rathaus/')) outside.push(url.pathname)
      })
      page.on('websocket', (ws) => {
        if (!new URL(ws.url()).pathname.startsWith('/rathaus/sync/')) outside.push(ws.url())
      })
    }

    const { joinUrl } = await facilitatorOpensWorkshop(facilitator, `${origin}/rathaus`, 'Unter einem Pfad')
    expect(joinUrl.startsWith(`${origin}/rathaus/join/`)).toBe(true)
    expect(new URL(facilitator.url()).pathname).toMatch(/^\/rathaus\/w\//)

    await guestJoins(guest, joinUrl, 'Bürgerin')
    expect(new URL(guest.url()).pathname).toMatch(/^\/rathaus\/w\//)
    await addCard(guest, 'Ein Pfad für alle')
    await expect
      .poll(() => facilitator.getByText('Ein Pfad für alle').count(), { timeout: 15_000 })
      .toBeGreaterThan(0)

    expect(outside).toEqual([])
    expect(problems).toEqual([])
  })
})
