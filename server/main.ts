/**
 * Entry point of `npm start` (compiled: dist/server/server/main.js): configuration from the
 * environment, the effective configuration logged, crash handlers, and a graceful shutdown on
 * signals that lets requests in flight finish within SHUTDOWN_GRACE_SECONDS.
 */
import { ConfigError, configFromEnv, effectiveConfig } from './config.ts'
import { createLogger } from './logger.ts'
import { installCrashHandlers } from './ops/crash-handlers.ts'
import { startServer } from './server.ts'
import { warmUpYjs } from './sync/warm-up.ts'

let config: ReturnType<typeof configFromEnv>
try {
  config = configFromEnv()
} catch (err) {
  // One readable line naming the variable; LOG_LEVEL itself may be what is wrong.
  if (!(err instanceof ConfigError)) throw err
  process.stderr.write(`Ratswerkstatt cannot start: ${err.message}\n`)
  process.exit(1)
}
const logger = createLogger(config.logLevel)
installCrashHandlers(logger)
logger.info({ config: effectiveConfig(config) }, 'configuration')
const primedMs = warmUpYjs()
const server = await startServer(config, { logger }).catch((err: Error) => {
  // One readable line for whoever starts the server (a data directory it cannot write, a port in use).
  logger.fatal(
    { err: { message: err.message, code: (err as NodeJS.ErrnoException).code } },
    `Ratswerkstatt cannot start: ${err.message}`,
  )
  process.exit(1)
})
logger.debug({ ms: Math.round(primedMs) }, 'yjs primed')
logger.info(
  { url: `http://${config.host}:${server.port}`, dataDir: config.dataDir, publicUrl: config.publicUrl },
  `Ratswerkstatt läuft auf http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${server.port}${config.basePath}`,
)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: stopping at once')
      process.exit(1)
    }
    stopping = true
    logger.info({ signal }, 'shutting down')
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
}
