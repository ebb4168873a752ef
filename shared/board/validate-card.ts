/**
 * Validation of a card written by an untrusted peer (a participant's desk). The server runs
 * this before projecting a desk card onto the board; the client may run it to explain a
 * refusal before it happens.
 */
import * as Y from 'yjs'
import { deskFieldAllowed } from '../policy/board-registry.ts'
import { isGroup, type Role } from '../policy/roles.ts'
import { type CardMap, FIELD, isCardColor, isCardId, LIMITS } from './schema.ts'

export type CardRefusal =
  | 'bad-id'
  | 'unknown-field'
  | 'bad-text'
  | 'text-too-long'
  | 'bad-coordinate'
  | 'bad-color'
  | 'bad-created-at'
  | 'bad-group'
  | 'bad-frame'
  | 'not-a-card'

export type CardCheck = { ok: true } | { ok: false; reason: CardRefusal; field?: string }

function isCoordinate(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= LIMITS.coordinate
}

/**
 * `role` is the desk owner's role as the server knows it: some fields are only for some roles
 * (an assistant's `group`); for anyone else such a field is unknown.
 */
export function validateDeskCard(id: string, value: unknown, role: Role): CardCheck {
  if (!isCardId(id)) return { ok: false, reason: 'bad-id' }
  if (!(value instanceof Y.Map)) return { ok: false, reason: 'not-a-card' }
  const map = value as CardMap
  for (const key of map.keys()) {
    if (!deskFieldAllowed(key, role)) return { ok: false, reason: 'unknown-field', field: key }
  }
  if (map.has(FIELD.group) && !isGroup(map.get(FIELD.group))) return { ok: false, reason: 'bad-group' }
  const frameId = map.get(FIELD.frameId)
  if (map.has(FIELD.frameId) && frameId !== null && !(typeof frameId === 'string' && isCardId(frameId)))
    return { ok: false, reason: 'bad-frame' }
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
