/**
 * WebSocket close codes of the sync endpoint, shared so the client can explain a closed
 * connection. 44xx are permanent refusals: the y-websocket provider stops reconnecting on them.
 * Other codes are transient and the provider retries.
 */
export interface CloseCode {
  readonly code: number
  readonly reason: string
}

export const CLOSE = {
  malformedFrame: { code: 4400, reason: 'malformed-frame' },
  unauthenticated: { code: 4401, reason: 'unauthenticated' },
  forbidden: { code: 4403, reason: 'forbidden' },
  originNotAllowed: { code: 4403, reason: 'origin-not-allowed' },
  readOnly: { code: 4403, reason: 'read-only' },
  forbiddenWrite: { code: 4403, reason: 'forbidden-write' },
  removed: { code: 4403, reason: 'removed' },
  quotaExceeded: { code: 4413, reason: 'quota-exceeded' },
  roleChanged: { code: 4000, reason: 'role-changed' },
  /** The workshop was closed: reconnect, now read-only (transient, so the provider does). */
  workshopClosed: { code: 4003, reason: 'workshop-closed' },
  /** The workshop's stored rooms are being rewritten (retention, a deletion): reconnect shortly. */
  roomsRewritten: { code: 4005, reason: 'rooms-rewritten' },
  /** A write to a closed workshop, sent again and again: refused for good. */
  closedWrite: { code: 4403, reason: 'workshop-closed' },
  workshopFull: { code: 4013, reason: 'workshop-full' },
  rateLimited: { code: 4029, reason: 'rate-limited' },
  /** A participant holds its maximum of sync connections (tabs, board and desk together). */
  tooManyConnections: { code: 4429, reason: 'too-many-connections' },
  /** A frame over the sender's size limit (participants' frames are capped near the desk quota). */
  frameTooLarge: { code: 1009, reason: 'frame-too-large' },
  notFound: { code: 4404, reason: 'workshop-not-found' },
  slowConsumer: { code: 4008, reason: 'slow-consumer' },
  roomFailed: { code: 1011, reason: 'room-failed' },
  serverRestart: { code: 1012, reason: 'server-restart' },
} as const satisfies Record<string, CloseCode>

export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code < 4500
}
