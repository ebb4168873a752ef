/**
 * The WebSocket endpoints /sync/<workshopId> (board) and /sync/<workshopId>/desk. The upgrade
 * is always accepted so that a refusal can carry a named 44xx close code, which tells the
 * y-websocket client to stop retrying.
 */
import { upgradeWebSocket, type WebSocketLike } from '@hono/node-server'
import { type Context, Hono } from 'hono'
import type { WSEvents } from 'hono/ws'
import type { WebSocket } from 'ws'
import { CLOSE, type CloseCode } from '../../shared/protocol/close-codes.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { readSessionToken } from '../auth/session-cookie.ts'
import { isAllowedOrigin } from '../http/origin.ts'
import { ClientConnection } from '../sync/client-connection.ts'
import type { SyncTarget } from '../sync/sync-server.ts'
import { resolveAccess, type WorkshopAccess } from '../workshops/workshop-access.ts'

type Admission = { ok: true; access: WorkshopAccess } | { ok: false; close: CloseCode }

function admit(deps: AppDeps, c: Context<AppEnv>, workshopId: string): Admission {
  if (!isAllowedOrigin(c.req.header('origin'), c.req.header('host'), deps.config.publicUrl)) {
    return { ok: false, close: CLOSE.originNotAllowed }
  }
  const token = c.req.query('token') ?? readSessionToken(c)
  const principal = token ? deps.sessions.validate(token) : null
  if (!principal) return { ok: false, close: CLOSE.unauthenticated }
  const workshop = deps.workshops.byId(workshopId)
  if (!workshop) return { ok: false, close: CLOSE.notFound }
  const access = resolveAccess(principal, workshop, deps.workshops)
  if (!access) return { ok: false, close: CLOSE.forbidden }
  return { ok: true, access }
}

/** Frames a client may send before its connection is admitted; more close it. */
const MAX_EARLY_FRAMES = 64

function syncEvents(deps: AppDeps, c: Context<AppEnv>, target: SyncTarget): WSEvents<WebSocketLike> {
  const workshopId = c.req.param('workshopId') ?? ''
  const admission = admit(deps, c, workshopId)
  let connection: ClientConnection | null = null
  let closed = false
  const early: unknown[] = []

  const start = (raw: WebSocket, access: WorkshopAccess) => {
    if (closed) return
    try {
      const result = deps.sync.connect(raw, target, access)
      if (!(result instanceof ClientConnection)) {
        raw.close(result.code, result.reason)
        return
      }
      connection = result
      for (const frame of early.splice(0)) result.handleFrame(frame)
    } catch (err) {
      deps.logger.error(
        { workshop: workshopId, err: { message: (err as Error).message } },
        'room failed to open',
      )
      raw.close(CLOSE.roomFailed.code, CLOSE.roomFailed.reason)
    }
  }

  const stop = () => {
    closed = true
    if (connection) deps.sync.disconnect(connection)
    connection = null
  }

  return {
    onOpen(_event, ws) {
      // server.ts hands the adapter a `ws` WebSocketServer, so the raw socket is a `ws` WebSocket.
      const raw = ws.raw as WebSocket | undefined
      if (!raw) return
      if (!admission.ok) {
        deps.logger.info({ workshop: workshopId, target, reason: admission.close.reason }, 'sync refused')
        raw.close(admission.close.code, admission.close.reason)
        return
      }
      const { access } = admission
      deps.sync.admission.enter(() => start(raw, access))
    },
    onMessage(event, ws) {
      if (connection) {
        connection.handleFrame(event.data)
        return
      }
      early.push(event.data)
      if (early.length > MAX_EARLY_FRAMES) ws.close(CLOSE.rateLimited.code, CLOSE.rateLimited.reason)
    },
    onClose: stop,
    onError: stop,
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
