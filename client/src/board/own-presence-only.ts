/**
 * y-websocket sends every presence change its Awareness takes in, other people's included, so
 * each screen echoes the room's whole presence traffic back to the server, which drops it (a
 * connection speaks only for its own client id). In a room of 1,000 that is ten useless frames a
 * second from every screen, 10,000 a second for the server to read (issue 15). The provider's
 * handler is swapped for one that sends this client's own changes only; `destroy` still
 * unregisters it, since it sits where the provider keeps its own.
 */
import type { WebsocketProvider } from 'y-websocket'

interface Change {
  added: number[]
  updated: number[]
  removed: number[]
}

export function sendOwnPresenceOnly(provider: WebsocketProvider): void {
  const { awareness } = provider
  const sendChange = provider._awarenessUpdateHandler
  awareness.off('update', sendChange)
  const own = (change: Change, origin: unknown) => {
    const me = awareness.clientID
    const mine = (ids: number[]) => ids.filter((id) => id === me)
    const added = mine(change.added)
    const updated = mine(change.updated)
    const removed = mine(change.removed)
    if (added.length + updated.length + removed.length > 0) sendChange({ added, updated, removed }, origin)
  }
  provider._awarenessUpdateHandler = own
  awareness.on('update', own)
}
