/**
 * Starts a real server on 127.0.0.1, port 0, with its own temporary data directory; with
 * TEST_STORAGE=postgres it stores in a PostgreSQL schema of its own (test-storage.ts).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { configFromEnv } from '../../server/config.ts'
import { createLogger, type Logger } from '../../server/logger.ts'
import { type RunningServer, startServer } from '../../server/server.ts'
import type { SyncOptions } from '../../server/sync/sync-server.ts'
import { storageEnvOf, testStorage, useStorageFor } from './test-storage.ts'

export interface TestServer extends RunningServer {
  dataDir: string
  /** Closes the server and removes its data directory. */
  dispose(): Promise<void>
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rw-test-'))
}

export async function startTestServer(
  options: {
    dataDir?: string
    withClient?: boolean
    sync?: SyncOptions
    env?: Record<string, string>
    logger?: Logger
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir()
  // A directory of the test's own keeps its database across restarts, as its SQLite file would.
  const storage = options.dataDir
    ? { env: 'DATABASE_URL' in (options.env ?? {}) ? {} : storageEnvOf(dataDir), dispose: async () => {} }
    : testStorage(options.env)
  const forget = options.dataDir ? () => {} : useStorageFor(dataDir, storage)
  const config = configFromEnv({ HOST: '127.0.0.1', DATA_DIR: dataDir, ...storage.env, ...options.env })
  // Port 0 (any free port) is for tests only: the environment's PORT refuses it.
  config.port = 0
  if (!options.withClient) config.clientDir = null
  const server = await startServer(config, {
    logger: options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    sync: options.sync,
  }).catch(async (err: unknown) => {
    await storage.dispose()
    throw err
  })
  return {
    ...server,
    dataDir,
    async dispose() {
      await server.close()
      await storage.dispose()
      forget()
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
