/** The HTTP contract of raised hands: raising and lowering, calling the next speaker, ending one. */
import type { HandsState } from '../board/hands.ts'
import type { Group } from '../policy/roles.ts'

/**
 * `POST /api/workshops/:id/hands`: one's own hand, or with `for` the hand of someone in the room
 * without a device (assistants and facilitators), optionally with the group they speak for.
 */
export interface HandRequest {
  raised: boolean
  for?: string
  group?: Group
}

/** The answer of every hands endpoint: the queue and the speaker after the change, and server time. */
export interface HandsResponse {
  hands: HandsState
  now: number
}
