/** Other people's presence from the board's awareness: names (set by the server) and cursors. */
import { createSignal, onCleanup } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import type { AwarenessCursor, AwarenessUser } from '../../../shared/protocol/awareness-user.ts'

export interface PeerView {
  /** Canvas point at the centre of the peer's screen, and their zoom. */
  cx: number
  cy: number
  scale: number
}

export interface Peer {
  clientId: number
  user: AwarenessUser
  cursor: AwarenessCursor | null
  view: PeerView | null
  color: string
}

function isView(value: unknown): value is PeerView {
  const v = value as PeerView | null
  return (
    typeof v === 'object' &&
    v !== null &&
    Number.isFinite(v.cx) &&
    Number.isFinite(v.cy) &&
    Number.isFinite(v.scale)
  )
}

const PEER_COLORS = ['#b3261e', '#1b5e20', '#0d47a1', '#6a1b9a', '#e65100', '#004d40', '#880e4f']

function isUser(value: unknown): value is AwarenessUser {
  return typeof value === 'object' && value !== null && typeof (value as AwarenessUser).name === 'string'
}

function isCursor(value: unknown): value is AwarenessCursor {
  const c = value as AwarenessCursor | null
  return typeof c === 'object' && c !== null && Number.isFinite(c.x) && Number.isFinite(c.y)
}

export function createPresence(awareness: Awareness) {
  const [peers, setPeers] = createSignal<Peer[]>([])
  const refresh = () => {
    const list: Peer[] = []
    awareness.getStates().forEach((state, clientId) => {
      if (clientId === awareness.clientID || !isUser(state.user)) return
      list.push({
        clientId,
        user: state.user,
        cursor: isCursor(state.cursor) ? state.cursor : null,
        view: isView(state.view) ? state.view : null,
        color: PEER_COLORS[clientId % PEER_COLORS.length] as string,
      })
    })
    setPeers(list.sort((a, b) => a.user.name.localeCompare(b.user.name)))
  }
  awareness.on('change', refresh)
  onCleanup(() => awareness.off('change', refresh))
  refresh()

  let last = 0
  const setCursor = (cursor: AwarenessCursor | null) => {
    const now = performance.now()
    if (cursor && now - last < 50) return
    last = now
    awareness.setLocalStateField(
      'cursor',
      cursor ? { x: Math.round(cursor.x), y: Math.round(cursor.y) } : null,
    )
  }
  const setView = (view: PeerView | null) => awareness.setLocalStateField('view', view)
  return { peers, setCursor, setView }
}
