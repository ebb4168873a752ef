/**
 * Raised hands on the board: the queue of people asking for the floor, in order, and who is
 * speaking now. The root `hands` is written by the server alone (board-registry.ts), from
 * `POST /api/workshops/:id/hands`; every screen reads it from here. All times are server time.
 */
import type * as Y from 'yjs'

export const ROOT_HANDS = 'hands'

export const HAND_LIMITS = {
  /** Characters of a name an assistant enters for someone in the room without a device. */
  nameLength: 40,
  /** Entries in one queue: far more than a room can hear, few enough to render on a projector. */
  queue: 200,
} as const

export interface HandEntry {
  id: string
  /** The participant who raised it; null for someone in the room without a device. */
  participantId: string | null
  name: string
  /** The participant's role, or the group an assistant gave for someone in the room; null: not said. */
  role: string | null
  /** Server time (ms) the hand went up. */
  raisedAt: number
  /** Raised on someone's behalf by an assistant or a facilitator. */
  for?: boolean
}

export interface Speaker {
  participantId: string | null
  name: string
  role: string | null
  /** Server time (ms) the floor was given. */
  since: number
  for?: boolean
}

export interface HandsState {
  queue: HandEntry[]
  speaker: Speaker | null
}

export const NO_HANDS: HandsState = { queue: [], speaker: null }

export function handsOf(board: Y.Doc): Y.Map<unknown> {
  return board.getMap<unknown>(ROOT_HANDS)
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

function readEntry(value: unknown): HandEntry | null {
  const v = value as Record<string, unknown> | null
  if (typeof v !== 'object' || v === null) return null
  const id = str(v.id)
  const name = str(v.name)
  if (!id || name === null) return null
  return {
    id,
    participantId: str(v.participantId),
    name,
    role: str(v.role),
    raisedAt: num(v.raisedAt),
    ...(v.for === true ? { for: true } : {}),
  }
}

function readSpeaker(value: unknown): Speaker | null {
  const v = value as Record<string, unknown> | null
  if (typeof v !== 'object' || v === null) return null
  const name = str(v.name)
  if (name === null) return null
  return {
    participantId: str(v.participantId),
    name,
    role: str(v.role),
    since: num(v.since),
    ...(v.for === true ? { for: true } : {}),
  }
}

/** The queue (oldest hand first, ties by id so every screen agrees) and the speaker, read defensively. */
export function readHands(board: Y.Doc): HandsState {
  const map = handsOf(board)
  const raw = map.get('queue')
  const queue = (Array.isArray(raw) ? raw : [])
    .map(readEntry)
    .filter((e): e is HandEntry => e !== null)
    .sort((a, b) => a.raisedAt - b.raisedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { queue, speaker: readSpeaker(map.get('speaker')) }
}

/** Server only: replaces the queue and the speaker in one transaction of the caller's. */
export function writeHands(board: Y.Doc, state: HandsState): void {
  const map = handsOf(board)
  map.set(
    'queue',
    state.queue.map((e) => ({ ...e })),
  )
  map.set('speaker', state.speaker ? { ...state.speaker } : null)
}

/** A name as entered for someone in the room: trimmed, inner whitespace collapsed. */
export function cleanHandName(name: string): string {
  return name.trim().replace(/\s+/g, ' ')
}

/** Two names for the same person in the room (case and spacing ignored). */
export function sameHandName(a: string, b: string): boolean {
  return cleanHandName(a).toLocaleLowerCase('de') === cleanHandName(b).toLocaleLowerCase('de')
}
