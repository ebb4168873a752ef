/**
 * The board in Chromium on big boards: a real server (port 0) with the built client, a board
 * seeded with N cards (some in frames) by a scripted facilitator client, and for a facilitator and
 * a participant each: time to the first painted card after opening the board, frame times while
 * panning at 100 % and at the smallest zoom and while dragging a card, keydown → next paint in the
 * card editor, and the JS heap before and after a compressed two-hour session of edits by a
 * scripted second client.
 *
 *   npx tsx bench/board/run.ts [--sizes 1000,5000] [--client dist/client] [--edits 3000] [--label new]
 *     [--shots DIR]   (screenshots after the pan at 100 % and at the smallest zoom)
 *
 * Builds the client first when the client folder has no index.html.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { BrowserContext, Page } from 'playwright-core'
import type * as Y from 'yjs'
import { configFromEnv } from '../../server/config.ts'
import { createLogger } from '../../server/logger.ts'
import { startServer } from '../../server/server.ts'
import { addCard, deleteCard, moveCard, setCardText } from '../../shared/board/card-ops.ts'
import { setFrame } from '../../shared/board/frames.ts'
import { CARD_COLORS, notesOf } from '../../shared/board/schema.ts'
import { createWorkshop, PASSWORD, setupFacilitator } from '../../tests/support/api.ts'
import { launchChromium } from '../../tests/support/browser.ts'
import { connectClient, type SyncClient, waitFor, waitSynced } from '../../tests/support/sync-client.ts'

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000' },
    client: { type: 'string', default: 'dist/client' },
    edits: { type: 'string', default: '3000' },
    label: { type: 'string', default: '' },
    shots: { type: 'string' },
  },
})
const SIZES = (args.sizes ?? '').split(',').map(Number)
const CLIENT = path.resolve(args.client ?? 'dist/client')
const EDITS = Number(args.edits)
const IN_PAGE = path.resolve(import.meta.dirname, 'in-page.js')
const COLS_PER_ROW = (n: number) => Math.ceil(Math.sqrt(n * 2))
const STEP = { x: 220, y: 170 }

interface Row {
  cards: number
  role: string
  /** The machine's 1-minute load average when this row started (2 cores shared). */
  load: string
  firstRenderMs: number
  pan100: string
  panZoomed: string
  zoomedScale: string
  drag: string
  keyMs: string
  heapMb: string
}

