/**
 * Running the instance: /api/health reports a stalled event loop and an unreadable database,
 * /metrics speaks the Prometheus format to this machine (or a token bearer) only, PUBLIC_URL's
 * path serves the app under it, and shutdown lets a request in flight finish.
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { readCards } from '../../shared/board/schema.ts'
import { call, createWorkshop, setupFacilitator } from '../support/api.ts'
import { connectClient, type SyncClient, waitFor, waitSynced } from '../support/sync-client.ts'
import { createTestApp } from '../support/test-app.ts'
import { startTestServer, type TestServer, tempDataDir } from '../support/test-server.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function server(env: Record<string, string> = {}, withClient = false): Promise<TestServer> {
  const s = await startTestServer({ env, withClient })
  cleanups.push(() => s.dispose())
  return s
}

function busyWait(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // The event loop is blocked, as by a runaway computation.
  }
}

describe('/api/health', () => {
  it('answers 503 event-loop-stalled after the loop was blocked for more than 2 s', async () => {
    const t = await createTestApp()
    cleanups.push(() => t.close())
    expect((await t.request('GET', '/api/health')).status).toBe(200)
    busyWait(3000)
    const stalled = await t.request('GET', '/api/health')
    expect(stalled.status).toBe(503)
    expect(stalled.json.error.code).toBe('event-loop-stalled')
    expect(stalled.json.error.message).toMatch(/stalled for \d+ ms/)
  })

  it('answers 503 database-unreadable when the database cannot be read', async () => {
    const t = await createTestApp()
    expect((await t.request('GET', '/api/health')).status).toBe(200)
    await t.deps.sync.close()
    await t.deps.sql.close()
    cleanups.push(async () => {
      t.deps.loop.stop()
      await t.storage.dispose()
      fs.rmSync(t.deps.config.dataDir, { recursive: true, force: true })
    })
    const res = await t.request('GET', '/api/health')
    expect(res.status).toBe(503)
    expect(res.json.error.code).toBe('database-unreadable')
  })
})

describe('/metrics', () => {
  it('serves connections, rooms, queues, commit latency and loop lag to this machine', async () => {
    const s = await server()
    const token = await setupFacilitator(s.url)
    const { id } = await createWorkshop(s.url, token)
    const client: SyncClient = connectClient(s.url, id, token)
    cleanups.push(() => client.destroy())
    await waitSynced(client)
    addCard(client.doc, 'c1', { text: 'Mehr Bänke', x: 1, y: 2, color: 'yellow' })
    // The author's name is stamped by the server after the card is on disk.
    await waitFor(() => Boolean(readCards(client.doc)[0]?.authorName))
    await waitFor(() => s.deps.sync.writer.idle)

    const res = await fetch(`${s.url}/metrics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/plain')
    const text = await res.text()
    expect(text).toMatch(/^ratswerkstatt_sync_connections 1$/m)
    expect(text).toMatch(/^ratswerkstatt_rooms_loaded [1-9]\d*$/m)
    expect(text).toMatch(/^ratswerkstatt_writer_queue 0$/m)
    expect(text).toMatch(/^ratswerkstatt_admission_queue 0$/m)
    expect(text).toMatch(/^ratswerkstatt_storage_failing 0$/m)
    expect(text).toMatch(/^ratswerkstatt_event_loop_lag_seconds [\d.e-]+$/m)
    expect(text).toMatch(/^ratswerkstatt_commit_duration_seconds_count [1-9]\d*$/m)
    expect(text).toMatch(/^# TYPE ratswerkstatt_commit_duration_seconds histogram$/m)
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m)
  })

  it('refuses what a proxy forwards, unless it carries METRICS_TOKEN', async () => {
    const s = await server({ METRICS_TOKEN: 'ein-langes-metrik-token' })
    const proxied = await fetch(`${s.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })
    expect(proxied.status).toBe(403)
    const wrong = await fetch(`${s.url}/metrics`, {
      headers: { 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer ein-falsches-metrik-tok' },
    })
    expect(wrong.status).toBe(403)
    const bearer = await fetch(`${s.url}/metrics`, {
      headers: { 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer ein-langes-metrik-token' },
    })
    expect(bearer.status).toBe(200)
    expect(await bearer.text()).toContain('ratswerkstatt_sync_connections')
  })
})

describe('PUBLIC_URL with a path', () => {
  it('serves the API, the shell with its <base href>, assets, sync and join links under the path', async () => {
    const clientDir = tempDataDir()
    cleanups.push(() => fs.rmSync(clientDir, { recursive: true, force: true }))
    fs.mkdirSync(path.join(clientDir, 'assets'))
    fs.writeFileSync(
      path.join(clientDir, 'index.html'),
      '<!doctype html><html><head><base href="/" /><script src="./assets/app.js"></script></head><body></body></html>',
    )
    fs.writeFileSync(path.join(clientDir, 'assets', 'app.js'), 'console.log("app")')
    const s = await server({ PUBLIC_URL: 'https://www.stadt.de/ratswerkstatt/', CLIENT_DIR: clientDir }, true)
    const base = `${s.url}/ratswerkstatt`
    expect((await fetch(`${base}/api/health`)).status).toBe(200)
    for (const page of ['/', '/w/abc/projector']) {
      const shell = await fetch(`${base}${page}`)
      expect(shell.status).toBe(200)
      const html = await shell.text()
      expect(html).toContain('<base href="/ratswerkstatt/" />')
      expect(html).not.toContain('<base href="/" />')
    }
    const asset = await fetch(`${base}/assets/app.js`)
    expect(asset.status).toBe(200)
    expect(await asset.text()).toContain('console.log')
    expect((await fetch(`${base}/metrics`)).status).toBe(200)

    const token = await setupFacilitator(base)
    const created = await call(base, 'POST', '/api/workshops', { title: 'Unter Pfad' }, token)
    expect(created.status).toBe(201)
    const details = await call(base, 'GET', `/api/workshops/${created.json.id}`, undefined, token)
    expect(JSON.stringify(details.json)).toContain('https://www.stadt.de/ratswerkstatt/join/')

    const client = connectClient(base, created.json.id, token)
    cleanups.push(() => client.destroy())
    await waitSynced(client)
  })
})

describe('shutdown', () => {
  it('lets a request in flight finish before it closes', async () => {
    const s = await startTestServer()
    cleanups.push(() => s.dispose())
    const { port } = new URL(s.url)
    const body = JSON.stringify({ username: 'niemand', password: 'falsches-passwort' })
    const answer = new Promise<{ status: number | undefined; error?: string }>((resolve) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/login',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume()
          res.on('end', () => resolve({ status: res.statusCode }))
        },
      )
      req.on('error', (err) => resolve({ status: undefined, error: err.message }))
      // Half the body now: the request is in flight when shutdown begins.
      req.write(body.slice(0, 10))
      setTimeout(() => req.end(body.slice(10)), 300)
    })
    await new Promise((r) => setTimeout(r, 100))
    const closed = s.close()
    const result = await answer
    await closed
    expect(result).toEqual({ status: 401 })
    // And no new connection is taken.
    await expect(fetch(`${s.url}/api/health`)).rejects.toThrow()
  })
})
