/**
 * An app built by createApp, not listening: for `app.request()` tests. Stores where the test
 * servers do (test-storage.ts: SQLite, or a PostgreSQL schema of its own).
 */
import fs from 'node:fs'
import { createApp } from '../../server/app.ts'
import { configFromEnv } from '../../server/config.ts'
import { createLogger } from '../../server/logger.ts'
import { createDeps } from '../../server/server.ts'
import { tempDataDir } from './test-server.ts'
import { testStorage } from './test-storage.ts'

export async function createTestApp(env: Record<string, string> = {}) {
  const dataDir = tempDataDir()
  const storage = testStorage(env)
  const config = configFromEnv({ DATA_DIR: dataDir, ...storage.env, ...env })
  config.clientDir = null
  const deps = await createDeps(config, createLogger('silent'))
  const app = createApp(deps)

  const request = async (
    method: string,
    path: string,
    options: {
      body?: unknown
      rawBody?: string
      token?: string
      headers?: Record<string, string>
      /** The socket's peer address the server sees (app.request() has no socket): loopback by default. */
      address?: string
    } = {},
  ) => {
    const headers: Record<string, string> = { ...options.headers }
    if (options.body !== undefined) headers['content-type'] ??= 'application/json'
    if (options.token) headers.authorization = `Bearer ${options.token}`
    const res = await app.request(
      path,
      {
        method,
        headers,
        body: options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
      },
      // The bindings @hono/node-server gives a real request; getConnInfo reads the address there.
      { incoming: { socket: { remoteAddress: options.address ?? '127.0.0.1' } } },
    )
    const text = await res.text()
    let json: unknown = null
    try {
      json = JSON.parse(text)
    } catch {
      json = null
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests assert the shape of each response themselves.
    return { status: res.status, headers: res.headers, text, json: json as any }
  }

  return {
    app,
    deps,
    storage,
    request,
    async close() {
      await deps.sync.close()
      deps.loop.stop()
      await deps.sql.close()
      await storage.dispose()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
