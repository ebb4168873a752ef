/**
 * Clients for each server kind: a real provider (y-websocket, or Hocuspocus's own provider, since
 * Hocuspocus frames every message with the document name) and a light raw socket that does the
 * handshake and counts the document updates it receives.
 */
import { HocuspocusProvider } from '@hocuspocus/provider'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { RunningPeer } from './servers.ts'

export interface BenchClient {
  synced: Promise<void>
  /** True once the provider reports the first sync. */
  isSynced(): boolean
  awareness: Awareness
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
    let done = false
    void synced.then(() => {
      done = true
    })
    return {
      synced,
      isSynced: () => done,
      awareness: provider.awareness as Awareness,
      destroy: () => provider.destroy(),
    }
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
  return {
    synced,
    isSynced: () => provider.synced,
    awareness: provider.awareness,
    destroy: () => provider.destroy(),
  }
}

function message(prefix: string | null, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  if (prefix !== null) encoding.writeVarString(e, prefix)
  write(e)
  return encoding.toUint8Array(e)
}

/** What a frame carries: a document update (sync, step "update"), presence, or something else. */
function frameKind(data: Buffer, prefixed: boolean): 'update' | 'awareness' | 'other' {
  const d = decoding.createDecoder(new Uint8Array(data))
  if (prefixed) decoding.readVarString(d)
  const type = decoding.readVarUint(d)
  if (type === 1) return 'awareness'
  return type === 0 && decoding.readVarUint(d) === 2 ? 'update' : 'other'
}

export interface RawCounter {
  frames: number
  awareness?: number
}

export interface RawClient {
  ws: WebSocket
  /** Sends this socket's cursor as a presence update (the y-websocket awareness encoding). */
  sendCursor(x: number, y: number): void
}

export function rawClient(peer: RunningPeer, room: string, counter: RawCounter): Promise<RawClient> {
  const prefixed = isHocuspocus(peer)
  const url = new URL(prefixed ? peer.wsUrl : `${peer.wsUrl}/${room}`)
  for (const [k, v] of Object.entries(peer.params)) url.searchParams.set(k, v)
  const ws = new WebSocket(url)
  ws.on('message', (data: Buffer) => {
    const kind = frameKind(data, prefixed)
    if (kind === 'update') counter.frames++
    else if (kind === 'awareness' && counter.awareness !== undefined) counter.awareness++
  })
  const name = prefixed ? room : null
  const clientId = Math.floor(Math.random() * 2 ** 31)
  let clock = 0
  const sendCursor = (x: number, y: number) => {
    clock++
    const state = JSON.stringify({ cursor: { x, y } })
    const update = encoding.encode((e) => {
      encoding.writeVarUint(e, 1)
      encoding.writeVarUint(e, clientId)
      encoding.writeVarUint(e, clock)
      encoding.writeVarString(e, state)
    })
    if (ws.readyState === ws.OPEN)
      ws.send(
        message(name, (e) => {
          encoding.writeVarUint(e, 1)
          encoding.writeVarUint8Array(e, update)
        }),
      )
  }
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
      resolve({ ws, sendCursor })
    })
    ws.once('error', reject)
  })
}
