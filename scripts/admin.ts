/**
 * Administration from the server's shell, on the configured database (DATA_DIR's SQLite file, or
 * PostgreSQL with DATABASE_URL; one function a command, named in COMMANDS at the end):
 *
 *   npm run admin -- create-admin <username> [--password-file <file>]
 *   npm run admin -- reset-password <username> [--password-file <file>]
 *   npm run admin -- deactivate <username>      (no login, every session ended)
 *   npm run admin -- reactivate <username>
 *   npm run admin -- list                       (workshops: id, title, owner, created)
 *   npm run admin -- backup <file>              (SQLite online backup, also while the server runs;
 *                                                refused with DATABASE_URL: use pg_dump)
 *   npm run admin -- restore <file>             (only with the server stopped; SQLite only)
 *   npm run admin -- verify <workshop>          (event log and snapshot hashes; exit 1 if broken)
 *   npm run admin -- export <workshop> <file>   (the workshop as one file)
 *   npm run admin -- import <file> [--owner <username>]
 *   npm run admin -- delete <workshop>          (everything of it; only with the server stopped)
 *   npm run admin -- retention                  (one run of the retention job; server stopped)
 *
 * Passwords come from the file's first line or from stdin (typed, hidden, or piped); nothing
 * secret is printed. Everything but restore works beside a running server (SQLite WAL).
 */
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { AuditService } from '../server/audit/audit-service.ts'
import { passwordSchema, usernameSchema } from '../server/auth/credentials.ts'
import { hashPassword } from '../server/auth/passwords.ts'
import type { SqlDatabase } from '../server/db/sql-database.ts'
import { runningServerPid } from '../server/ops/pid-file.ts'
import { deleteWorkshop } from '../server/retention/data-eraser.ts'
import { RetentionJob } from '../server/retention/retention-job.ts'
import { exportWorkshop, storedBoard } from '../server/transfer/export-workshop.ts'
import {
  checkExport,
  ExportAltered,
  ImportConflict,
  importWorkshop,
} from '../server/transfer/import-workshop.ts'
import {
  accountByUsername,
  deactivateAccount,
  reactivateAccount,
  resetPassword,
} from '../server/users/account-admin.ts'
import { UserStore } from '../server/users/user-store.ts'
import { WorkshopStore } from '../server/workshops/workshop-store.ts'
import { backup, restore } from './admin/backup.ts'
import { config, fail, readPassword, single, withDatabase } from './admin/cli.ts'
import { copyToPostgresCommand } from './admin/copy-to-postgres.ts'

const USAGE = `usage: npm run admin -- <command>
  create-admin <username> [--password-file <file>]
  reset-password <username> [--password-file <file>]
  deactivate <username>
  reactivate <username>
  list
  backup <file>
  restore <file>
  verify <workshop>
  export <workshop> <file>
  import <file> [--owner <username>]
  delete <workshop>
  retention
  copy-to-postgres <postgres-url> [--schema <name>]`

/** The shell's operator: an administrator without an account of record. */
const OPERATOR = { role: 'administrator' } as const

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

  const passwordHash = await hashPassword(password.data)
  await withDatabase(async (sql, cfg) => {
    const user = await new UserStore(sql).create({
      username: username.data,
      passwordHash,
      role: 'facilitator',
      isAdmin: true,
    })
    if (!user) fail(`The username "${username.data}" is taken; nothing was changed.`)
    const where = cfg.databaseUrl ? `PostgreSQL (schema ${cfg.databaseSchema})` : cfg.dataDir
    process.stdout.write(`Administrator "${user.username}" created in ${where}.\n`)
  })
}

async function account(sql: SqlDatabase, username: string) {
  const found = await accountByUsername(sql, username.trim())
  if (!found) fail(`There is no account "${username}"; nothing was changed.`)
  return found
}

async function resetPasswordCommand(args: string[]): Promise<void> {
  const { value, options } = single(args, 'reset-password <username> [--password-file <file>]')
  const password = passwordSchema.safeParse(await readPassword(options['password-file']))
  if (!password.success) fail(password.error.issues[0]?.message ?? 'Invalid password.')
  const hash = await hashPassword(password.data)
  await withDatabase(async (sql) => {
    const user = await account(sql, value)
    await resetPassword(sql, user.id, hash)
    process.stdout.write(`The password of "${user.username}" is reset; their sessions have ended.\n`)
  })
}

async function deactivate(args: string[]): Promise<void> {
  const { value } = single(args, 'deactivate <username>')
  await withDatabase(async (sql) => {
    const user = await account(sql, value)
    const changed = await deactivateAccount(sql, user.id)
    process.stdout.write(
      changed
        ? `"${user.username}" is deactivated: no login, every session ended. Open boards drop them at their next reconnect.\n`
        : `"${user.username}" was deactivated already.\n`,
    )
  })
}

