/**
 * Runs `npm run admin -- …` (scripts/admin.ts from source) on a data directory, as an operator
 * would; on a test server's data directory with that server's database (PostgreSQL too).
 */
import { spawn } from 'node:child_process'
import { storageEnvOf } from './test-storage.ts'

export function admin(
  args: string[],
  dataDir: string,
  stdin = '',
): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, ...storageEnvOf(dataDir) },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString()
  })
  child.stderr.on('data', (c: Buffer) => {
    out += c.toString()
  })
  child.stdin.end(stdin)
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })))
}
