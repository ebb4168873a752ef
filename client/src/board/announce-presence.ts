/**
 * Publishes this client's presence with a fresh clock every time its connection opens.
 * y-protocols takes a remote state only if its clock is newer than the one it knows, and knows
 * an unseen client as clock 0: a new Awareness starts at clock 0, so its first state is dropped
 * by the server and by every peer, and a client that reconnects with an unchanged state repeats
 * the clock its removal carried. Either way the person stayed off everyone's list until their
 * next cursor move or the 15-second renewal. Setting the state again bumps the clock; the
 * provider sends it at once.
 */
import type { WebsocketProvider } from 'y-websocket'

export function announcePresenceOnConnect(provider: WebsocketProvider): void {
  const announce = ({ status }: { status: string }) => {
    if (status !== 'connected') return
    const awareness = provider.awareness
    const state = awareness.getLocalState()
    // A page that shows no presence of its own (the projector) stays absent.
    if (state !== null) awareness.setLocalState(state)
  }
  provider.on('status', announce)
}
