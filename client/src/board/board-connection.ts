/**
 * The browser's connections to a workshop: the board (read by everyone, written only by
 * facilitators) and, for participants, their own desk, cached in IndexedDB so cards written
 * offline survive a reload. Exposes one connection state for the UI.
 *
 * Neither uses y-websocket's BroadcastChannel; every tab talks to the server alone. Every
 * desk's room has the same name in the browser (the server picks the desk from the session), so
 * two people in two tabs of one browser profile (a shared tablet) would sync their desks into
 * each other. On the board, presence shared between tabs skips the server, which sets each
 * person's name from their session: another tab's entry arrives nameless (or named as that tab
 * likes), and the person drops out of the list.
 */
import { type Accessor, createSignal } from 'solid-js'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { isPermanentClose } from '../../../shared/protocol/close-codes.ts'
import { readServerStatus, type ServerStatus } from '../../../shared/protocol/server-status.ts'
import { appUrl } from '../api/http.ts'
import { identityParams } from '../api/tab-identity.ts'
import { announcePresenceOnConnect } from './announce-presence.ts'
import { boardCacheName, openBoardCache } from './board-cache.ts'
import { closeDeskCache, deskCacheName, openDeskCache } from './desk-cache.ts'
import { sendOwnPresenceOnly } from './own-presence-only.ts'
import { trackUnsentChanges, type UnsentChanges } from './unsent-changes.ts'

export type ConnectionState = 'online' | 'connecting' | 'reconnecting' | 'offline' | 'refused'

export interface BoardConnection {
  workshopId: string
  board: Y.Doc
  desk: Y.Doc | null
  boardProvider: WebsocketProvider
  state: Accessor<ConnectionState>
  /** The server's storage warning while it cannot write, else null. */
  serverStatus: Accessor<ServerStatus | null>
  /** The last close the server explained (role changed, removed, …), for the page to react to. */
  lastClose: Accessor<{ code: number; reason: string } | null>
  /** What this person changed while offline that the server has not had yet. */
  unsent: UnsentChanges
  destroy(): void
}

/** The sync endpoint under the page's base (see `appUrl`). */
function syncUrl(): string {
  return appUrl('/sync').replace(/^http/, 'ws')
}

/**
 * `desk`: a participant's own desk (facilitators write the board and have none). `cacheAs`: the
 * person whose browser copy of the board to keep (their participant id in this workshop), or
 * null to keep none (the projector).
 */
export function connectBoard(
  workshopId: string,
  desk: { participantId: string } | null,
  cacheAs: string | null,
): BoardConnection {
  const board = new Y.Doc()
  // `as`: the guest this tab is (tab-identity.ts); a WebSocket cannot send the header.
  const params = identityParams(workshopId)
  const boardProvider = new WebsocketProvider(syncUrl(), workshopId, board, { disableBc: true, params })
  sendOwnPresenceOnly(boardProvider)
  announcePresenceOnConnect(boardProvider)
  const deskDoc = desk ? new Y.Doc() : null
  const deskProvider = deskDoc
    ? new WebsocketProvider(syncUrl(), `${workshopId}/desk`, deskDoc, { disableBc: true, params })
    : null
  const deskCacheKey = desk ? deskCacheName(workshopId, desk.participantId) : null
  const deskCache = deskDoc && deskCacheKey ? openDeskCache(deskCacheKey, deskDoc) : null

  const [state, setState] = createSignal<ConnectionState>('connecting')
  const [lastClose, setLastClose] = createSignal<{ code: number; reason: string } | null>(null)
  let everConnected = false
  let refused = false

  // What this person writes: their desk, or the board for those who write it.
  const written = deskDoc ?? board
  const synced = () =>
    boardProvider.wsconnected && boardProvider.synced && (!deskProvider || deskProvider.synced)
  const unsent = trackUnsentChanges(written, synced, () => boardCache?.saveNow())
  const boardCache = cacheAs ? openBoardCache(boardCacheName(workshopId, cacheAs), board, unsent.keys) : null
  void boardCache?.loaded.then((kept) => {
    if (!synced()) unsent.restore(kept.unsent)
  })

  const update = () => {
    if (synced()) {
      // Connected and synced: the providers have sent everything this person changed.
      unsent.clear()
    }
    if (refused) return setState('refused')
    if (!navigator.onLine) return setState('offline')
    const connected =
      boardProvider.wsconnected && boardProvider.synced && (!deskProvider || deskProvider.wsconnected)
    if (connected) {
      everConnected = true
      return setState('online')
    }
    setState(everConnected ? 'reconnecting' : 'connecting')
  }

  for (const provider of [boardProvider, deskProvider]) {
    if (!provider) continue
    provider.on('status', update)
    provider.on('sync', update)
    provider.on('closed', (event) => {
      if (event && isPermanentClose(event.code)) refused = true
      update()
    })
    provider.on('connection-close', (event) => {
      if (event && event.code >= 4000) setLastClose({ code: event.code, reason: event.reason })
    })
  }
  const [serverStatus, setServerStatus] = createSignal<ServerStatus | null>(null)
  const readStatus = () => setServerStatus(readServerStatus(boardProvider.awareness.getStates()))
  boardProvider.awareness.on('change', readStatus)
  window.addEventListener('online', update)
  window.addEventListener('offline', update)

  return {
    workshopId,
    board,
    desk: deskDoc,
    boardProvider,
    state,
    serverStatus,
    lastClose,
    unsent,
    destroy() {
      unsent.destroy()
      boardCache?.close()
      window.removeEventListener('online', update)
      window.removeEventListener('offline', update)
      boardProvider.awareness.off('change', readStatus)
      boardProvider.destroy()
      deskProvider?.destroy()
      if (deskCache && deskCacheKey) closeDeskCache(deskCacheKey, deskCache)
      board.destroy()
      deskDoc?.destroy()
    },
  }
}
