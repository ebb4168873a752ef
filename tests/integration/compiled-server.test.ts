/**
 * `npm start` as installed: the compiled server (dist/server, built by `npm run build`) runs
 * with plain node, no TypeScript loader, from a read-only copy of the app directory (as an
 * unprivileged user when the tests run as root, whom file modes would not stop), with DATA_DIR
 * elsewhere; it writes nothing into the app directory. A bad setting, a newer database and an
 * uncaught error each end the process with exit 1 and one line.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { readCards } from '../../shared/board/schema.ts'
import { createWorkshop, setupFacilitator } from '../support/api.ts'
import { freePort } from '../support/server-process.ts'
import { connectClient, waitFor, waitSynced } from '../support/sync-client.ts'
import { sqliteOnly } from '../support/test-storage.ts'

const repo = process.cwd()
const asRoot = process.getuid?.() === 0
/** Who runs the server: nobody when we are root (root writes through read-only modes). */
const runAs = asRoot ? { uid: 65534, gid: 65534 } : {}
let appDir = ''
const temps: string[] = []

function newest(dir: string): number {
  let latest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      latest = Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs)
  }
  return latest
}

/** dist/server as `npm run build` left it, if it is newer than the sources; else a fresh compile. */
function compiledServer(into: string): void {
  const built = path.join(repo, 'dist/server/server/main.js')
  const sources = Math.max(newest(path.join(repo, 'server')), newest(path.join(repo, 'shared')))
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs > sources) {
    fs.cpSync(path.join(repo, 'dist/server'), path.join(into, 'dist/server'), { recursive: true })
    return
  }
  execFileSync(
    process.execPath,
    [
      path.join(repo, 'node_modules/typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
      '--outDir',
      path.join(into, 'dist/server'),
    ],
    { cwd: repo, stdio: 'pipe' },
  )
}

function lockDown(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name)
    if (entry.isSymbolicLink()) continue
    fs.chmodSync(file, entry.isDirectory() ? 0o555 : 0o444)
  }
  fs.chmodSync(dir, 0o555)
}

/** Every file of the app directory (not node_modules) with size and time. */
function listing(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !path.join(e.parentPath, e.name).includes(`${path.sep}node_modules`))
    .map((e) => {
      const file = path.join(e.parentPath, e.name)
      const stat = fs.lstatSync(file)
      return `${path.relative(dir, file)} ${stat.size} ${stat.mtimeMs}`
    })
    .sort()
}

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-compiled-data-'))
  temps.push(dir)
  if (asRoot) fs.chownSync(dir, 65534, 65534)
  return dir
}

interface Run {
  child: ChildProcess
  out: () => string
  exited: Promise<number | null>
}

function run(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, args, {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...runAs,
  })
  let out = ''
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString()
  })
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString()
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, out: () => out, exited }
}

beforeAll(() => {
  appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-app-'))
  temps.push(appDir)
  compiledServer(appDir)
  fs.copyFileSync(path.join(repo, 'package.json'), path.join(appDir, 'package.json'))
  fs.symlinkSync(fs.realpathSync(path.join(repo, 'node_modules')), path.join(appDir, 'node_modules'))
  const client = path.join(repo, 'dist/client')
  if (fs.existsSync(path.join(client, 'index.html')))
    fs.cpSync(client, path.join(appDir, 'dist/client'), { recursive: true })
  lockDown(appDir)
}, 240_000)

