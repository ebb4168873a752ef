/**
 * Where a workshop takes place, for the minutes. Kept on the board beside the facilitation
 * settings (written by facilitators and the server only), so every snapshot records the place
 * as it was, and no database column is needed.
 */
import type * as Y from 'yjs'
import { facilitationOf } from '../board/facilitation.ts'

const KEY_PLACE = 'place'
export const MAX_PLACE_LENGTH = 200

export function readPlace(board: Y.Doc): string | null {
  const value = facilitationOf(board).get(KEY_PLACE)
  return typeof value === 'string' && value.trim() ? value.slice(0, MAX_PLACE_LENGTH) : null
}

export function setPlace(board: Y.Doc, place: string | null): void {
  const map = facilitationOf(board)
  if (place?.trim()) map.set(KEY_PLACE, place.trim().slice(0, MAX_PLACE_LENGTH))
  else map.delete(KEY_PLACE)
}
