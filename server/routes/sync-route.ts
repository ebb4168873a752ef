/**
 * The WebSocket endpoints /sync/<workshopId> (board) and /sync/<workshopId>/desk. The upgrade
 * is always accepted so that a refusal can carry a named 44xx close code, which tells the
 * y-websocket client to stop retrying. Who may connect is decided here; everything after that
 * (the participant's socket cap, admission, frames) is the sync service's (`SyncServer.accept`).
 */
import { upgradeWebSocket, type WebSocketLike } from '@hono/node-server'
import { type Context, Hono } from 'hono'
import type { WSEvents } from 'hono/ws'
import type { WebSocket } from 'ws'
import { CLOSE, type CloseCode } from '../../shared/protocol/close-codes.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { presentedSession } from '../auth/presented-session.ts'
import { namedIdentity } from '../auth/session-cookie.ts'
import { isAllowedOrigin } from '../http/origin.ts'
import { SyncSocket, type SyncTarget } from '../sync/sync-socket.ts'
import { resolveAccess, type WorkshopAccess } from '../workshops/workshop-access.ts'

type Admission = { ok: true; access: WorkshopAccess } | { ok: false; close: CloseCode }

async function admit(deps: AppDeps, c: Context<AppEnv>, workshopId: string): Promise<Admission> {
  if (!isAllowedOrigin(c.req.header('origin'), c.req.header('host'), deps.config.publicUrl)) {
    return { ok: false, close: CLOSE.originNotAllowed }
  }
  // A browser tab names its participant in the query (a WebSocket cannot set headers).
  const { principal } = await presentedSession(c, deps.sessions, {
    token: c.req.query('token'),
    named: c.req.query('as')?.trim() || namedIdentity(c),
  })
  if (!principal) return { ok: false, close: CLOSE.unauthenticated }
  const workshop = await deps.workshops.byId(workshopId)
  if (!workshop) return { ok: false, close: CLOSE.notFound }
  const access = await resolveAccess(principal, workshop, deps.workshops)
  if (!access) return { ok: false, close: CLOSE.forbidden }
  return { ok: true, access }
}

/**
 * Admission (async: sessions and membership are read from storage) is decided before the
 * upgrade is answered: the adapter awaits these events before it completes the handshake.
 */
async function syncEvents(
  deps: AppDeps,
  c: Context<AppEnv>,
  target: SyncTarget,
): Promise<WSEvents<WebSocketLike>> {
  const workshopId = c.req.param('workshopId') ?? ''
  const admission = await admit(deps, c, workshopId)
  let socket: SyncSocket | null = null

  return {
    onOpen(_event, ws) {
      // server.ts hands the adapter a `ws` WebSocketServer, so the raw socket is a `ws` WebSocket.
      const raw = ws.raw as WebSocket | undefined
      if (!raw) return
      const accepted = admission.ok ? deps.sync.accept(raw, target, admission.access) : admission.close
      if (accepted instanceof SyncSocket) {
        socket = accepted
        return
      }
      const refusal = accepted
      deps.logger.info({ workshop: workshopId, target, reason: refusal.reason }, 'sync refused')
      raw.close(refusal.code, refusal.reason)
    },
    onMessage(event) {
      socket?.handleFrame(event.data)
    },
    onClose() {
      socket?.finish()
    },
    onError() {
      socket?.finish()
    },
  }
}

export function syncRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  app.get(
    '/:workshopId/desk',
    upgradeWebSocket((c) => syncEvents(deps, c, 'desk')),
  )
  app.get(
    '/:workshopId',
    upgradeWebSocket((c) => syncEvents(deps, c, 'board')),
  )
  return app
}
