/**
 * Hostile card texts in the minutes, checked in Chromium: the HTML minutes (as served, under
 * their CSP, and again with no CSP at all, so escaping alone is tested) run no script and hold
 * no element with an event handler, no javascript: link, no injected element; every text is
 * shown literally. The PDF minutes open in Chromium's PDF viewer (headless Chromium has it).
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../support/browser.ts'
import { HOSTILE_TEXTS } from '../support/hostile-texts.ts'
import { fetchMinutes, type MinutesWorkshop, runMinutesWorkshop } from '../support/minutes-workshop.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
let browser: Browser
let w: MinutesWorkshop

beforeAll(async () => {
  server = await startTestServer()
  w = await runMinutesWorkshop(server, HOSTILE_TEXTS)
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

interface PageFacts {
  pwned: unknown
  handlers: string[]
  scripts: number
  injected: number
  jsLinks: number
  text: string
}

const facts = (): PageFacts => {
  const all = [...document.querySelectorAll('*')]
  return {
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    handlers: all.flatMap((el) =>
      [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name),
    ),
    scripts: document.querySelectorAll('script').length,
    injected: document.querySelectorAll('img, svg, a, iframe, object, embed, b').length,
    jsLinks: document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i]').length,
    text: document.body.textContent ?? '',
  }
}

describe('hostile card texts in the minutes', () => {
  it('stay text in the HTML minutes, with and without the CSP', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${w.token}` } })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const url = `${server.url}/api/workshops/${w.workshopId}/minutes?format=html`
    const res = await page.goto(url)
    expect(res?.status()).toBe(200)
    expect(res?.headers()['content-security-policy']).toContain("default-src 'none'")
    const served = await page.evaluate(facts)
    // No CSP at all: the markup itself must be inert.
    const html = (await fetchMinutes(server, w, 'html')).body.toString('utf8')
    const bare = await context.newPage()
    await bare.setContent(html)
    await bare.waitForTimeout(200)
    const unguarded = await bare.evaluate(facts)
    for (const f of [served, unguarded]) {
      expect(f.pwned).toBeNull()
      expect(f.handlers).toEqual([])
      expect(f.scripts).toBe(0)
      expect(f.injected).toBe(0)
      expect(f.jsLinks).toBe(0)
      for (const hostile of HOSTILE_TEXTS) expect(f.text, hostile).toContain(hostile.split('\n')[0])
    }
    expect(errors).toEqual([])
    await context.close()
  })

  it('opens the PDF minutes in Chromium', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${w.token}` } })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('crash', () => errors.push('page crashed'))
    const url = `${server.url}/api/workshops/${w.workshopId}/minutes?format=pdf`
    const res = await page.goto(url)
    expect(res?.status()).toBe(200)
    expect(res?.headers()['content-type']).toBe('application/pdf')
    expect(await page.evaluate(() => document.contentType)).toBe('application/pdf')
    // The viewer (an extension frame) parsed the file: its toolbar shows the document's title
    // from the PDF's metadata (DisplayDocTitle), not the URL.
    await expect
      .poll(() => page.frames().some((f) => f.url().startsWith('chrome-extension://')), { timeout: 15_000 })
      .toBe(true)
    const viewer = page.frames().find((f) => f.url().startsWith('chrome-extension://'))
    await expect
      .poll(() => viewer?.locator('#title').first().textContent(), { timeout: 15_000 })
      .toBe('Protokoll: Digitale Kommune')
    if (process.env.MINUTES_PDF_SCREENSHOT)
      await page.screenshot({ path: process.env.MINUTES_PDF_SCREENSHOT })
    expect(errors).toEqual([])
    await context.close()
  })
})
