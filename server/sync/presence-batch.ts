/**
 * A room's presence, sent in batches. y-websocket peers send a presence update for every cursor
 * move and echo every one they receive; relayed one by one, a room of n moving cursors costs n²
 * messages. Instead a room sends presence at most once per batch interval: a change after a
 * quiet spell goes out at once (a lone cursor is not delayed), changes within the interval are
 * collected, and their states (or removals) go out together as one message, encoded once, to
 * every connection, the senders too: the y-websocket client takes a room that stays silent for
 * 30 s for a dead connection, and its own renewal every 15 s comes back this way.
 *
 * In a big room presence is also reduced to what a screen can show (issue 15): a batch carries
 * at most MAX_PRESENCE_PER_BATCH states, and the interval grows with the room so that the room
 * sends at most PRESENCE_SENDS_PER_SECOND presence messages in all. What does not fit waits for
 * the next batch, ranked: removals, then states every screen must keep (a facilitator's, whose
 * view "follow" mode tracks, and anyone not relayed for PRESENCE_KEEPALIVE_MS, so no screen's
 * 30-second timeout drops a person who is still there), then the most recently changed, and
 * unchanged renewals last. A waiting state is never sent stale: it goes out as it is then.
 */
import type * as awarenessProtocol from 'y-protocols/awareness'
import { AWARENESS_USER_KEY } from '../../shared/protocol/awareness-user.ts'
import { type AwarenessEntry, encodeAwarenessEntries } from './awareness-guard.ts'
import { encodeAwarenessMessage } from './protocol.ts'

export const PRESENCE_BATCH_MS = 50
/**
 * States in one presence message. A board at a readable zoom shows a few dozen cursors a person
 * can follow; beyond that they are clutter, and every state is ~150 bytes to every connection.
 * At 10 batches a second (a room of 1,000) that is 300 states a second, enough for 200 cursors
 * at 1.5 Hz; more moving cursors take turns, the most recently moved first.
 */
export const MAX_PRESENCE_PER_BATCH = 30
/**
 * Presence messages a room sends a second, over all its connections: each send costs the server
 * a write to a socket (~10–20 µs), whatever it carries. A room of 200 keeps PRESENCE_BATCH_MS;
 * a room of 1,000 batches every 100 ms.
 */
export const PRESENCE_SENDS_PER_SECOND = 10_000
/** A state not relayed for this long goes first: y-protocols drops a state unseen for 30 s. */
export const PRESENCE_KEEPALIVE_MS = 10_000

export interface PresenceChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/** The interval between batches for a room of `connections`. */
export function presenceInterval(connections: number): number {
  return Math.max(PRESENCE_BATCH_MS, (connections * 1000) / PRESENCE_SENDS_PER_SECOND)
}

interface Relayed {
  state: string
  at: number
}

export class PresenceBatch {
  /** Clients with something to send, and when their state last changed (or was renewed). */
  private readonly changed = new Map<number, number>()
  /** The clock of a removal, kept here: the room forgets a removed client's clock at once. */
  private readonly removedAt = new Map<number, number>()
  /** What each present client's state was when last relayed, and when. */
  private readonly relayed = new Map<number, Relayed>()
  private timer: NodeJS.Timeout | null = null
  private lastSent = Number.NEGATIVE_INFINITY
  /** Everyone's presence encoded, for joiners; undefined when it must be encoded again. */
  private all: Uint8Array | null | undefined
  private readonly interval: () => number

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly broadcast: (frame: Uint8Array) => void,
    private readonly onError: (err: Error) => void,
    interval: number | (() => number) = PRESENCE_BATCH_MS,
    private readonly maxStates = MAX_PRESENCE_PER_BATCH,
  ) {
    this.interval = typeof interval === 'number' ? () => interval : interval
  }

  /** Notes a change of the room's presence (the Awareness `update` event); it goes out with the batch. */
  add(change: PresenceChange): void {
    this.all = undefined
    const now = performance.now()
    for (const id of change.added) this.changed.set(id, now)
    for (const id of change.updated) this.changed.set(id, now)
    for (const id of change.removed) {
      this.changed.set(id, now)
      const clock = this.awareness.meta.get(id)?.clock
      if (clock !== undefined) this.removedAt.set(id, clock)
    }
    this.schedule()
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

  /** Sends what changed since the last batch (the first maxStates by rank) as one message to everyone. */
  readonly flush = (): void => {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.changed.size === 0) return
    const now = performance.now()
    const ranked: { entry: AwarenessEntry; rank: number; at: number }[] = []
    for (const [clientId, at] of this.changed) {
      const meta = this.awareness.meta.get(clientId)
      const clock = meta ? meta.clock : this.removedAt.get(clientId)
      if (clock === undefined) {
        this.changed.delete(clientId)
        this.relayed.delete(clientId)
        continue
      }
      const value = meta ? (this.awareness.states.get(clientId) ?? null) : null
      const state = JSON.stringify(value)
      const last = this.relayed.get(clientId)
      const rank =
        value === null
          ? 0
          : !last || now - last.at >= PRESENCE_KEEPALIVE_MS || isFacilitator(value)
            ? 1
            : last.state !== state
              ? 2
              : 3
      ranked.push({ entry: { clientId, clock, state }, rank, at })
    }
    if (ranked.length > this.maxStates) ranked.sort((a, b) => a.rank - b.rank || b.at - a.at)
    const entries = ranked.slice(0, this.maxStates).map((r) => r.entry)
    for (const { clientId, state } of entries) {
      this.changed.delete(clientId)
      if (state === 'null') {
        this.removedAt.delete(clientId)
        this.relayed.delete(clientId)
      } else this.relayed.set(clientId, { state, at: now })
    }
    if (entries.length > 0) {
      this.lastSent = now
      try {
        this.broadcast(encodeAwarenessMessage(encodeAwarenessEntries(entries)))
      } catch (err) {
        this.onError(err instanceof Error ? err : new Error(String(err)))
      }
    }
    // What did not fit goes with the next batch.
    this.schedule()
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.changed.clear()
    this.removedAt.clear()
    this.relayed.clear()
  }

  private schedule(): void {
    if (this.changed.size === 0 || this.timer) return
    const wait = this.lastSent + this.interval() - performance.now()
    if (wait <= 0) this.flush()
    else this.timer = setTimeout(this.flush, wait).unref()
  }
}

function isFacilitator(state: Record<string, unknown>): boolean {
  const user = state[AWARENESS_USER_KEY] as { role?: unknown } | undefined
  return user?.role === 'facilitator'
}
