/**
 * `DATA_DIR/ratswerkstatt.pid` while a server runs on that directory, so that `npm run admin --
 * restore` can refuse to replace a database a server holds open (SQLite itself cannot tell:
 * in WAL mode an idle server holds no lock). A file left by a crash names a dead process and
 * is ignored.
 */
import fs from 'node:fs'
import path from 'node:path'

export const PID_FILE = 'ratswerkstatt.pid'

export function writePidFile(dataDir: string): () => void {
  const file = path.join(dataDir, PID_FILE)
  fs.writeFileSync(file, `${process.pid}\n`)
  return () => {
    try {
      if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file)
    } catch {
      // Already gone.
    }
  }
}

/** The pid of a live server on `dataDir`, or null. */
export function runningServerPid(dataDir: string): number | null {
  let pid: number
  try {
    pid = Number(fs.readFileSync(path.join(dataDir, PID_FILE), 'utf8').trim())
  } catch {
    return null
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null
  try {
    process.kill(pid, 0)
    return pid
  } catch (err) {
    // EPERM: it lives, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null
  }
}
