/** Real y-websocket clients for tests, with BroadcastChannel off so every update crosses the server. */
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

export interface SyncClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Close codes this client received, in order. */
  closes: number[]
  destroy(): void
}

export function connectClient(
  baseUrl: string,
  room: string,
  token: string,
  options: { doc?: Y.Doc; connect?: boolean } = {},
): SyncClient {
  const doc = options.doc ?? new Y.Doc()
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/sync`, room, doc, {
    // The ws client class stands in for the browser WebSocket in Node.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    connect: options.connect ?? true,
  })
  const closes: number[] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code)
  })
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Polls `predicate` (which may be async, e.g. a board read on the server) until it holds. */
export function waitFor(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const tick = async () => {
      try {
        if (await predicate()) return resolve()
      } catch (err) {
        return reject(err)
      }
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`))
      setTimeout(tick, 5)
    }
    void tick()
  })
}

export function waitSynced(client: SyncClient, timeoutMs = 5000): Promise<void> {
  return waitFor(() => client.provider.synced, timeoutMs, 'sync')
}

/** Connects `count` clients to one room, synced in waves of 50 so admission is not one burst. */
export async function connectMany(baseUrl: string, room: string, token: string, count: number) {
  const clients: SyncClient[] = []
  for (let i = 0; i < count; i++) {
    clients.push(connectClient(baseUrl, room, token))
    if (i % 50 === 49) await Promise.all(clients.map((c) => waitSynced(c, 30_000)))
  }
  await Promise.all(clients.map((c) => waitSynced(c, 30_000)))
  return clients
}
