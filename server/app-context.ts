/** What every route needs, built once per process and passed to createApp. */
import type { Hono } from 'hono'
import type { AuditService } from './audit/audit-service.ts'
import type { Principal, SessionStore } from './auth/session-store.ts'
import type { SetupGate } from './auth/setup-gate.ts'
import type { Config } from './config.ts'
import type { SqlDatabase } from './db/sql-database.ts'
import type { HandService } from './hands/hand-service.ts'
import type { Logger } from './logger.ts'
import type { EventLoopMonitor } from './ops/event-loop-monitor.ts'
import type { PhaseService } from './phases/phase-service.ts'
import type { SnapshotStore } from './snapshots/snapshot-store.ts'
import type { WorkshopSync } from './sync/workshop-sync.ts'
import type { UserStore } from './users/user-store.ts'
import type { VoteService } from './votes/vote-service.ts'
import type { WorkshopStore } from './workshops/workshop-store.ts'

export interface AppDeps {
  config: Config
  logger: Logger
  /** The storage interface (async): the SQLite file, or PostgreSQL with DATABASE_URL. */
  sql: SqlDatabase
  users: UserStore
  sessions: SessionStore
  /** The first run's one-time setup code. */
  setup: SetupGate
  workshops: WorkshopStore
  snapshots: SnapshotStore
  /** The phases domain: transitions with their snapshot, and the timer. */
  phases: PhaseService
  /** The voting domain (it owns the ballot store). */
  votes: VoteService
  /** Raised hands: the queue on the board and the speaking times. */
  hands: HandService
  /** The sync service's facade: boards, card records, connections (not its rooms or writer). */
  sync: WorkshopSync
  /** The tamper-evident event log: `audit.record(workshopId, kind, actor, data)`. */
  audit: AuditService
  /** The event loop's lag, for /api/health and /metrics. */
  loop: EventLoopMonitor
}

export type AppEnv = {
  Variables: {
    principal: Principal | null
    /** A route's own Content-Security-Policy, replacing the app-wide one. */
    csp?: string
  }
}

export type AppRouter = Hono<AppEnv>
