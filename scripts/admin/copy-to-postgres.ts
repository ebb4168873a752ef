/**
 * `npm run admin -- copy-to-postgres <postgres-url> [--schema <name>]`: copies this instance's
 * SQLite database (DATA_DIR) into an empty PostgreSQL database, checks every table row for row,
 * and compares the minutes of every snapshot of every workshop on both sides. The server must be
 * stopped (nothing may change during the copy). Exits non-zero on any difference.
 */
import { parseArgs } from 'node:util'
import { copyToPostgres } from '../../server/db/copy-to-postgres.ts'
import { openPostgres } from '../../server/db/postgres-sql.ts'
import { compareMinutes } from '../../server/minutes/minutes-compare.ts'
import { fail, withSqliteDatabase } from './cli.ts'

export async function copyToPostgresCommand(args: string[], usage: string): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { schema: { type: 'string' } },
    allowPositionals: true,
  })
  const url = positionals[0]
  if (positionals.length !== 1 || !url || !/^postgres(ql)?:\/\//.test(url)) fail(usage)
  await withSqliteDatabase(async (db, _cfg, sql) => {
    let target: Awaited<ReturnType<typeof openPostgres>>
    try {
      target = await openPostgres({ url, ...(values.schema ? { schema: values.schema } : {}) })
    } catch (err) {
      fail(`Cannot open PostgreSQL: ${(err as Error).message}`)
    }
    try {
      const tables = await copyToPostgres(db, target).catch((err: Error) =>
        fail(`Nothing copied: ${err.message}`),
      )
      for (const t of tables)
        process.stdout.write(
          `${t.table.padEnd(18)} ${String(t.rows).padStart(8)} rows  sha256 ${t.digest.slice(0, 16)}… same\n`,
        )
      const minutes = await compareMinutes(sql, target)
      process.stdout.write(
        `minutes: ${minutes.snapshots} snapshots of ${minutes.workshops} workshops compared, ${minutes.different.length} differ\n`,
      )
      if (minutes.different.length > 0) fail(`Minutes differ for: ${minutes.different.join(', ')}`)
      process.stdout.write('Copied and checked.\n')
    } finally {
      await target.close()
    }
  })
}