const words = 'Radweg Spielplatz Bücherei Bank Bus Licht Park Schule Markt Brunnen Wald Platz Treff'.split(
  ' ',
)
const phrase = (i: number) =>
  Array.from({ length: 3 + (i % 7) }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ')

function stats(values: number[]): { median: number; p95: number; over50: number } {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
  return {
    median: at(0.5),
    p95: at(0.95),
    over50: sorted.filter((v) => v > 50).length / (sorted.length || 1),
  }
}
const fmtFrames = (values: number[]) => {
  const s = stats(values)
  return `${s.median.toFixed(1)} / ${s.p95.toFixed(1)} / ${(s.over50 * 100).toFixed(0)} % (${values.length})`
}

/** Cards on a grid, oldest first; every third block of 4 × 3 cards sits in a frame. */
function seed(doc: Y.Doc, count: number) {
  const cols = COLS_PER_ROW(count)
  for (let start = 0; start < count; start += 250) {
    doc.transact(() => {
      for (let i = start; i < Math.min(count, start + 250); i++) {
        const col = i % cols
        const row = Math.floor(i / cols)
        addCard(
          doc,
          `seed${i}`,
          { text: phrase(i), x: col * STEP.x, y: row * STEP.y, color: CARD_COLORS[i % 6] ?? 'yellow' },
          1_700_000_000_000 + i,
        )
      }
    })
  }
  const rows = Math.ceil(count / cols)
  doc.transact(() => {
    for (let by = 0; by * 3 < rows; by++) {
      for (let bx = 0; bx * 4 < cols; bx++) {
        if ((bx + by) % 3 !== 0) continue
        setFrame(doc, {
          id: `frame-${bx}-${by}`,
          title: `Thema ${bx}/${by}`,
          x: bx * 4 * STEP.x - 20,
          y: by * 3 * STEP.y - 50,
          w: 4 * STEP.x + 20,
          h: 3 * STEP.y + 50,
        })
      }
    }
  })
}

async function frameTimes(page: Page, act: () => Promise<void>): Promise<number[]> {
  await page.evaluate('window.__bench.startFrames()')
  await act()
  await page.waitForTimeout(200)
  return (await page.evaluate('window.__bench.stopFrames()')) as number[]
}

/** Drags from (x, y) in 80 steps of 8 px, right then left (pans stay over the board). */
async function dragFrom(page: Page, at: { x: number; y: number }) {
  await page.mouse.move(at.x, at.y)
  await page.mouse.down()
  for (let i = 1; i <= 80; i++) {
    const dx = i <= 40 ? i * 8 : (80 - i) * 8
    await page.mouse.move(at.x - dx, at.y - dx / 2)
  }
  await page.mouse.up()
}

async function pan(page: Page): Promise<number[]> {
  const at = (await page.evaluate('window.__bench.backgroundPoint()')) as { x: number; y: number } | null
  if (!at) return []
  return frameTimes(page, () => dragFrom(page, at))
}

async function heapMb(page: Page, context: BrowserContext): Promise<number> {
  const cdp = await context.newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
  await cdp.detach()
  return usage.usedSize / 1024 / 1024
}

/** A compressed two-hour session: new cards, typing, moves and deletes by another client. */
async function session(client: SyncClient, count: number, edits: number) {
  const doc = client.doc
  const cols = COLS_PER_ROW(count)
  let added = 0
  for (let i = 0; i < edits; i++) {
    const target = `seed${(i * 37) % count}`
    const kind = i % 10
    if (kind < 6) {
      const text = `${phrase(i)} ${i}`
      setCardText(doc, target, text)
    } else if (kind < 8) {
      const col = (i * 13) % cols
      moveCard(doc, target, col * STEP.x + (i % 30), Math.floor(((i * 13) % count) / cols) * STEP.y)
    } else if (kind === 8) {
      addCard(doc, `new${added}`, {
        text: phrase(i),
        x: (added % 20) * STEP.x,
        y: -STEP.y * 2,
        color: 'green',
      })
      added++
    } else if (added > 10) {
      deleteCard(doc, `new${added - 10}`)
    }
    // About 150 updates a second: what 60 people typing and moving send, many times over.
    if (i % 15 === 14) await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function measureRole(
  role: 'facilitator' | 'participant',
  base: string,
  workshop: { id: string; joinCode: string },
  count: number,
  writer: SyncClient,
): Promise<Row> {
  const load = os.loadavg()[0]?.toFixed(1) ?? '?'
  // Progress on stderr: a big board's run takes minutes, and where it stalls is a finding too.
  const began = Date.now()
  const step = (what: string) =>
    console.error(`[${count} ${role}] ${what} (+${((Date.now() - began) / 1000).toFixed(1)} s)`)
  const browser = await launchChromium()
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript({ path: IN_PAGE })
  const page = await context.newPage()
  page.on('pageerror', (err) => console.error(`${role}: ${err.message}`))
  if (role === 'facilitator') {
    await page.goto(`${base}/login`)
    await page.getByLabel('Benutzername').fill('moderation')
    await page.getByLabel('Passwort').fill(PASSWORD)
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.waitForURL('**/workshops')
  } else {
    await page.goto(`${base}/join/${workshop.joinCode}`)
    await page.getByLabel('Ihr Name oder ein Pseudonym').fill('Teilnehmerin')
    await page.getByRole('button', { name: 'Beitreten' }).click()
    await page.waitForURL('**/w/**')
  }
  // Opening the board: load → the first card painted.
  await page.goto(`${base}/w/${workshop.id}`)
  // Polled from here: the page's CSP refuses the eval that waitForFunction's polling needs.
  let firstRenderMs = 0
  for (const started = Date.now(); firstRenderMs <= 0 && Date.now() - started < 120_000; ) {
    await page.waitForTimeout(50)
    firstRenderMs = ((await page.evaluate('window.__bench.firstCard')) as number | null) ?? 0
  }
  await page.locator('.connection[data-state="online"]').waitFor({ timeout: 120_000 })
  step(`first card painted after ${Math.round(firstRenderMs)} ms; online`)
  await page.waitForTimeout(1000)

  const pan100 = await pan(page)
  step('panned at 100 %')
  const shot = (what: string) =>
    args.shots && page.screenshot({ path: path.join(args.shots, `${count}-${role}-${what}.png`) })
  await shot('100')
  // Typing into a new card of one's own.
  await page.getByRole('button', { name: 'Karte hinzufügen' }).click()
  await page.locator('.card textarea:focus').waitFor()
  await page.evaluate('window.__bench.keys.length = 0')
  // BENCH_PROFILE=dir: a CPU profile of the page while typing, to see where a keystroke goes.
  const profiler = process.env.BENCH_PROFILE ? await context.newCDPSession(page) : null
  if (profiler) {
    await profiler.send('Profiler.enable')
    await profiler.send('Profiler.start')
  }
  await page.keyboard.type('Mehr Bänke am Marktplatz, bitte', { delay: 80 })
  await page.waitForTimeout(300)
  if (profiler && process.env.BENCH_PROFILE) {
    const { profile } = (await profiler.send('Profiler.stop')) as { profile: unknown }
    const file = path.join(process.env.BENCH_PROFILE, `${count}-${role}-typing.cpuprofile`)
    fs.writeFileSync(file, JSON.stringify(profile))
    await profiler.detach()
  }
  const keys = (await page.evaluate('window.__bench.keys')) as number[]
  await page.keyboard.press('Escape')
  step('typed')
  // Dragging a card (for a participant, the one just written: other people's do not move).
  const cardAt = (await page.evaluate('window.__bench.cardPoint()')) as { x: number; y: number } | null
  const drag = cardAt ? await frameTimes(page, () => dragFrom(page, cardAt)) : []

  // Zoomed out as far as the view goes, around the middle of the canvas.
  const box = await page.locator('.canvas').boundingBox()
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 600)
  await page.waitForTimeout(1500)
  const scale = (await page.evaluate(
    `Number(/scale\\(([\\d.]+)\\)/.exec(document.querySelector('.canvas-layer').style.transform)?.[1])`,
  )) as number
  const panZoomed = await pan(page)
  step('panned zoomed out')
  await shot('zoomed')

  const heapBefore = await heapMb(page, context)
  await session(writer, count, EDITS)
  step(`session of ${EDITS} edits sent`)
  await waitSynced(writer)
  await page.waitForTimeout(2000)
  const heapAfter = await heapMb(page, context)
  step('heap read')
  await browser.close()
  const k = stats(keys)
  return {
    cards: count,
    role,
    load,
    firstRenderMs: Math.round(firstRenderMs),
    pan100: fmtFrames(pan100),
    panZoomed: fmtFrames(panZoomed),
    zoomedScale: scale.toFixed(2),
    drag: fmtFrames(drag),
    keyMs: `${k.median.toFixed(1)} / ${k.p95.toFixed(1)} (${keys.length})`,
    heapMb: `${heapBefore.toFixed(1)} → ${heapAfter.toFixed(1)}`,
  }
}

async function main() {
  if (!fs.existsSync(path.join(CLIENT, 'index.html'))) {
    console.log('Building the client …')
    execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' })
  }
  const rows: Row[] = []
  for (const count of SIZES) {
    for (const role of ['facilitator', 'participant'] as const) {
      // A fresh server and board for each, so one role's session does not weigh on the next.
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-board-bench-'))
      const config = configFromEnv({ HOST: '127.0.0.1', DATA_DIR: dataDir, CLIENT_DIR: CLIENT })
      config.port = 0
      const server = await startServer(config, { logger: createLogger('silent') })
      try {
        const token = await setupFacilitator(server.url)
        const workshop = await createWorkshop(server.url, token, `Bench ${count}`)
        const writer = connectClient(server.url, workshop.id, token)
        await waitSynced(writer, 30_000)
        seed(writer.doc, count)
        await waitSynced(writer, 60_000)
        // The server has them when a second client reads them all.
        const check = connectClient(server.url, workshop.id, token)
        await waitSynced(check, 60_000)
        await waitFor(() => notesOf(check.doc).size >= count, 60_000, 'seeded cards')
        check.destroy()
        rows.push(await measureRole(role, server.url, workshop, count, writer))
        writer.destroy()
        console.log(JSON.stringify(rows.at(-1)))
      } finally {
        await server.close()
        fs.rmSync(dataDir, { recursive: true, force: true })
      }
    }
  }
  console.log(
    `\nBoard benchmark ${args.label ?? ''} ${new Date().toISOString()}, ${os.cpus().length} cores, Node ${process.version}, client ${path.relative(process.cwd(), CLIENT)}`,
  )
  console.log(
    'frames: median / p95 / share over 50 ms (frames); keys: median / p95 ms (keys); heap MB before → after',
  )
  console.table(rows)
  process.exit(0)
}

await main()
