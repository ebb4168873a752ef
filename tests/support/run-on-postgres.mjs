#!/usr/bin/env node
// `npm run test:postgres`: the node test project once more with every test server storing in
// PostgreSQL (TEST_STORAGE=postgres, each server in a schema of its own). Where no PostgreSQL
// answers at TEST_DATABASE_URL it says so in one line and skips the run, unless
// REQUIRE_TEST_SERVICES=1 (CI), which makes that a failure.
import { spawnSync } from 'node:child_process'
import pg from 'pg'

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
let missing = null
try {
  await client.connect()
  await client.query('SELECT 1')
} catch (err) {
  missing = `PostgreSQL at ${url} not reachable (${err.message})`
} finally {
  await client.end().catch(() => {})
}
if (missing) {
  if (process.env.REQUIRE_TEST_SERVICES === '1') {
    console.error(`${missing}; REQUIRE_TEST_SERVICES=1 makes this a failure`)
    process.exit(1)
  }
  console.warn(`skipping the node tests on PostgreSQL: ${missing}`)
  process.exit(0)
}
const run = spawnSync('npx', ['vitest', 'run', '--project', 'node', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TEST_STORAGE: 'postgres' },
})
process.exit(run.status ?? 1)
