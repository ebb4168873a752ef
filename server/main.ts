/** Entry point of `npm start`: configuration from the environment, graceful shutdown on signals. */
import { configFromEnv } from './config.ts'
import { createLogger } from './logger.ts'
import { startServer } from './server.ts'
import { warmUpYjs } from './sync/warm-up.ts'

const config = configFromEnv()
const logger = createLogger(config.logLevel)
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
  `Ratswerkstatt läuft auf http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${server.port}`,
)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
}
