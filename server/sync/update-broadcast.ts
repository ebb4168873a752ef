/**
 * A room's committed updates on their way to its connections. Each send costs the server a write
 * to a socket (~10–20 µs on the development machine), so a room of 1,000 taking 60 updates a
 * second one by one spends more than a core on writes alone (issue 15). A small room sends each
 * update at once, as before, to everyone but its sender. A big room sends at most once per
 * window, sized so that the room makes at most UPDATE_SENDS_PER_SECOND sends a second: an update
 * after a quiet spell goes out at once, the ones within the window are merged into one update,
 * encoded once, and sent together at its end (to their sender too, unless there was only one:
 * applying what one already has is a no-op in Yjs).
 */
import * as Y from 'yjs'
import { encodeSyncUpdate } from './protocol.ts'

/** Sends a second of committed updates, over all of a room's connections. */
export const UPDATE_SENDS_PER_SECOND = 20_000
/**
 * Rooms smaller than this send every update on its own, as before: 200 clients at 200 updates a
 * second kept their p99 under 10 ms that way (docs/benchmarks.md, issue 5), and a window would
 * only add to it. From here on a window (15 ms at 300 connections, 50 ms at 1,000) costs less
 * than the sends it saves.
 */
export const WINDOW_FROM_CONNECTIONS = 300

/** The window between a room's update sends, for `connections` connections (0: send at once). */
export function updateWindow(connections: number): number {
  return connections < WINDOW_FROM_CONNECTIONS ? 0 : (connections * 1000) / UPDATE_SENDS_PER_SECOND
}

export class UpdateBroadcast {
  private pending: Uint8Array[] = []
  private readonly origins = new Set<unknown>()
  private timer: NodeJS.Timeout | null = null
  private lastSent = Number.NEGATIVE_INFINITY

  constructor(
    /** Sends a frame to every connection but `except`. */
    private readonly broadcast: (frame: Uint8Array, except: unknown) => void,
    private readonly connections: () => number,
    private readonly onError: (err: Error) => void,
  ) {}

  /** A committed update of `origin` (a connection, or the server's own origin). */
  add(update: Uint8Array, origin: unknown): void {
    this.pending.push(update)
    this.origins.add(origin)
    if (this.timer) return
    const wait = this.lastSent + updateWindow(this.connections()) - performance.now()
    if (wait <= 0) this.flush()
    else this.timer = setTimeout(this.flush, wait).unref()
  }

  readonly flush = (): void => {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const updates = this.pending
    if (updates.length === 0) return
    const except = this.origins.size === 1 ? [...this.origins][0] : null
    this.pending = []
    this.origins.clear()
    this.lastSent = performance.now()
    try {
      const update = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates)
      this.broadcast(encodeSyncUpdate(update), except)
    } catch (err) {
      this.onError(err instanceof Error ? err : new Error(String(err)))
    }
  }

  /** Sends what waits (the room is going away; its last connections still get it). */
  destroy(): void {
    this.flush()
  }
}