async function reactivate(args: string[]): Promise<void> {
  const { value } = single(args, 'reactivate <username>')
  await withDatabase(async (sql) => {
    const user = await account(sql, value)
    const changed = await reactivateAccount(sql, user.id)
    process.stdout.write(
      changed ? `"${user.username}" can log in again.\n` : `"${user.username}" was active already.\n`,
    )
  })
}

async function list(args: string[]): Promise<void> {
  if (args.length > 0) fail('usage: npm run admin -- list')
  await withDatabase(async (sql) => {
    const rows = await sql.all<{ id: string; title: string; owner: string | null; created_at: number }>(
      `SELECT w.id, w.title, u.username AS owner, w.created_at
         FROM workshops w LEFT JOIN users u ON u.id = w.owner_id
        ORDER BY w.created_at, w.id`,
    )
    const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ')
    const lines = rows.map((r) =>
      [r.id, clean(r.title), r.owner ?? '-', new Date(r.created_at).toISOString()].join('\t'),
    )
    process.stdout.write(
      `${['id', 'title', 'owner', 'created'].join('\t')}\n${lines.map((l) => `${l}\n`).join('')}`,
    )
  })
}

async function verify(args: string[]): Promise<void> {
  if (args.length !== 1) fail(USAGE)
  let broken = false
  await withDatabase(async (sql) => {
    const id = args[0] as string
    if (!(await new WorkshopStore(sql).byId(id))) fail(`No workshop ${id}.`)
    const result = await new AuditService(sql).verify(id)
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
  await withDatabase(async (sql) => {
    const workshop = await new WorkshopStore(sql).byId(id)
    if (!workshop) fail(`No workshop ${id}.`)
    const audit = new AuditService(sql)
    const { text, sha256 } = await exportWorkshop(sql, audit, workshop, await storedBoard(sql, id), OPERATOR)
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
  await withDatabase(async (sql) => {
    const owner = values.owner
      ? await new UserStore(sql).byUsername(values.owner)
      : await sql.get<{ id: string }>(
          'SELECT id FROM users WHERE is_admin = 1 ORDER BY created_at, id LIMIT 1',
        )
    if (!owner)
      fail(values.owner ? `No account "${values.owner}".` : 'No administrator: run create-admin first.')
    if ('isAdmin' in owner && !owner.isAdmin) fail(`"${values.owner}" is not an administrator.`)
    try {
      const checked = checkExport(text)
      const workshops = new WorkshopStore(sql)
      const { id, joinCode } = await importWorkshop(
        { sql, workshops, audit: new AuditService(sql) },
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

/**
 * A running server holds the workshop's rooms in memory and would store them again when they
 * unload: deletion and retention from the shell wait until it is stopped (the administrator
 * page and DELETE /api/workshops/:id do it while it runs).
 */
function refuseWhileRunning(what: string): void {
  const pid = runningServerPid(config().dataDir)
  if (pid !== null)
    fail(`The server is running (pid ${pid}): stop it for ${what}, or use the administrator page.`)
}

async function deleteCommand(args: string[]): Promise<void> {
  if (args.length !== 1) fail('usage: npm run admin -- delete <workshop>')
  refuseWhileRunning('a deletion')
  const id = args[0] as string
  await withDatabase(async (sql) => {
    if (!(await deleteWorkshop({ sql, audit: new AuditService(sql) }, id, OPERATOR, 'request')))
      fail(`No workshop ${id}.`)
    process.stdout.write(`Workshop ${id} is deleted: nothing of it remains in the database.\n`)
  })
}

async function retention(args: string[]): Promise<void> {
  if (args.length !== 0) fail('usage: npm run admin -- retention')
  refuseWhileRunning('a retention run')
  await withDatabase(async (sql) => {
    const quiet = { info() {}, error() {}, warn() {}, debug() {} } as unknown as ConstructorParameters<
      typeof RetentionJob
    >[3]
    const counts = await new RetentionJob(sql, new AuditService(sql), (_id, work) => work(), quiet).run()
    process.stdout.write(`${JSON.stringify(counts)}\n`)
  })
}

/** One line a command; the function does the rest. */
const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  'create-admin': createAdmin,
  'reset-password': resetPasswordCommand,
  deactivate,
  reactivate,
  list,
  backup,
  restore,
  verify,
  export: exportCommand,
  import: importCommand,
  delete: deleteCommand,
  retention,
  'copy-to-postgres': async (args) => {
    refuseWhileRunning('the copy')
    await copyToPostgresCommand(args, USAGE)
  },
}

const [command, ...rest] = process.argv.slice(2)
const run = command ? COMMANDS[command] : undefined
if (!run) fail(USAGE)
await run(rest)
