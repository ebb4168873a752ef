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

/** Applies a sync step 2 or update frame to `doc`. */
function applySync(doc: Y.Doc, data: Buffer, prefixed: boolean): void {
  const d = decoding.createDecoder(new Uint8Array(data))
  if (prefixed) decoding.readVarString(d)
  if (decoding.readVarUint(d) !== 0) return
  const step = decoding.readVarUint(d)
  if (step === 1 || step === 2) Y.applyUpdate(doc, decoding.readVarUint8Array(d))
}

export interface RawCounter {
  frames: number
  awareness?: number
  /** Presence states in the presence frames received, and the most in any one of them. */
  awarenessStates?: number
  largestAwareness?: number
  /** Bytes of every frame received. */
  bytes?: number
}

/** How many states a presence frame lists (its first number after the message type). */
function awarenessCount(data: Buffer, prefixed: boolean): number {
  const d = decoding.createDecoder(new Uint8Array(data))
  if (prefixed) decoding.readVarString(d)
  decoding.readVarUint(d)
  decoding.readVarUint(d)
  return decoding.readVarUint(d)
}

export interface RawClient {
  ws: WebSocket
  /** Sends this socket's cursor as a presence update (the y-websocket awareness encoding). */
  sendCursor(x: number, y: number): void
  /** Sends a whole presence state (a new clock each time, as a y-websocket renewal does). */
  sendState(state: Record<string, unknown>): void
}

export interface RawOptions {
  /** Query parameters instead of the peer's (a participant's own token). */
  params?: Record<string, string>
  /** Send every presence frame received straight back, as a y-websocket client does. */
  echo?: boolean
  /** Apply every document update received to this doc (a sample that checks what arrived). */
  doc?: Y.Doc
}

export function rawClient(
  peer: RunningPeer,
  room: string,
  counter: RawCounter,
  options: RawOptions = {},
): Promise<RawClient> {
  const prefixed = isHocuspocus(peer)
  const url = new URL(prefixed ? peer.wsUrl : `${peer.wsUrl}/${room}`)
  for (const [k, v] of Object.entries(options.params ?? peer.params)) url.searchParams.set(k, v)
  const ws = new WebSocket(url)
  ws.on('message', (data: Buffer) => {
    const kind = frameKind(data, prefixed)
    if (counter.bytes !== undefined) counter.bytes += data.length
    if (kind === 'update') counter.frames++
    if (options.doc && kind !== 'awareness') applySync(options.doc, data, prefixed)
    if (kind === 'awareness') {
      if (counter.awareness !== undefined) counter.awareness++
      if (counter.awarenessStates !== undefined) {
        const states = awarenessCount(data, prefixed)
        counter.awarenessStates += states
        counter.largestAwareness = Math.max(counter.largestAwareness ?? 0, states)
      }
      if (options.echo && ws.readyState === ws.OPEN) ws.send(data)
    }
  })
  const name = prefixed ? room : null
  const clientId = Math.floor(Math.random() * 2 ** 31)
  let clock = 0
  const sendCursor = (x: number, y: number) => sendState({ cursor: { x, y } })
  const sendState = (value: Record<string, unknown>) => {
    clock++
    const state = JSON.stringify(value)
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
      resolve({ ws, sendCursor, sendState })
    })
    ws.once('error', reject)
  })
}
