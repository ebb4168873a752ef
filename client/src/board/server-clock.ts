/**
 * The server's clock as seen from this browser: one round trip to /api/time gives the offset,
 * so every screen counts the shared timer down from the same moment.
 */
import { createSignal, onCleanup } from 'solid-js'
import { api } from '../api/http.ts'

let offsetMs = 0
let measured: Promise<void> | null = null

export function measureServerClock(): Promise<void> {
  measured ??= (async () => {
    try {
      const sent = Date.now()
      const { now } = await api<{ now: number }>('GET', '/api/time')
      const received = Date.now()
      offsetMs = now - (sent + received) / 2
    } catch {
      offsetMs = 0
    }
  })()
  return measured
}

export function serverNow(): number {
  return Date.now() + offsetMs
}

/** A signal of server time, ticking every `ms` while the component lives. */
export function createServerTime(ms = 250) {
  const [now, setNow] = createSignal(serverNow())
  void measureServerClock().then(() => setNow(serverNow()))
  const timer = setInterval(() => setNow(serverNow()), ms)
  onCleanup(() => clearInterval(timer))
  return now
}

export function formatDuration(ms: number): string {
  const total = Math.ceil(ms / 1000)
  const minutes = Math.floor(total / 60)
  const seconds = total % 60
  return `${minutes}:${String(seconds).padStart(2, '0')}`
}
