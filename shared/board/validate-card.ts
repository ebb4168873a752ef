/**
 * Validation of a card written by an untrusted peer (a participant's desk). The server runs
 * this before projecting a desk card onto the board; the client may run it to explain a
 * refusal before it happens.
 */
import * as Y from 'yjs'
import { DESK_CARD_FIELDS } from '../policy/board-registry.ts'
import { type CardMap, FIELD, isCardColor, isCardId, LIMITS } from './schema.ts'

export type CardRefusal =
  | 'bad-id'
  | 'unknown-field'
  | 'bad-text'
  | 'text-too-long'
  | 'bad-coordinate'
  | 'bad-color'
  | 'bad-created-at'
  | 'not-a-card'

export type CardCheck = { ok: true } | { ok: false; reason: CardRefusal; field?: string }

function isCoordinate(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= LIMITS.coordinate
}

export function validateDeskCard(id: string, value: unknown): CardCheck {
  if (!isCardId(id)) return { ok: false, reason: 'bad-id' }
  if (!(value instanceof Y.Map)) return { ok: false, reason: 'not-a-card' }
  const map = value as CardMap
  for (const key of map.keys()) {
    if (!DESK_CARD_FIELDS.has(key)) return { ok: false, reason: 'unknown-field', field: key }
  }
  const text = map.get(FIELD.text)
  if (!(text instanceof Y.Text)) return { ok: false, reason: 'bad-text' }
  if (text.length > LIMITS.textLength) return { ok: false, reason: 'text-too-long' }
  if (!isCoordinate(map.get(FIELD.x))) return { ok: false, reason: 'bad-coordinate', field: FIELD.x }
  if (!isCoordinate(map.get(FIELD.y))) return { ok: false, reason: 'bad-coordinate', field: FIELD.y }
  if (!isCardColor(map.get(FIELD.color))) return { ok: false, reason: 'bad-color' }
  const createdAt = map.get(FIELD.createdAt)
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt))
    return { ok: false, reason: 'bad-created-at' }
  return { ok: true }
}
