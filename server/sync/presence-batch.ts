/**
 * A room's presence, sent in batches. y-websocket peers send a presence update for every cursor
 * move and echo every one they receive; relayed one by one, a room of n moving cursors costs n²
 * messages. Instead a room sends presence at most once per PRESENCE_BATCH_MS: a change after a
 * quiet spell goes out at once (a lone cursor is not delayed), changes within the interval are
 * collected, and their states (or removals) go out together as one message, encoded once, to
 * every connection, the senders too: the y-websocket client takes a room that stays silent for
 * 30 s for a dead connection, and its own renewal every 15 s comes back this way.
 */
import type * as awarenessProtocol from 'y-protocols/awareness'
import { type AwarenessEntry, encodeAwarenessEntries } from './awareness-guard.ts'
import { encodeAwarenessMessage } from './protocol.ts'

export const PRESENCE_BATCH_MS = 50

export interface PresenceChange {
  added: number[]
  updated: number[]
  removed: number[]
}

export class PresenceBatch {
  private readonly changed = new Set<number>()
  /** The clock of a removal, kept here: the room forgets a removed client's clock at once. */
  private readonly removedAt = new Map<number, number>()
  private timer: NodeJS.Timeout | null = null
  private lastSent = Number.NEGATIVE_INFINITY
  /** Everyone's presence encoded, for joiners; undefined when it must be encoded again. */
  private all: Uint8Array | null | undefined

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly broadcast: (frame: Uint8Array) => void,
    private readonly onError: (err: Error) => void,
    private readonly intervalMs = PRESENCE_BATCH_MS,
  ) {}

  /** Notes a change of the room's presence (the Awareness `update` event); it goes out with the batch. */
  add(change: PresenceChange): void {
    this.all = undefined
    for (const id of change.added) this.changed.add(id)
    for (const id of change.updated) this.changed.add(id)
    for (const id of change.removed) {
      this.changed.add(id)
      const clock = this.awareness.meta.get(id)?.clock
      if (clock !== undefined) this.removedAt.set(id, clock)
    }
    if (this.changed.size === 0 || this.timer) return
    const wait = this.lastSent + this.intervalMs - performance.now()
    if (wait <= 0) this.flush()
    else this.timer = setTimeout(this.flush, wait).unref()
  }

  /** Everyone's current presence as one message, encoded once until presence changes; null if none. */
  snapshot(): Uint8Array | null {
    if (this.all !== undefined) return this.all
    const entries: AwarenessEntry[] = []
    for (const [clientId, state] of this.awareness.getStates()) {
      const clock = this.awareness.meta.get(clientId)?.clock
      if (clock !== undefined) entries.push({ clientId, clock, state: JSON.stringify(state) })
    }
    this.all = entries.length > 0 ? encodeAwarenessMessage(encodeAwarenessEntries(entries)) : null
    return this.all
  }

  /** Sends what changed since the last batch, as one message to everyone. */
  readonly flush = (): void => {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.changed.size === 0) return
    const entries: AwarenessEntry[] = []
    for (const clientId of this.changed) {
      const meta = this.awareness.meta.get(clientId)
      const clock = meta ? meta.clock : this.removedAt.get(clientId)
      if (clock === undefined) continue
      const state = meta ? (this.awareness.states.get(clientId) ?? null) : null
      entries.push({ clientId, clock, state: JSON.stringify(state) })
    }
    this.changed.clear()
    this.removedAt.clear()
    if (entries.length === 0) return
    this.lastSent = performance.now()
    try {
      this.broadcast(encodeAwarenessMessage(encodeAwarenessEntries(entries)))
    } catch (err) {
      this.onError(err instanceof Error ? err : new Error(String(err)))
    }
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.changed.clear()
    this.removedAt.clear()
  }
}
