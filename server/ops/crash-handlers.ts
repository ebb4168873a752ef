/**
 * The last word of a process that hits an error nobody caught: one JSON log line (pino's
 * stdout stream is flushed synchronously on exit), then exit 1 for systemd to restart it.
 * Carrying on after an uncaught exception would serve from a state nobody reasoned about.
 */
import type { Logger } from '../logger.ts'

export function installCrashHandlers(logger: Logger, exit: (code: number) => void = process.exit): void {
  const die = (kind: string) => (reason: unknown) => {
    // pino's err serializer gives an Error its type, message and stack, in the one line.
    const err = reason instanceof Error ? reason : new Error(String(reason))
    try {
      logger.fatal({ err, kind }, `Ratswerkstatt stopped: ${kind}: ${err.message}`)
    } finally {
      exit(1)
    }
  }
  process.on('uncaughtException', die('uncaught exception'))
  process.on('unhandledRejection', die('unhandled rejection'))
}
