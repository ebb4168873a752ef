/**
 * Clients for each server kind: a real provider (y-websocket, or Hocuspocus's own provider, since
 * Hocuspocus frames every message with the document name) and a light raw socket that does the
 * handshake and counts the document updates it receives.
 */
import { HocuspocusProvider } from '@hocuspocus/provider'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { RunningPeer } from './servers.ts'

export interface BenchClient {
  synced: Promise<void>
  destroy(): void
}

const isHocuspocus = (peer: RunningPeer) => peer.kind.startsWith('hocuspocus')

export function openClient(peer: RunningPeer, room: string, doc: Y.Doc): BenchClient {
  if (isHocuspocus(peer)) {
    let resolve = () => {}
    const synced = new Promise<void>((r) => {
      resolve = r
    })
    const provider = new HocuspocusProvider({
      url: peer.wsUrl,
      name: room,
      document: doc,
      token: '',
      onSynced: () => resolve(),
      // The ws client stands in for the browser WebSocket; the option reaches the provider's socket.
      ...({ WebSocketPolyfill: WebSocket } as object),
    })
    return { synced, destroy: () => provider.destroy() }
  }
  const provider = new WebsocketProvider(peer.wsUrl, room, doc, {
    // The ws client stands in for the browser WebSocket in Node.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: peer.params,
    disableBc: true,
  })
  const synced = new Promise<void>((resolve) =>
    provider.synced ? resolve() : provider.once('sync', () => resolve()),
  )
  return { synced, destroy: () => provider.destroy() }
}

function message(prefix: string | null, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  if (prefix !== null) encoding.writeVarString(e, prefix)
  write(e)
  return encoding.toUint8Array(e)
}

/** True for a frame carrying a document update (sync message, step "update"). */
function isUpdate(data: Buffer, prefixed: boolean): boolean {
  const d = decoding.createDecoder(new Uint8Array(data))
  if (prefixed) decoding.readVarString(d)
  return decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === 2
}

export function rawSocket(peer: RunningPeer, room: string, counter: { frames: number }): Promise<WebSocket> {
  const prefixed = isHocuspocus(peer)
  const url = new URL(prefixed ? peer.wsUrl : `${peer.wsUrl}/${room}`)
  for (const [k, v] of Object.entries(peer.params)) url.searchParams.set(k, v)
  const ws = new WebSocket(url)
  ws.on('message', (data: Buffer) => {
    if (isUpdate(data, prefixed)) counter.frames++
  })
  const name = prefixed ? room : null
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      if (prefixed) {
        // Hocuspocus waits for an authentication message (empty token) before anything else.
        ws.send(
          message(name, (e) => {
            encoding.writeVarUint(e, 2)
            encoding.writeVarUint(e, 0)
            encoding.writeVarString(e, '')
          }),
        )
      }
      ws.send(
        message(name, (e) => {
          encoding.writeVarUint(e, 0)
          encoding.writeVarUint(e, 0)
          encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()))
        }),
      )
      resolve(ws)
    })
    ws.once('error', reject)
  })
}
