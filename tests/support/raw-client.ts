/** A raw WebSocket peer speaking (or abusing) the sync protocol, for adversarial tests. */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'

export interface RawPeer {
  ws: WebSocket
  frames: Uint8Array[]
  closed: Promise<{ code: number; reason: string }>
  send(frame: Uint8Array | string): void
}

export function openRaw(
  baseUrl: string,
  room: string,
  options: { token?: string; origin?: string } = {},
): Promise<RawPeer> {
  const url = new URL(`${baseUrl.replace(/^http/, 'ws')}/sync/${room}`)
  if (options.token) url.searchParams.set('token', options.token)
  const ws = new WebSocket(url, options.origin ? { origin: options.origin } : {})
  const frames: Uint8Array[] = []
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)))
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  })
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, frames, closed, send: (frame) => ws.send(frame) }))
    ws.once('error', reject)
  })
}

export function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, step)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

export function awarenessMessage(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, entries.length)
  for (const e of entries) {
    encoding.writeVarUint(inner, e.clientId)
    encoding.writeVarUint(inner, e.clock)
    encoding.writeVarString(inner, JSON.stringify(e.state))
  }
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
  return encoding.toUint8Array(encoder)
}

/** Awareness entries found in the frames a peer received. */
export function receivedAwareness(frames: Uint8Array[]): { clientId: number; state: unknown }[] {
  const out: { clientId: number; state: unknown }[] = []
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame)
    if (decoding.readVarUint(decoder) !== 1) continue
    const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder))
    const count = decoding.readVarUint(inner)
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(inner)
      decoding.readVarUint(inner)
      out.push({ clientId, state: JSON.parse(decoding.readVarString(inner)) })
    }
  }
  return out
}
