/**
 * Starts a Ratswerkstatt server: database (the SQLite file in DATA_DIR, or PostgreSQL with
 * DATABASE_URL), stores, sync service, HTTP app and WebSocket upgrade, listening on the
 * configured address. Returns a handle for tests and main.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer, type Http2Bindings, type HttpBindings } from '@hono/node-server'
import { WebSocketServer } from 'ws'
import { CLOSE } from '../shared/protocol/close-codes.ts'
import { createApp } from './app.ts'
import type { AppDeps } from './app-context.ts'
import { AuditService } from './audit/audit-service.ts'
import { recordModeration } from './audit/moderation-audit.ts'
import { SessionStore } from './auth/session-store.ts'
import { announceSetupCode, SetupGate, setupBaseUrl } from './auth/setup-gate.ts'
import type { Config } from './config.ts'
import { type Db, ensureDataDir, openDatabase } from './db/open-database.ts'
import { openPostgres } from './db/postgres-sql.ts'
import type { SqlDatabase } from './db/sql-database.ts'
import { SqliteSqlDatabase } from './db/sqlite-sql.ts'
import { HandService } from './hands/hand-service.ts'
import { SpeakingStore } from './hands/speaking-store.ts'
import { createLogger, type Logger } from './logger.ts'
import { EventLoopMonitor } from './ops/event-loop-monitor.ts'
import { createMetrics } from './ops/metrics.ts'
import { writePidFile } from './ops/pid-file.ts'
import { PhaseService } from './phases/phase-service.ts'
import { RetentionJob } from './retention/retention-job.ts'
import { SnapshotStore } from './snapshots/snapshot-store.ts'
import { ownersOf } from './sync/owner-lookup.ts'
import { commitThreadData, type SyncOptions, SyncServer } from './sync/sync-server.ts'
import { UserStore } from './users/user-store.ts'
import { PaperStore } from './votes/paper-store.ts'
import { VoteService } from './votes/vote-service.ts'
import { VoteStore } from './votes/vote-store.ts'
import { WorkshopStore } from './workshops/workshop-store.ts'

/**
 * The process's dependencies: the app's, with the whole sync service, which the server starts and
 * shuts down (and tests inspect); routes get them as `AppDeps`, which sees only its facade.
 */
export interface ServerDeps extends AppDeps {
  /** The SQLite connection under `sql`; null on PostgreSQL (nothing SQLite is opened then). */
  sqlite: Db | null
  sync: SyncServer
  /** The retention job (started with the server; tests run it with their own clock). */
  retention: RetentionJob
}

export interface RunningServer {
  url: string
  port: number
  deps: ServerDeps
  close(): Promise<void>
}

/** The configured database: PostgreSQL with DATABASE_URL, else the SQLite file in DATA_DIR. */
async function openStorage(config: Config): Promise<{ sql: SqlDatabase; sqlite: Db | null }> {
  if (config.databaseUrl !== null) {
    ensureDataDir(config.dataDir, 'keeps its pid file there')
    return {
      sql: await openPostgres({ url: config.databaseUrl, schema: config.databaseSchema }),
      sqlite: null,
    }
  }
  const sqlite = openDatabase(config.dataDir, config.syncMode)
  return { sql: new SqliteSqlDatabase(sqlite), sqlite }
}

