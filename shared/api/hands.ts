/** The HTTP contract of raised hands: raising and lowering, calling the next speaker, ending one. */
import type { HandsState } from '../board/hands.ts'
import type { Group } from '../policy/roles.ts'

/**
 * `POST /api/workshops/:id/hands`: one's own hand, or with `for` the hand of someone in the room
 * without a device (assistants and facilitators), optionally with the group they speak for. With
 * `id` and `raised: false`, one entry of the queue is taken down: by a facilitator any entry (someone
 * left the room), by an assistant one raised for someone in the room.
 */
export interface HandRequest {
  raised: boolean
  for?: string
  group?: Group
  id?: string
}

/** The answer of every hands endpoint: the queue and the speaker after the change, and server time. */
export interface HandsResponse {
  hands: HandsState
  now: number
}
