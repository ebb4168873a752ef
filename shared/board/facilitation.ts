/**
 * Facilitator state on the board: the settings that decide what participants' desks may do.
 * Only facilitators write the board, so only they can change these; the server reads them at
 * every projection.
 */
import type * as Y from 'yjs'
import { ROOT_FACILITATION } from './schema.ts'

export interface Facilitation {
  /** Participants may move and cluster other people's cards. */
  participantMoves: boolean
  /** New participant cards stay on their desks until the facilitator reveals them. */
  privateWriting: boolean
  /** Nothing from desks reaches the board. */
  locked: boolean
}

export const DEFAULT_FACILITATION: Facilitation = {
  participantMoves: false,
  privateWriting: false,
  locked: false,
}

export function facilitationOf(board: Y.Doc): Y.Map<unknown> {
  return board.getMap(ROOT_FACILITATION)
}

export function readFacilitation(board: Y.Doc): Facilitation {
  const map = facilitationOf(board)
  const flag = (key: keyof Facilitation) => {
    const value = map.get(key)
    return typeof value === 'boolean' ? value : DEFAULT_FACILITATION[key]
  }
  return {
    participantMoves: flag('participantMoves'),
    privateWriting: flag('privateWriting'),
    locked: flag('locked'),
  }
}

export function setFacilitation<K extends keyof Facilitation>(
  board: Y.Doc,
  key: K,
  value: Facilitation[K],
): void {
  facilitationOf(board).set(key, value)
}