afterAll(() => {
  for (const dir of temps) {
    if (fs.existsSync(dir)) execFileSync('chmod', ['-R', 'u+w', dir])
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

sqliteOnly('runs the built server on a data directory of its own')('the compiled server (npm start)', () => {
  it('runs with plain node from a read-only app directory and writes nothing there', async () => {
    const before = listing(appDir)
    const port = await freePort()
    const data = dataDir()
    const server = run(['dist/server/server/main.js'], {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: data,
      COMMIT_THREAD: 'on',
    })
    try {
      await waitFor(() => /"url":"http/.test(server.out()) || server.child.exitCode !== null, 20_000, 'start')
      expect(server.out()).toMatch(/"msg":"configuration"/)
      const url = `http://127.0.0.1:${port}`
      const health = await fetch(`${url}/api/health`)
      expect(health.status).toBe(200)
      expect(await health.json()).toEqual({ ok: true })
      if (fs.existsSync(path.join(appDir, 'dist/client/index.html'))) {
        const shell = await fetch(`${url}/w/x`)
        expect(shell.status).toBe(200)
        expect(await shell.text()).toContain('<base href="/" />')
      }
      // A board edit goes through the commit thread, loaded from the compiled tree.
      const token = await setupFacilitator(url)
      const { id } = await createWorkshop(url, token)
      const client = connectClient(url, id, token)
      try {
        await waitSynced(client)
        addCard(client.doc, 'c1', { text: 'Kompiliert', x: 0, y: 0, color: 'yellow' })
        await waitFor(() => Boolean(readCards(client.doc)[0]?.authorName), 10_000, 'commit')
      } finally {
        client.destroy()
      }
      const stored = fs.statSync(path.join(data, 'ratswerkstatt.sqlite'))
      if (asRoot) expect(stored.uid).toBe(65534)
    } finally {
      server.child.kill('SIGTERM')
    }
    expect(await server.exited).toBe(0)
    expect(listing(appDir)).toEqual(before)
  }, 60_000)

  it('refuses a bad setting with one line and exit 1', async () => {
    const bad = run(['dist/server/server/main.js'], { PORT: '0', DATA_DIR: dataDir() })
    expect(await bad.exited).toBe(1)
    expect(bad.out().trim().split('\n')).toEqual([
      'Ratswerkstatt cannot start: PORT must be a TCP port (a whole number from 1 to 65535), got "0"',
    ])
  }, 30_000)

  it('refuses a database newer than the code with one line and exit 1', async () => {
    const data = dataDir()
    const file = path.join(data, 'ratswerkstatt.sqlite')
    const db = new Database(file)
    db.pragma('user_version = 999')
    db.close()
    if (asRoot) fs.chownSync(file, 65534, 65534)
    const newer = run(['dist/server/server/main.js'], { PORT: String(await freePort()), DATA_DIR: data })
    expect(await newer.exited).toBe(1)
    const fatal = newer
      .out()
      .trim()
      .split('\n')
      .filter((l) => l.includes('"level":60'))
    expect(fatal).toHaveLength(1)
    expect(JSON.parse(fatal[0] as string).msg).toMatch(/schema version 999, newer than this release knows/)
  }, 30_000)

  it.each([
    ['uncaught exception', "setTimeout(() => { throw new Error('kaputt') })"],
    ['unhandled rejection', "Promise.reject(new Error('kaputt'))"],
  ])(
    'ends an %s with one JSON line and exit 1',
    async (kind, crash) => {
      const dir = dataDir()
      const script = path.join(dir, 'crash.mjs')
      const ops = pathToFileURL(path.join(appDir, 'dist/server/server/ops/crash-handlers.js')).href
      const logger = pathToFileURL(path.join(appDir, 'dist/server/server/logger.js')).href
      fs.writeFileSync(
        script,
        `import { installCrashHandlers } from '${ops}'\nimport { createLogger } from '${logger}'\n` +
          `installCrashHandlers(createLogger('info'))\n${crash}\n`,
      )
      fs.chmodSync(script, 0o444)
      const crashed = run([script], {})
      expect(await crashed.exited).toBe(1)
      const lines = crashed.out().trim().split('\n')
      expect(lines).toHaveLength(1)
      const entry = JSON.parse(lines[0] as string)
      expect(entry).toMatchObject({ level: 60, kind, err: { message: 'kaputt' } })
    },
    30_000,
  )
})
