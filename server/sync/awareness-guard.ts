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
/**
 * Entries one presence message may list. y-websocket clients echo every change they receive,
 * so a client in a full workshop (1,000 connections) sends back everyone's state at once.
 */
export const MAX_AWARENESS_ENTRIES = 2000

const utf8 = new TextDecoder('utf-8', { fatal: true })

export interface AwarenessEntry {
  clientId: number
  clock: number
  state: string
}

/** One entry as it sits in the message: the state still undecoded, a view into the frame. */
interface RawEntry {
  clientId: number
  clock: number
  state: Uint8Array
}

function scanAwarenessUpdate(update: Uint8Array): RawEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  if (count > MAX_AWARENESS_ENTRIES) throw new Error('too many awareness entries')
  const entries: RawEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    // A varString is a varUint8Array of UTF-8: read as a view, decode only what we keep.
    const state = decoding.readVarUint8Array(decoder)
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
 * Entries for other ids are the client echoing what it received: skipped without decoding.
 */
export function guardAwareness(
  update: Uint8Array,
  claimed: number | null,
  isTaken: (clientId: number) => boolean,
  user: AwarenessUser,
): GuardResult {
  let entries: RawEntry[]
  try {
    entries = scanAwarenessUpdate(update)
  } catch {
    return { ok: false, reason: 'malformed awareness update' }
  }
  const kept: AwarenessEntry[] = []
  let claim: number | null = null
  // A connection's first message names its id first; later entries are echoes of others.
  const first = entries[0]
  if (claimed === null && first && !isTaken(first.clientId)) claim = first.clientId
  const own = claimed ?? claim
  for (const entry of entries) {
    if (entry.clientId !== own) continue
    if (entry.state.length > MAX_AWARENESS_STATE_BYTES)
      return { ok: false, reason: 'awareness state too large' }
    let parsed: unknown
    try {
      parsed = JSON.parse(utf8.decode(entry.state))
    } catch {
      return { ok: false, reason: 'awareness state is not JSON' }
    }
    if (parsed === null) {
      kept.push({ clientId: entry.clientId, clock: entry.clock, state: 'null' })
      continue
    }
    if (typeof parsed !== 'object' || Array.isArray(parsed))
      return { ok: false, reason: 'awareness state is not an object' }
    // Only the server speaks for the server: a peer's own storage warning is dropped.
    const { [SERVER_STATUS_KEY]: _forged, ...peerState } = parsed as Record<string, unknown>
    const state = { ...peerState, [AWARENESS_USER_KEY]: user }
    kept.push({ clientId: entry.clientId, clock: entry.clock, state: JSON.stringify(state) })
  }
  return { ok: true, update: kept.length > 0 ? encodeAwarenessEntries(kept) : null, claim }
}
