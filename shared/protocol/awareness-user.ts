/**
 * The part of a presence (awareness) state that the server owns: who this is. The server
 * overwrites it from the authenticated session, so a peer cannot pose as someone else.
 */
export const AWARENESS_USER_KEY = 'user'

export interface AwarenessUser {
  name: string
  role: string
  participantId: string
}

export interface AwarenessCursor {
  x: number
  y: number
}
