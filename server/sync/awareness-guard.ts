/**
 * Awareness (presence) from a peer is rewritten before the room sees it: a connection may
 * speak only for the one client id it claimed first, states are capped in size, and the
 * `user` field is replaced with the identity from the session so nobody can pose as another
 * (nor as the server, whose status key is dropped).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { AWARENESS_USER_KEY, type AwarenessUser } from '../../shared/protocol/awareness-user.ts'
import { SERVER_STATUS_KEY } from '../../shared/protocol/server-status.ts'

export const MAX_AWARENESS_STATE_BYTES = 2048

export interface AwarenessEntry {
  clientId: number
  clock: number
  state: string
}

export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  if (count > 64) throw new Error('too many awareness entries')
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const state = decoding.readVarString(decoder)
    entries.push({ clientId, clock, state })
  }
  return entries
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, entry.state)
  }
  return encoding.toUint8Array(encoder)
}

export type GuardResult =
  | { ok: true; update: Uint8Array | null; claim: number | null }
  | { ok: false; reason: string }

/**
 * Checks one awareness update from a connection. `claimed` is the id this connection speaks
 * for (null before its first message); `isTaken` says whether another connection holds an id.
 */
export function guardAwareness(
  update: Uint8Array,
  claimed: number | null,
  isTaken: (clientId: number) => boolean,
  user: AwarenessUser,
): GuardResult {
  let entries: AwarenessEntry[]
  try {
    entries = decodeAwarenessUpdate(update)
  } catch {
    return { ok: false, reason: 'malformed awareness update' }
  }
  const kept: AwarenessEntry[] = []
  let claim: number | null = null
  for (const entry of entries) {
    const own = claimed ?? claim
    if (own === null) {
      if (isTaken(entry.clientId)) continue
      claim = entry.clientId
    } else if (entry.clientId !== own) {
      continue
    }
    if (entry.state.length > MAX_AWARENESS_STATE_BYTES)
      return { ok: false, reason: 'awareness state too large' }
    let parsed: unknown
    try {
      parsed = JSON.parse(entry.state)
    } catch {
      return { ok: false, reason: 'awareness state is not JSON' }
    }
    if (parsed === null) {
      kept.push(entry)
      continue
    }
    if (typeof parsed !== 'object' || Array.isArray(parsed))
      return { ok: false, reason: 'awareness state is not an object' }
    // Only the server speaks for the server: a peer's own storage warning is dropped.
    const { [SERVER_STATUS_KEY]: _forged, ...peerState } = parsed as Record<string, unknown>
    const state = { ...peerState, [AWARENESS_USER_KEY]: user }
    kept.push({ ...entry, state: JSON.stringify(state) })
  }
  return { ok: true, update: kept.length > 0 ? encodeAwarenessEntries(kept) : null, claim }
}
