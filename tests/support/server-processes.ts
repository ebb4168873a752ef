/** The common frame of tests that run the real server as processes (crashes, a full disk). */
import fs from 'node:fs'
import { afterEach } from 'vitest'
import { type ServerProcess, spawnServer } from './server-process.ts'
import type { SyncClient } from './sync-client.ts'
import { tempDataDir } from './test-server.ts'

/**
 * For tests that run server processes: a data directory, and the processes and clients to clean
 * up after each test (processes are killed with SIGKILL, the directory removed).
 */
export function useServerProcesses() {
  const processes: ServerProcess[] = []
  const clients: SyncClient[] = []
  let dataDir = ''
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const p of processes.splice(0)) {
      p.child.kill('SIGKILL')
      await p.exited
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    dataDir = ''
  })
  return {
    /** The data directory of this test's processes (created by the first `spawn`). */
    get dataDir(): string {
      return dataDir
    },
    async spawn(env: Record<string, string> = {}): Promise<ServerProcess> {
      dataDir ||= tempDataDir()
      const server = await spawnServer(dataDir, env)
      processes.push(server)
      return server
    },
    track<T extends SyncClient>(...added: T[]): T[] {
      clients.push(...added)
      return added
    },
  }
}
