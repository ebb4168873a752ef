/**
 * Administration from the server's shell, on the configured DATA_DIR:
 *
 *   npm run admin -- create-admin <username> [--password-file <file>]
 *   npm run admin -- verify <workshop>
 *   npm run admin -- export <workshop> <file>
 *   npm run admin -- import <file> [--owner <username>]
 *
 * create-admin creates an administrator (a facilitator account that manages accounts). The
 * password comes from the file's first line or from stdin (typed, hidden, or piped); nothing
 * secret is printed. Works on a fresh instance instead of the setup page, and beside a running
 * server (SQLite WAL). verify recomputes a workshop's event log and snapshot hashes (exit 1 when
 * something does not match); export writes the workshop as one file; import reads such a file
 * as a new workshop owned by the given administrator (by default the first one).
 */
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { AuditService } from '../server/audit/audit-service.ts'
import { passwordSchema, usernameSchema } from '../server/auth/credentials.ts'
import { hashPassword } from '../server/auth/passwords.ts'
import { configFromEnv } from '../server/config.ts'
import { type Db, openDatabase } from '../server/db/open-database.ts'
import { exportWorkshop, storedBoard } from '../server/transfer/export-workshop.ts'
import {
  checkExport,
  ExportAltered,
  ImportConflict,
  importWorkshop,
} from '../server/transfer/import-workshop.ts'
import { UserStore } from '../server/users/user-store.ts'
import { WorkshopStore } from '../server/workshops/workshop-store.ts'

const USAGE = `usage: npm run admin -- create-admin <username> [--password-file <file>]
       npm run admin -- verify <workshop>
       npm run admin -- export <workshop> <file>
       npm run admin -- import <file> [--owner <username>]`

/** The shell's operator: an administrator without an account of record. */
const OPERATOR = { role: 'administrator' } as const

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

/** Runs `work` on the configured database and closes it, also when `work` fails. */
async function withDatabase(work: (db: Db) => void | Promise<void>): Promise<void> {
  const config = configFromEnv()
  const db = openDatabase(config.dataDir, config.syncMode)
  try {
    await work(db)
  } finally {
    db.close()
  }
}

async function verify(args: string[]): Promise<void> {
  if (args.length !== 1) fail(USAGE)
  let broken = false
  await withDatabase((db) => {
    const id = args[0] as string
    if (!new WorkshopStore(db).byId(id)) fail(`No workshop ${id}.`)
    const result = new AuditService(db).verify(id)
    process.stdout.write(`${JSON.stringify(result)}\n`)
    if (result.ok) {
      process.stdout.write(
        `Workshop ${id}: ${result.entries} log entries and ${result.snapshots} snapshots match.\n`,
      )
    } else {
      const { kind, id: where, reason } = result.firstBroken
      process.stdout.write(`Workshop ${id}: the first ${kind} that does not match is ${where} (${reason}).\n`)
      broken = true
    }
  })
  if (broken) process.exit(1)
}

async function exportCommand(args: string[]): Promise<void> {
  if (args.length !== 2) fail(USAGE)
  const [id, file] = args as [string, string]
  await withDatabase((db) => {
    const workshop = new WorkshopStore(db).byId(id)
    if (!workshop) fail(`No workshop ${id}.`)
    const { text, sha256 } = exportWorkshop(db, new AuditService(db), workshop, storedBoard(db, id), OPERATOR)
    fs.writeFileSync(file, text, { mode: 0o600 })
    process.stdout.write(`Workshop ${id} exported to ${file} (SHA-256 ${sha256}).\n`)
  })
}

async function importCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { owner: { type: 'string' } },
    allowPositionals: true,
  })
  if (positionals.length !== 1) fail(USAGE)
  const text = fs.readFileSync(positionals[0] as string, 'utf8')
  await withDatabase((db) => {
    const owner = values.owner
      ? new UserStore(db).byUsername(values.owner)
      : (db.prepare('SELECT id FROM users WHERE is_admin = 1 ORDER BY created_at, rowid LIMIT 1').get() as
          | { id: string }
          | undefined)
    if (!owner)
      fail(values.owner ? `No account "${values.owner}".` : 'No administrator: run create-admin first.')
    if ('isAdmin' in owner && !owner.isAdmin) fail(`"${values.owner}" is not an administrator.`)
    try {
      const checked = checkExport(text)
      const workshops = new WorkshopStore(db)
      const { id, joinCode } = importWorkshop(
        db,
        { workshops, audit: new AuditService(db) },
        checked,
        owner.id,
        OPERATOR,
      )
      process.stdout.write(`Imported as workshop ${id} (join code ${joinCode}).\n`)
    } catch (err) {
      if (err instanceof ExportAltered)
        fail(`Refused: the file does not match itself at ${err.where}: ${err.reason}.`)
      if (err instanceof ImportConflict) fail(`Refused: ${err.message}`)
      throw err
    }
  })
}

const [command, ...rest] = process.argv.slice(2)
if (command === 'create-admin') await createAdmin(rest)
else if (command === 'verify') await verify(rest)
else if (command === 'export') await exportCommand(rest)
else if (command === 'import') await importCommand(rest)
else fail(USAGE)
