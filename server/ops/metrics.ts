/**
 * `/metrics` in the Prometheus text format (prom-client), read from the sync service's own
 * counters at scrape time: connections, loaded rooms, the writer's queue, the admission queue,
 * commit latency and the event loop's lag, beside Node's default process metrics. Served by
 * server.ts outside the app's routes, to this machine only (a request through a proxy is not
 * local) or to a caller with `Authorization: Bearer <METRICS_TOKEN>`.
 */
import { timingSafeEqual } from 'node:crypto'
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { SyncServer } from '../sync/sync-server.ts'
import type { EventLoopMonitor } from './event-loop-monitor.ts'

export interface Metrics {
  registry: Registry
  /** Answers a scrape, or refuses it (403 without the token, from elsewhere). */
  handle(request: Request, remoteAddress: string | undefined): Promise<Response>
}

export function createMetrics(sync: SyncServer, loop: EventLoopMonitor, token: string | null): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const registers = [registry]
  new Gauge({
    name: 'ratswerkstatt_sync_connections',
    help: 'Open sync connections (board and desk).',
    registers,
    collect() {
      this.set(sync.connectionCount)
    },
  })
  new Gauge({
    name: 'ratswerkstatt_rooms_loaded',
    help: 'Rooms (boards and desks) held in memory.',
    registers,
    collect() {
      this.set(sync.registry.size)
    },
  })
  new Gauge({
    name: 'ratswerkstatt_writer_queue',
    help: 'Updates accepted and not yet known to be on disk.',
    registers,
    collect() {
      this.set(sync.writer.backlog)
    },
  })
  new Gauge({
    name: 'ratswerkstatt_storage_failing',
    help: '1 while updates cannot be written to the database.',
    registers,
    collect() {
      this.set(sync.writer.lastError ? 1 : 0)
    },
  })
  new Gauge({
    name: 'ratswerkstatt_admission_queue',
    help: 'Sync connections waiting to be admitted.',
    registers,
    collect() {
      this.set(sync.admission.queued)
    },
  })
  new Gauge({
    name: 'ratswerkstatt_event_loop_lag_seconds',
    help: 'How late the last event-loop probe timer fired.',
    registers,
    collect() {
      this.set(loop.lagMs / 1000)
    },
  })
  const commits = new Histogram({
    name: 'ratswerkstatt_commit_duration_seconds',
    help: 'Time from a batch of updates leaving for disk to its commit.',
    registers,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  })
  sync.writer.onCommit = (seconds) => commits.observe(seconds)

  return {
    registry,
    async handle(request, remoteAddress) {
      if (!allowed(request, remoteAddress, token))
        return new Response('Forbidden: /metrics answers this machine or a METRICS_TOKEN bearer.\n', {
          status: 403,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        })
      return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } })
    },
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/

function allowed(request: Request, remoteAddress: string | undefined, token: string | null): boolean {
  const auth = request.headers.get('authorization')
  if (token && auth) {
    const given = Buffer.from(auth.replace(/^Bearer\s+/i, ''))
    const expected = Buffer.from(token)
    return given.length === expected.length && timingSafeEqual(given, expected)
  }
  // A proxy on this machine makes every visitor look local; what it forwards is not.
  if (request.headers.has('x-forwarded-for') || request.headers.has('forwarded')) return false
  return LOOPBACK.test(remoteAddress ?? '')
}
