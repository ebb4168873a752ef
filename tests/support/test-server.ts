/** Starts a real server on 127.0.0.1, port 0, with its own temporary data directory. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { configFromEnv } from '../../server/config.ts'
import { createLogger, type Logger } from '../../server/logger.ts'
import { type RunningServer, startServer } from '../../server/server.ts'
import type { SyncOptions } from '../../server/sync/sync-server.ts'

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
  const config = configFromEnv({ HOST: '127.0.0.1', DATA_DIR: dataDir, ...options.env })
  // Port 0 (any free port) is for tests only: the environment's PORT refuses it.
  config.port = 0
  if (!options.withClient) config.clientDir = null
  const server = await startServer(config, {
    logger: options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    sync: options.sync,
  })
  return {
    ...server,
    dataDir,
    async dispose() {
      await server.close()
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
