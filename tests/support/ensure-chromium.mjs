#!/usr/bin/env node
// Makes sure Debian's Chromium (browser tests) and poppler-utils (pdftotext, pdffonts, pdfinfo:
// the minutes' PDF tests) are there. Installs them with apt when running as root; otherwise
// stops with a clear instruction. Never downloads a browser build.
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

function works(path, args = ['--version']) {
  if (!fs.existsSync(path)) return false
  const result = spawnSync(path, args, { encoding: 'utf8', timeout: 20_000 })
  return result.status === 0
}

const popplerWorks = () => works('/usr/bin/pdftotext', ['-v']) && works('/usr/bin/pdffonts', ['-v'])

const missing = [
  ...(works(CHROMIUM) ? [] : ['chromium', 'fonts-dejavu-core']),
  ...(popplerWorks() ? [] : ['poppler-utils']),
]
if (missing.length === 0) process.exit(0)

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
const hasApt = fs.existsSync('/usr/bin/apt-get')
if (!isRoot || !hasApt) {
  console.error(
    `\nThe tests need ${missing.join(', ')}, not installed (Chromium expected at ${CHROMIUM}).\n` +
      (hasApt
        ? `Install with:  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n`
        : 'Install Chromium and poppler-utils with your system package manager, or set CHROMIUM_PATH to its binary.\n'),
  )
  process.exit(1)
}

console.log(`Installing Debian’s ${missing.join(', ')} (this takes a minute) …`)
try {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env })
} catch {
  console.error(
    `\nInstalling ${missing.join(', ')} with apt-get failed; see the output above. Install by hand and rerun npm test.\n`,
  )
  process.exit(1)
}
if (!works(CHROMIUM)) {
  console.error(
    `\nChromium was installed but ${CHROMIUM} does not run. Set CHROMIUM_PATH to a working binary.\n`,
  )
  process.exit(1)
}
if (!popplerWorks()) {
  console.error('\npoppler-utils was installed but pdftotext or pdffonts does not run.\n')
  process.exit(1)
}
console.log('Installed.')
