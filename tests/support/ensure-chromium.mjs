#!/usr/bin/env node
// Makes sure Debian's Chromium is there for the browser tests. Installs it with apt when
// running as root; otherwise stops with a clear instruction. Never downloads a browser build.
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

function works(path) {
  if (!fs.existsSync(path)) return false
  const result = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000 })
  return result.status === 0
}

if (works(CHROMIUM)) process.exit(0)

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
const hasApt = fs.existsSync('/usr/bin/apt-get')
if (!isRoot || !hasApt) {
  console.error(
    `\nThe browser tests need Chromium at ${CHROMIUM}, and it is not installed.\n` +
      (hasApt
        ? 'Install it with:  sudo apt-get update && sudo apt-get install -y chromium fonts-dejavu-core\n'
        : 'Install Chromium with your system package manager, or set CHROMIUM_PATH to its binary.\n'),
  )
  process.exit(1)
}

console.log('Chromium is missing; installing Debian’s chromium package (this takes a minute) …')
try {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-dejavu-core'], {
    stdio: 'inherit',
    env,
  })
} catch {
  console.error(
    '\nInstalling Chromium with apt-get failed; see the output above. Install it by hand and rerun npm test.\n',
  )
  process.exit(1)
}
if (!works(CHROMIUM)) {
  console.error(
    `\nChromium was installed but ${CHROMIUM} does not run. Set CHROMIUM_PATH to a working binary.\n`,
  )
  process.exit(1)
}
console.log('Chromium installed.')
