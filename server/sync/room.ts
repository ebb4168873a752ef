/**
 * One loaded room: its Y.Doc, its server-side Awareness and its connections. Every change to
 * the doc is appended to the log first; the room broadcasts it only once it is on disk, so no
 * peer ever sees an update a crash could lose. A room stored as one row answers new joiners from
 * that row and builds its document only when something needs it (an edit, a joiner with content
 * of its own), at the latest BUILD_WITHIN_MS after loading: building a big room costs the server
 * as much CPU as applying it costs the joiner, and on a machine they share they would compete.
 * If Yjs throws while applying a peer's update, the document can no longer be trusted: nothing of
 * that update is stored or sent, and the room fails (`onFailed`) to be reloaded from disk.
 * Answers to sync step 1 are cached per state vector until the room changes (SyncAnswers);
 * presence goes out in batches (PresenceBatch), and so do committed updates once the room is big
 * enough for its sends to cost more than a short wait (UpdateBroadcast).
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { type ServerStatus, serverStatusState } from '../../shared/protocol/server-status.ts'
import type { Logger } from '../logger.ts'
import type { ClientConnection } from './client-connection.ts'
import { PresenceBatch, type PresenceChange, presenceInterval } from './presence-batch.ts'
import { encodeSyncStep2 } from './protocol.ts'
import type { LoadedRoom } from './room-rows.ts'
import { SyncAnswers } from './sync-answers.ts'
import { UpdateBroadcast } from './update-broadcast.ts'
import type { UpdateWriter } from './update-writer.ts'

/** The origin of the transaction that builds a deferred room's document: nobody's edit. */
export const LOAD_ORIGIN = Symbol('room-load')

/**
 * A room loaded from its stored row builds its document this long after loading at the latest;
 * until then the server's own sync step 1 to its joiners waits (it needs the state vector).
 */
export const BUILD_WITHIN_MS = 1000

/** Fold the log into the state row after this many updates. */
export const COMPACT_AFTER = 500
/** …and once the room has been quiet this long, so a room loads from one row after a restart. */
export const COMPACT_WHEN_QUIET_MS = 2000

export interface RoomHooks {
  /**
   * The document failed to take `origin`'s update and can no longer be trusted. The room stores
   * nothing more; its owner discards it so that it reloads from what is on disk.
   */
  onFailed?: (room: Room, error: Error, origin: unknown) => void
}

export class Room {
  private readonly ydoc: Y.Doc
  /** The stored row not yet applied to the document. */
  private deferred: Uint8Array | null
  private builtWaiters: (() => void)[] = []
  private buildTimer: NodeJS.Timeout | null = null
  readonly awareness: awarenessProtocol.Awareness
  readonly connections = new Set<ClientConnection>()
  private seq: number
  private logLength: number
  private destroyed = false
  /** The whole room encoded, while no update has changed it: the sync answer for new joiners. */
  private fullState: Uint8Array | null
  /** Answers to step 1 by state vector, while no update has changed the room. */
  private readonly answers = new SyncAnswers()
  /** Presence changes, relayed to everyone in batches. */
  private readonly presence: PresenceBatch
  /** Committed updates, relayed at once in a small room and merged per window in a big one. */
  private readonly outgoing: UpdateBroadcast
  private lastUpdateAt = 0
  /** Updates of a peer's transaction, held until Yjs has applied all of it. */
  private held: [update: Uint8Array, origin: unknown][] | null = null
  private failed = false
  private quietTimer: NodeJS.Timeout | null = null
  /** Stored size, approximately: the state row plus the log since. */
  bytes: number

