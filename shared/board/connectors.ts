/**
 * Connectors: arrows between two cards, or a card and a frame, or two frames ("this leads to
 * that"). A root of the board, `connectors`: id → { from, to, createdAt }, where `from` and `to`
 * are the ids of cards or frames on the board. Written by facilitators, like frames (the registry
 * says so and the server refuses anyone else's write); everyone sees them, on the canvas, in the
 * list view and in the minutes. A connector whose end is gone (a deleted card or frame) is not
 * read: deleting a card needs no second write to stay consistent.
 */
import type * as Y from 'yjs'
import { framesOf } from './frames.ts'
import { isCardId, notesOf } from './schema.ts'

export const ROOT_CONNECTORS = 'connectors'
/** Connectors on one board: enough for any workshop's map, small enough to draw at once. */
export const MAX_CONNECTORS = 2000

export interface Connector {
  id: string
  from: string
  to: string
  createdAt: number
}

interface StoredConnector {
  from: string
  to: string
  createdAt: number
}

export function connectorsOf(board: Y.Doc): Y.Map<StoredConnector> {
  return board.getMap<StoredConnector>(ROOT_CONNECTORS)
}

/** An end exists: a card or a frame of this board. */
function endExists(board: Y.Doc, id: string): boolean {
  return notesOf(board).has(id) || framesOf(board).has(id)
}

/** The board's connectors whose both ends exist, oldest first (ties by id, so screens agree). */
export function readConnectors(board: Y.Doc): Connector[] {
  const list: Connector[] = []
  connectorsOf(board).forEach((value, id) => {
    const v = value as Partial<StoredConnector> | null
    if (typeof v !== 'object' || v === null) return
    if (typeof v.from !== 'string' || typeof v.to !== 'string' || v.from === v.to) return
    if (!endExists(board, v.from) || !endExists(board, v.to)) return
    list.push({ id, from: v.from, to: v.to, createdAt: typeof v.createdAt === 'number' ? v.createdAt : 0 })
  })
  return list.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export type ConnectRefusal = 'same-end' | 'no-end' | 'exists' | 'too-many'

/**
 * Connects `from` to `to` (cards or frames of the board). Answers the new connector's id, or why
 * not: an end missing or the same on both sides, the same connection already there (either way
 * round: a connector says two things belong together in one direction only once), too many.
 */
export function addConnector(
  board: Y.Doc,
  from: string,
  to: string,
  now = Date.now(),
): { ok: true; id: string } | { ok: false; reason: ConnectRefusal } {
  if (from === to) return { ok: false, reason: 'same-end' }
  if (!isCardId(from) || !isCardId(to) || !endExists(board, from) || !endExists(board, to))
    return { ok: false, reason: 'no-end' }
  const existing = readConnectors(board)
  if (existing.some((c) => (c.from === from && c.to === to) || (c.from === to && c.to === from)))
    return { ok: false, reason: 'exists' }
  if (existing.length >= MAX_CONNECTORS) return { ok: false, reason: 'too-many' }
  const id = `link-${newId()}`
  connectorsOf(board).set(id, { from, to, createdAt: now })
  return { ok: true, id }
}

export function deleteConnector(board: Y.Doc, id: string): void {
  connectorsOf(board).delete(id)
}

/** The connectors with `id` (a card or frame) at either end. */
export function connectorsAt(connectors: readonly Connector[], id: string): Connector[] {
  return connectors.filter((c) => c.from === id || c.to === id)
}

function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9))
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('')
}
