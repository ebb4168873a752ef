/**
 * Administration from the server's shell, on the configured DATA_DIR:
 *
 *   npm run admin -- create-admin <username> [--password-file <file>]
 *
 * creates an administrator (a facilitator account that manages accounts). The password comes
 * from the file's first line or from stdin (typed, hidden, or piped); nothing secret is printed.
 * Works on a fresh instance instead of the setup page, and beside a running server (SQLite WAL).
 */
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { passwordSchema, usernameSchema } from '../server/auth/credentials.ts'
import { hashPassword } from '../server/auth/passwords.ts'
import { configFromEnv } from '../server/config.ts'
import { openDatabase } from '../server/db/open-database.ts'
import { UserStore } from '../server/users/user-store.ts'

const USAGE = 'usage: npm run admin -- create-admin <username> [--password-file <file>]'

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(1)
}

/** A line typed at a terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin
    process.stderr.write(prompt)
    stdin.setRawMode(true)
    stdin.resume()
    stdin.setEncoding('utf8')
    let line = ''
    const done = (error?: Error) => {
      stdin.setRawMode(false)
      stdin.pause()
      stdin.off('data', onData)
      process.stderr.write('\n')
      if (error) reject(error)
      else resolve(line)
    }
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done()
        if (ch === '\u0003') return done(new Error('cancelled'))
        if (ch === '\u007f' || ch === '\b') line = line.slice(0, -1)
        else line += ch
      }
    }
    stdin.on('data', onData)
  })
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

const firstLine = (text: string) => text.split(/\r?\n/)[0] ?? ''

async function readPassword(file: string | undefined): Promise<string> {
  if (file) return firstLine(fs.readFileSync(file, 'utf8'))
  if (process.stdin.isTTY) {
    const password = await promptHidden('Password: ')
    const again = await promptHidden('Password again: ')
    if (password !== again) fail('The passwords differ; nothing was created.')
    return password
  }
  return firstLine(await readStdin())
}

async function createAdmin(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'password-file': { type: 'string' } },
    allowPositionals: true,
  })
  if (positionals.length !== 1) fail(USAGE)
  const username = usernameSchema.safeParse(positionals[0])
  if (!username.success) fail(username.error.issues[0]?.message ?? 'Invalid username.')
  const password = passwordSchema.safeParse(await readPassword(values['password-file']))
  if (!password.success) fail(password.error.issues[0]?.message ?? 'Invalid password.')

  const config = configFromEnv()
  const db = openDatabase(config.dataDir, config.syncMode)
  try {
    const user = new UserStore(db).create({
      username: username.data,
      passwordHash: await hashPassword(password.data),
      role: 'facilitator',
      isAdmin: true,
    })
    if (!user) fail(`The username "${username.data}" is taken; nothing was changed.`)
    process.stdout.write(`Administrator "${user.username}" created in ${config.dataDir}.\n`)
  } finally {
    db.close()
  }
}

const [command, ...rest] = process.argv.slice(2)
if (command === 'create-admin') await createAdmin(rest)
else fail(USAGE)
