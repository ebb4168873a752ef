/**
 * The common frame of sync tests: a real server on port 0, real y-websocket clients, both
 * cleaned up after each test, and `world()`: a facilitator with a workshop, already synced.
 */
import { afterEach } from 'vitest'
import { createWorkshop, setupFacilitator } from './api.ts'
import { connectClient, type SyncClient, waitSynced } from './sync-client.ts'
import { startTestServer, type TestServer } from './test-server.ts'

type StartOptions = Parameters<typeof startTestServer>[0]

export function useSyncHarness() {
  let current: TestServer | null = null
  const clients: SyncClient[] = []

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await current?.dispose()
    current = null
  })

  const harness = {
    get server(): TestServer {
      if (!current) throw new Error('start() the server first')
      return current
    },
    async start(options?: StartOptions): Promise<TestServer> {
      current = await startTestServer(options)
      return current
    },
    client(room: string, token: string): SyncClient {
      const c = connectClient(harness.server.url, room, token)
      clients.push(c)
      return c
    },
    /** A server, its facilitator's token, a workshop and the facilitator's synced board client. */
    async world(options?: StartOptions) {
      const server = await harness.start(options)
      const token = await setupFacilitator(server.url)
      const { id, joinCode } = await createWorkshop(server.url, token)
      const facilitator = harness.client(id, token)
      await waitSynced(facilitator)
      return { server, token, id, joinCode, facilitator }
    },
  }
  return harness
}