  constructor(
    readonly name: string,
    loaded: LoadedRoom,
    private readonly writer: UpdateWriter,
    private readonly logger: Logger,
    private readonly hooks: RoomHooks = {},
  ) {
    this.ydoc = loaded.doc
    this.deferred = loaded.deferred
    this.seq = loaded.seq
    this.logLength = loaded.logLength
    this.bytes = loaded.bytes
    this.fullState = loaded.fullState
    this.awareness = new awarenessProtocol.Awareness(this.ydoc)
    this.awareness.setLocalState(null)
    this.presence = new PresenceBatch(
      this.awareness,
      (frame) => this.broadcast(frame),
      (err) =>
        this.logger.warn({ room: this.name, err: { message: err.message } }, 'awareness broadcast failed'),
      () => presenceInterval(this.connections.size),
    )
    this.outgoing = new UpdateBroadcast(
      (frame, except) => this.broadcast(frame, except),
      () => this.connections.size,
      (err) =>
        this.logger.warn({ room: this.name, err: { message: err.message } }, 'update broadcast failed'),
    )
    this.ydoc.on('update', this.onDocUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
    if (this.logLength >= COMPACT_AFTER) this.compact()
    if (this.deferred) this.buildTimer = setTimeout(() => this.build(), BUILD_WITHIN_MS).unref()
  }

  get isDestroyed(): boolean {
    return this.destroyed
  }

  /** True once the document failed to take an update; the room is then only waiting to be discarded. */
  get isFailed(): boolean {
    return this.failed
  }

  /** The room's document, built from its stored row first if that is still pending. */
  get doc(): Y.Doc {
    if (this.deferred) this.build()
    return this.ydoc
  }

  /**
   * The document as it is, perhaps not built yet: for observers that attach when the room loads.
   * They see the build as one transaction with origin LOAD_ORIGIN.
   */
  get unbuiltDoc(): Y.Doc {
    return this.ydoc
  }

  /**
   * Runs `fn` once the document is built (at once if it is). What needs the room's state vector
   * waits: reading it from the stored row costs about as much as building the document.
   */
  whenBuilt(fn: () => void): void {
    if (this.deferred) this.builtWaiters.push(fn)
    else fn()
  }

  /**
   * Builds the document if it is still pending: on first use, or BUILD_WITHIN_MS after loading.
   * A stored row Yjs cannot read fails the room (it is discarded, its joiners told `1011`); it
   * never throws out of the timer or the first reader.
   */
  private build(): void {
    const row = this.deferred
    if (!row) return
    this.deferred = null
    if (this.buildTimer) clearTimeout(this.buildTimer)
    // Building changes nothing that is stored. Without an update listener Yjs does not encode the
    // whole room again as the build's update (a fifth of a big room's build time).
    this.ydoc.off('update', this.onDocUpdate)
    try {
      Y.applyUpdate(this.ydoc, row, LOAD_ORIGIN)
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)), LOAD_ORIGIN)
    } finally {
      this.ydoc.on('update', this.onDocUpdate)
    }
    const waiters = this.builtWaiters.splice(0)
    if (this.failed) return
    for (const fn of waiters) {
      try {
        fn()
      } catch (err) {
        this.logger.error(
          { room: this.name, err: { message: (err as Error).message } },
          'after-build callback failed',
        )
      }
    }
  }

  /**
   * Applies a peer's checked update. Its changes (and what observers write in response) are
   * stored and relayed only once Yjs has applied all of it; if Yjs throws halfway, they are
   * dropped, the room fails and false is returned. The peer still has its update and would send
   * it again, so the caller refuses that peer.
   */
  applyPeerUpdate(update: Uint8Array, origin: unknown): boolean {
    if (this.failed || this.destroyed) return false
    const held: [Uint8Array, unknown][] = []
    this.held = held
    try {
      Y.applyUpdate(this.doc, update, origin)
    } catch (err) {
      this.held = null
      this.fail(err instanceof Error ? err : new Error(String(err)), origin)
      return false
    }
    this.held = null
    for (const [applied, appliedOrigin] of held) this.record(applied, appliedOrigin)
    return true
  }

  /** Runs `fn` once every change made so far is durable. */
  afterCommit(fn: () => void): void {
    this.writer.afterCommit(fn)
  }

  /**
   * What a peer with state vector `stateVector` lacks. A new joiner (empty state vector) gets the
   * whole room, encoded once and shared until the next change: after a restart everyone joins at once.
   */
  encodeStateFor(stateVector: Uint8Array): Uint8Array {
    if (Y.decodeStateVector(stateVector).size > 0) return Y.encodeStateAsUpdate(this.doc, stateVector)
    this.fullState ??= Y.encodeStateAsUpdate(this.doc)
    return this.fullState
  }

  /**
   * The step 2 frame answering a peer's step 1, encoded once per state vector while the room
   * does not change (see SyncAnswers). A new joiner of a room loaded from its stored row gets that
   * row; the document is built only when something needs it, not while the joiner applies the row.
   */
  syncAnswerFor(stateVector: Uint8Array): Uint8Array {
    return this.answers.answer(stateVector, () => encodeSyncStep2(this.encodeStateFor(stateVector)))
  }

  /** Everyone's presence as one awareness message (null if nobody has any), for joiners and queries. */
  presenceSnapshot(): Uint8Array | null {
    return this.presence.snapshot()
  }

  /** False while the document waits to be built from the stored row. */
  get isBuilt(): boolean {
    return this.deferred === null
  }

  add(connection: ClientConnection): void {
    this.connections.add(connection)
  }

  remove(connection: ClientConnection): void {
    this.connections.delete(connection)
    if (connection.awarenessIds.size > 0) {
      const ids = [...connection.awarenessIds]
      awarenessProtocol.removeAwarenessStates(this.awareness, ids, connection)
      // y-protocols keeps each client's clock forever; the removal is broadcast, so forget them,
      // or a long session with many reconnects grows without bound.
      for (const id of ids) this.awareness.meta.delete(id)
    }
  }

  /** Announces (or withdraws) the server's storage warning to everyone in the room. */
  setServerStatus(status: ServerStatus | null): void {
    if (this.destroyed) return
    this.awareness.setLocalState(serverStatusState(status))
  }

  /** Sends a frame to every connection but `except`. */
  broadcast(frame: Uint8Array, except: unknown = null): void {
    for (const connection of this.connections) {
      if (connection !== except) connection.send(frame)
    }
  }

  /** Folds the log into one state row; runs in the writer's next transaction. */
  compact(): void {
    this.logLength = 0
    this.writer.compact(this.name, () => {
      // A failed document must not replace the log it could no longer follow.
      if (this.failed) return null
      const state = this.fullState ?? Y.encodeStateAsUpdate(this.doc)
      if (!this.destroyed) this.fullState = state
      this.bytes = state.length
      return { state, seq: this.seq }
    })
  }

  /** Compacts and releases memory; the writer still commits what was queued. */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    if (this.quietTimer) clearTimeout(this.quietTimer)
    if (this.buildTimer) clearTimeout(this.buildTimer)
    this.presence.destroy()
    this.outgoing.destroy()
    this.answers.clear()
    if (this.logLength > 0 && !this.failed) this.compact()
    this.ydoc.off('update', this.onDocUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    // The compaction job reads the doc when the writer flushes, so destroy the doc after that.
    this.writer.afterCommit(() => {
      this.awareness.destroy()
      this.ydoc.destroy()
    })
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.failed) return
    if (this.held) this.held.push([update, origin])
    else this.record(update, origin)
  }

  /** Appends an applied update to the log; it is broadcast once on disk. */
  private record(update: Uint8Array, origin: unknown): void {
    this.seq += 1
    this.logLength += 1
    this.fullState = null
    this.answers.clear()
    this.lastUpdateAt = performance.now()
    if (!this.quietTimer) this.quietTimer = setTimeout(this.onQuietCheck, COMPACT_WHEN_QUIET_MS).unref()
    this.bytes += update.length
    this.writer.append(this.name, this.seq, update, () => this.outgoing.add(update, origin))
    if (this.logLength >= COMPACT_AFTER) this.compact()
  }

  private fail(error: Error, origin: unknown): void {
    this.failed = true
    this.logger.error(
      { room: this.name, err: { message: error.message } },
      origin === LOAD_ORIGIN
        ? 'room failed to load its stored state'
        : 'room failed to apply an update; reloading it from storage',
    )
    this.hooks.onFailed?.(this, error, origin)
  }

  private readonly onQuietCheck = (): void => {
    const quietFor = performance.now() - this.lastUpdateAt
    if (quietFor < COMPACT_WHEN_QUIET_MS) {
      this.quietTimer = setTimeout(this.onQuietCheck, COMPACT_WHEN_QUIET_MS - quietFor).unref()
      return
    }
    this.quietTimer = null
    if (this.logLength > 0 && !this.destroyed) this.compact()
  }

  private readonly onAwarenessUpdate = (change: PresenceChange, _origin: unknown): void => {
    this.presence.add(change)
  }
}
