/**
 * The last word of a process that hits an error nobody caught: one JSON log line (pino writes
 * synchronously to stdout), then exit 1 for systemd to restart it. Carrying on after an uncaught
 * exception would serve from a state nobody reasoned about.
 */
import type { Logger } from '../logger.ts'

export function installCrashHandlers(logger: Logger, exit: (code: number) => void = process.exit): void {
  const die = (kind: string) => (reason: unknown) => {
    const err =
      reason instanceof Error
        ? { type: reason.name, message: reason.message, stack: reason.stack }
        : { message: String(reason) }
    try {
      logger.fatal({ err, kind }, `Ratswerkstatt stopped: ${kind}: ${err.message}`)
      logger.flush?.()
    } finally {
      exit(1)
    }
  }
  process.on('uncaughtException', die('uncaught exception'))
  process.on('unhandledRejection', die('unhandled rejection'))
}
