/**
 * The server's own presence state in every room: how its storage is. Clients show a warning
 * while the server cannot write (full disk, read-only data directory); edits are held, not lost,
 * until it can. Peers cannot forge it: the server only relays presence under ids it checked.
 */
export const SERVER_STATUS_KEY = 'server'

export interface ServerStatus {
  storage: 'failing'
  /** Server time (ms) when writes began to fail. */
  since: number
}

export function serverStatusState(status: ServerStatus | null): Record<string, unknown> | null {
  return status ? { [SERVER_STATUS_KEY]: status } : null
}

/** The storage warning among presence states, if the server has announced one. */
export function readServerStatus(states: Map<number, Record<string, unknown>>): ServerStatus | null {
  for (const state of states.values()) {
    const status = state[SERVER_STATUS_KEY] as ServerStatus | undefined
    if (status && status.storage === 'failing' && typeof status.since === 'number') return status
  }
  return null
}
