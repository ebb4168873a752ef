/**
 * Builds the Hono application without listening, so tests can call `app.request()`.
 * Order: security headers, request log, sessions and CSRF, the API, sync, the client.
 */
import fs from 'node:fs'
import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import type { HealthResponse, TimeResponse } from '../shared/api/contract.ts'
import type { AppDeps, AppEnv } from './app-context.ts'
import { sessionMiddleware } from './auth/session-middleware.ts'
import { closedGuard } from './http/closed-guard.ts'
import { createErrorHandler, errorBody, HttpError, storageFailing } from './http/http-error.ts'
import { createLimits } from './http/rate-limits.ts'
import { stripBasePath, withBaseHref } from './ops/base-path.ts'
import { healthProblem } from './ops/health-check.ts'
import { accountRoutes } from './routes/account-routes.ts'
import { authRoutes } from './routes/auth-routes.ts'
import { clusterRoutes } from './routes/cluster-routes.ts'
import { handRoutes } from './routes/hand-routes.ts'
import { historyRoutes } from './routes/history-routes.ts'
import { joinRoutes } from './routes/join-routes.ts'
import { minutesRoutes, minutesSchemaRoutes } from './routes/minutes-routes.ts'
import { moderationRoutes } from './routes/moderation-routes.ts'
import { paperVoteRoutes } from './routes/paper-vote-routes.ts'
import { participantRoutes } from './routes/participant-routes.ts'
import { phaseRoutes } from './routes/phase-routes.ts'
import { isPhotoUpload, photoRoutes } from './routes/photo-routes.ts'
import { recordRoutes } from './routes/record-routes.ts'
import { retentionRoutes } from './routes/retention-routes.ts'
import { snapshotRoutes } from './routes/snapshot-routes.ts'
import { syncRoutes } from './routes/sync-route.ts'
import { userRoutes } from './routes/user-routes.ts'
import { voteRoutes } from './routes/vote-routes.ts'
import { workshopRoutes } from './routes/workshop-routes.ts'

export const MAX_BODY_BYTES = 64 * 1024

export function createApp(deps: AppDeps): Hono<AppEnv> {
  // Under PUBLIC_URL's path every route sees the path without it (ops/base-path.ts).
  const app = new Hono<AppEnv>({ getPath: stripBasePath(deps.config.basePath) })
  const https = deps.config.publicUrl?.startsWith('https:') ?? false

  // Runs outside secureHeaders, so a route's own policy (set in c.var.csp) wins.
  app.use(async (c, next) => {
    await next()
    const csp = c.get('csp')
    if (csp) c.res.headers.set('content-security-policy', csp)
  })
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
      strictTransportSecurity: https ? 'max-age=31536000; includeSubDomains' : false,
      crossOriginEmbedderPolicy: false,
    }),
  )

  app.use(async (c, next) => {
    const started = performance.now()
    await next()
    if (c.req.path.startsWith('/assets/')) return
    // The path only: query strings may carry a token.
    deps.logger.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    )
  })

  const apiBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new HttpError(
        413,
        'payload-too-large',
        `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KiB.`,
      )
    },
  })
  // A photo upload and an import have their own, larger limits (photo-routes.ts, record-routes.ts).
  app.use('/api/*', (c, next) =>
    isPhotoUpload(c.req.method, c.req.path) || c.req.path === '/api/import' ? next() : apiBodyLimit(c, next),
  )
  app.use('/api/*', sessionMiddleware(deps))

  app.get('/api/health', async (c) => {
    const failure = deps.sync.storageFailure
    // Monitoring sees what the facilitators see: the server holds edits it cannot store.
    if (failure) {
      const { message } = storageFailing(failure.message)
      return c.json({ ok: false, error: { code: 'storage-failing', message } } satisfies HealthResponse, 503)
    }
    const problem = await healthProblem(deps.sql, deps.loop)
    if (problem) return c.json({ ok: false, error: problem } satisfies HealthResponse, 503)
    return c.json({ ok: true } satisfies HealthResponse)
  })
  // Server time, so that every screen's timer counts from the same clock.
  app.get('/api/time', (c) => c.json({ now: Date.now() } satisfies TimeResponse))
  const limits = createLimits(deps.config.trustProxy)
  app.route('/api', authRoutes(deps, limits))
  app.use('/api/workshops/*', closedGuard(deps.workshops))
  app.route('/api/users', userRoutes(deps))
  app.route('/api/workshops', workshopRoutes(deps))
  app.route('/api/workshops', snapshotRoutes(deps))
  app.route('/api/workshops', historyRoutes(deps))
  app.route('/api/join', joinRoutes(deps, limits))
  app.route('/api/workshops', participantRoutes(deps))
  app.route('/api/workshops', phaseRoutes(deps))
  app.route('/api/workshops', voteRoutes(deps))
  app.route('/api/workshops', paperVoteRoutes(deps))
  app.route('/api/workshops', moderationRoutes(deps))
  app.route('/api/workshops', photoRoutes(deps))
  app.route('/api/workshops', handRoutes(deps))
  app.route('/api', recordRoutes(deps))
  app.route('/api/workshops', clusterRoutes(deps))
  app.route('/api/workshops', minutesRoutes(deps))
  app.route('/api', minutesSchemaRoutes())
  app.route('/api', retentionRoutes(deps))
  app.route('/api/users', accountRoutes(deps))
  app.all('/api/*', (c) => c.json(errorBody('not-found', 'No such API endpoint.'), 404))
  app.route('/sync', syncRoutes(deps))

  const clientDir = deps.config.clientDir
  if (clientDir && fs.existsSync(path.join(clientDir, 'index.html'))) {
    const indexHtml = withBaseHref(
      fs.readFileSync(path.join(clientDir, 'index.html'), 'utf8'),
      deps.config.basePath,
    )
    // The shell always carries its <base href>, also at the root (the static index.html does not).
    app.get('/', (c) => c.html(indexHtml))
    app.get('/index.html', (c) => c.html(indexHtml))
    app.use('/assets/*', serveStatic({ root: path.relative(process.cwd(), clientDir) || '.' }))
    app.use('*', serveStatic({ root: path.relative(process.cwd(), clientDir) || '.' }))
    // Client-side routes: every other GET is the app shell.
    app.get('*', (c) => c.html(indexHtml))
  } else {
    deps.logger.warn({ clientDir }, 'no built client found; run `npm run build`')
  }

  app.onError(createErrorHandler(deps.logger))
  return app
}