export async function createDeps(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
  sync: SyncOptions = {},
): Promise<ServerDeps> {
  const { sql, sqlite } = await openStorage(config)
  const workshops = new WorkshopStore(sql)
  const users = new UserStore(sql)
  const syncOptions = {
    maxConnectionsPerWorkshop: config.maxConnectionsPerWorkshop,
    admissionPerSecond: config.admissionPerSecond,
    admissionBurst: config.admissionBurst,
    commitThread: config.commitThread,
    messagesPerSecond: config.clientMessagesPerSecond,
    ...sync,
  }
  // The commit thread writes the SQLite file on a connection of its own; on PostgreSQL the
  // room store commits inline (async, off the event loop's critical path anyway).
  const thread = sqlite && syncOptions.commitThread ? commitThreadData(sqlite) : null
  const syncServer = new SyncServer(sql, ownersOf(workshops.directory), logger, syncOptions, thread)
  const audit = new AuditService(sql)
  recordModeration(syncServer.rooms, audit)
  const snapshots = new SnapshotStore(sql, audit)
  return {
    config,
    logger,
    sqlite,
    sql,
    users,
    sessions: new SessionStore(sql),
    setup: new SetupGate(users),
    workshops,
    snapshots,
    phases: new PhaseService(syncServer, snapshots, logger, audit),
    votes: new VoteService(new VoteStore(sql), syncServer, workshops, logger, new PaperStore(sql), audit),
    // The hand queue asks inside board transactions: the directory is loaded with the board.
    hands: new HandService(
      new SpeakingStore(sql),
      syncServer,
      (w, p) => workshops.directory.get(w, p),
      logger,
    ),
    sync: syncServer,
    audit,
    retention: new RetentionJob(
      sql,
      audit,
      (id, work) => syncServer.withWorkshopUnloaded(id, CLOSE.roomsRewritten, work),
      logger,
    ),
    loop: new EventLoopMonitor().start(),
  }
}

export async function startServer(
  config: Config,
  options: { logger?: Logger; sync?: SyncOptions } = {},
): Promise<RunningServer> {
  const deps = await createDeps(config, options.logger, options.sync)
  const app = createApp(deps)
  const metrics = createMetrics(deps.sync, deps.loop, config.metricsToken)
  const metricsPaths = new Set(['/metrics', `${config.basePath}/metrics`])
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxFrameBytes })
  const server = createAdaptorServer({
    // /metrics reads the sync service's internals, beside the app and its routes.
    fetch: (request: Request, env: HttpBindings | Http2Bindings) =>
      metricsPaths.has(new URL(request.url).pathname) && request.method === 'GET'
        ? metrics.handle(request, env.incoming.socket.remoteAddress)
        : app.fetch(request, env),
    websocket: { server: wss },
  })
  // Requests in flight, which shutdown lets finish (within SHUTDOWN_GRACE_SECONDS).
  let inFlight = 0
  let drained: (() => void) | null = null
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight++
    res.once('close', () => {
      inFlight--
      if (inFlight === 0) drained?.()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const removePidFile = writePidFile(config.dataDir)
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  await announceSetupCode(
    deps.setup,
    deps.logger,
    setupBaseUrl(config.publicUrl, config.host, port) + config.basePath,
  )
  const sessionSweep = setInterval(
    () => {
      deps.sessions.deleteExpired().catch((err) => deps.logger.error({ err }, 'expired sessions not deleted'))
    },
    60 * 60 * 1000,
  )
  sessionSweep.unref()
  // Right after start, then hourly.
  deps.retention.start()
  let closing: Promise<void> | null = null
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    deps,
    close() {
      closing ??= (async () => {
        clearInterval(sessionSweep)
        deps.retention.stop()
        // No new connections; idle keep-alive ones go now, busy ones when their answer is out.
        const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()))
        if ('closeIdleConnections' in server) server.closeIdleConnections()
        if (inFlight > 0) {
          deps.logger.info({ requests: inFlight }, 'waiting for requests in flight')
          const finished = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), config.shutdownGraceMs)
            drained = () => {
              clearTimeout(timer)
              resolve(true)
            }
          })
          if (!finished) deps.logger.warn({ requests: inFlight }, 'requests cut off at shutdown')
        }
        const synced = deps.sync.close()
        wss.close()
        // Keep-alive HTTP connections (and upgraded sockets) would hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections()
        await Promise.all([synced, httpClosed])
        deps.loop.stop()
        await deps.sql.close()
        removePidFile()
      })()
      return closing
    },
  }
}
