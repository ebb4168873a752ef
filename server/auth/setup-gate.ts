/**
 * The first run. A server without accounts makes a one-time setup code, printed to its log
 * (the operator reads it there), which a setup from anywhere but this machine must send; from
 * this machine (a loopback request) no code is needed. The code lives only in memory: a
 * restart makes a new one, and the first account ends it.
 */
import { timingSafeEqual } from 'node:crypto'
import { networkInterfaces } from 'node:os'
import { customAlphabet } from 'nanoid'
import { JOIN_CODE_ALPHABET } from '../ids.ts'
import type { Logger } from '../logger.ts'
import type { UserStore } from '../users/user-store.ts'

/** 16 characters people can retype from a screen: 31^16, about 2^79. */
const newSetupCode = customAlphabet(JOIN_CODE_ALPHABET, 16)

export type SetupCheck = 'ok' | 'setup-code-required' | 'invalid-setup-code'

export class SetupGate {
  private code: string | null = null

  constructor(private readonly users: UserStore) {}

  /** The code to print, made on first call; null once an account exists. */
  async pendingCode(): Promise<string | null> {
    if ((await this.users.count()) > 0) {
      this.code = null
      return null
    }
    this.code ??= newSetupCode()
    return this.code
  }

  async check(sent: string | undefined, local: boolean): Promise<SetupCheck> {
    const code = await this.pendingCode()
    if (sent === undefined || sent === '') return local ? 'ok' : 'setup-code-required'
    if (!code) return 'invalid-setup-code'
    const a = Buffer.from(sent.toUpperCase().replace(/[\s-]/g, ''))
    const b = Buffer.from(code)
    return a.length === b.length && timingSafeEqual(a, b) ? 'ok' : 'invalid-setup-code'
  }

  /** The first account exists: the code is spent. */
  spend(): void {
    this.code = null
  }
}

/** Where people reach this server, for the printed link: PUBLIC_URL, else a LAN address. */
export function setupBaseUrl(publicUrl: string | null, host: string, port: number): string {
  if (publicUrl) return publicUrl
  let name = host
  if (host === '0.0.0.0' || host === '::') {
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)
    name = lan?.address ?? 'localhost'
  }
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`
}

/** Prints the setup code and its link, once at start, while the server has no account. */
export async function announceSetupCode(gate: SetupGate, logger: Logger, baseUrl: string): Promise<void> {
  const code = await gate.pendingCode()
  if (!code) return
  // The code is in the message, not a field: the log's redaction is for secrets of users.
  const message =
    `Noch kein Konto angelegt. Einrichtungscode / setup code: ${code} — ${baseUrl}/setup?code=${code} ` +
    '(from this machine no code is needed; or run `npm run admin -- create-admin <name>`)'
  // A quieter LOG_LEVEL must not hide the only way in.
  if (logger.isLevelEnabled('warn') || logger.level === 'silent') logger.warn(message)
  else process.stderr.write(`${message}\n`)
}
