/**
 * One WebSocket connection to a room. It decodes every frame defensively, applies what the
 * connection may write, answers the sync handshake once the room's state is durable, and
 * never throws: anything malformed closes this one connection with a named code.
 */
import * as decoding from 'lib0/decoding'
import type { WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { Actor } from '../../shared/policy/permissions.ts'
import type { AwarenessUser } from '../../shared/protocol/awareness-user.ts'
import { CLOSE, type CloseCode } from '../../shared/protocol/close-codes.ts'
import type { Logger } from '../logger.ts'
import { guardAwareness } from './awareness-guard.ts'
import { cardWriteRefusal } from './card-guard.ts'
import { inspectUpdate } from './inspect-update.ts'
import {
  encodeSyncStep1,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
} from './protocol.ts'
import type { Room } from './room.ts'
import { TokenBucket } from './token-bucket.ts'

/** A reader with more than this queued is too slow to keep; it reconnects and resyncs. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024
/** Refused writes tolerated before a connection is closed. */
export const MAX_REFUSED_WRITES = 3
/** Messages a second per connection, sustained and in a burst (a drag sends ~60/s). */
export const MESSAGE_RATE = { perSecond: 200, burst: 1000 }
/** Presence updates of one's own a second per connection; more are dropped, not answered. */
export const AWARENESS_RATE = { perSecond: 30, burst: 60 }
/**
 * Bytes of presence messages a second per connection. y-websocket clients echo every presence
 * change they receive, so presence traffic grows with the room; it has its own budget instead
 * of counting against MESSAGE_RATE, and what exceeds it is dropped, not answered.
 */
export const AWARENESS_BYTES = { perSecond: 2 * 1024 * 1024, burst: 4 * 1024 * 1024 }
/**
 * Sync step 1s a connection may have answered: a y-websocket client sends one when it connects.
 * Each distinct state vector costs an encoding of the room (the room caches each one until it
 * changes), so a peer inventing state vectors is closed (4029) instead of occupying the server.
 */
export const STEP1_RATE = { perSecond: 0.1, burst: 4 }

export interface ConnectionIdentity {
  workshopId: string
  participantId: string
  name: string
  role: string
}

export interface ConnectionLimits {
  /** Messages a second (a burst of five times that is allowed); MESSAGE_RATE by default. */
  messagesPerSecond?: number
  /** Bytes queued for a reader before it is cut off; MAX_BUFFERED_BYTES by default. */
  maxBufferedBytes?: number
  /** The budget all of this participant's connections take from too (ParticipantShare). */
  sharedMessages?: TokenBucket | null
}

/** What this connection's updates may do to the room's doc. */
export interface WritePolicy {
  canWrite: boolean
  /** Why a connection that may not write is refused (`read-only` when absent). */
  refusal?: CloseCode
  /** Root types the connection may write. */
  roots: ReadonlySet<string>
  /**
   * Card fields (keys of a card map in `notes`) the connection may neither write nor delete:
   * on the board those only the server writes (SERVER_CARD_FIELDS). None when absent.
   */
  serverCardFields?: ReadonlySet<string>
  /**
   * On the board: the writer the shared policy is asked about each card of the room an update
   * deletes, replaces or writes the text of (a hidden card is nobody's to remove or refill).
   * Absent on desks, whose cards the desk projection checks.
   */
  cardActor?: Actor
  /** Largest stored size of the room this connection may cause; null for none. */
  maxBytes: number | null
}

export class ClientConnection {
  readonly awarenessIds = new Set<number>()
  isAlive = true
  private closed = false
  private refusedWrites = 0
  /** We asked this connection to resync (its update built on content the room lacks); no answer yet. */
  private resyncAsked = false
  /**
   * The state vector of the peer's step 1 still to be answered, or null. A step 1 arriving
   * before the answer went out replaces it: the peer gets one answer, for its latest state.
   */
  private step1: Uint8Array | null = null
  private readonly messages: TokenBucket
  private readonly sharedMessages: TokenBucket | null
  private readonly maxBufferedBytes: number
  private readonly presence = new TokenBucket(AWARENESS_RATE.perSecond, AWARENESS_RATE.burst)
  private readonly presenceBytes = new TokenBucket(AWARENESS_BYTES.perSecond, AWARENESS_BYTES.burst)
  private readonly step1s = new TokenBucket(STEP1_RATE.perSecond, STEP1_RATE.burst)

  constructor(
    readonly ws: WebSocket,
    readonly room: Room,
    readonly identity: ConnectionIdentity,
    readonly policy: WritePolicy,
    private readonly logger: Logger,
    limits: ConnectionLimits = {},
  ) {
    const perSecond = limits.messagesPerSecond ?? MESSAGE_RATE.perSecond
    this.messages = new TokenBucket(perSecond, perSecond * 5)
    this.maxBufferedBytes = limits.maxBufferedBytes ?? MAX_BUFFERED_BYTES
    this.sharedMessages = limits.sharedMessages ?? null
  }

  get user(): AwarenessUser {
    return { name: this.identity.name, role: this.identity.role, participantId: this.identity.participantId }
  }

  /** Joins the room and starts the handshake: the current presence, and our step 1. */
  open(): void {
    this.room.add(this)
    this.room.afterCommit(() => {
      this.room.whenBuilt(() => this.sendStep1())
      const presence = this.room.presenceSnapshot()
      if (presence) this.send(presence)
    })
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return
    this.ws.send(frame, this.onSent)
    // Checked after the send: a reader that stopped reading is cut off as soon as its queue is
    // full, not only when the room next has something to say. Its socket is dropped at once:
    // a close frame would wait behind the queue it does not read, holding that memory.
    if (this.ws.bufferedAmount > this.maxBufferedBytes) {
      this.logger.info({ room: this.room.name, queued: this.ws.bufferedAmount }, 'dropping slow reader')
      this.closed = true
      this.room.remove(this)
      this.ws.terminate()
    }
  }

  close(code: CloseCode): void {
    if (this.closed) return
    this.closed = true
    this.room.remove(this)
    try {
      this.ws.close(code.code, code.reason)
    } catch {
      this.ws.terminate()
    }
  }

  /** One callback for every send: a broadcast to a full room sends tens of thousands a second. */
  private readonly onSent = (err?: Error): void => {
    if (err) this.close(CLOSE.roomFailed)
  }

  /** The socket closed from the other side (or was terminated). */
  handleClosed(): void {
    if (this.closed) return
    this.closed = true
    this.room.remove(this)
  }

  handleFrame(data: unknown): void {
    if (this.closed) return
    if (!(data instanceof ArrayBuffer)) {
      this.refuse(CLOSE.malformedFrame, 'text frame')
      return
    }
    const frame = new Uint8Array(data)
    if (frame[0] === MESSAGE_AWARENESS) {
      if (!this.presenceBytes.take(frame.length)) return
    } else if (!this.messages.take() || (this.sharedMessages && !this.sharedMessages.take())) {
      this.refuse(CLOSE.rateLimited, 'message rate exceeded')
      return
    }
    try {
      this.handleMessage(frame)
    } catch (err) {
      this.refuse(CLOSE.malformedFrame, (err as Error).message)
    }
  }

  private handleMessage(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MESSAGE_SYNC:
        this.handleSync(decoder)
        return
      case MESSAGE_AWARENESS:
        this.handleAwareness(decoding.readVarUint8Array(decoder))
        return
      case MESSAGE_QUERY_AWARENESS: {
        const presence = this.room.presenceSnapshot()
        if (presence) this.send(presence)
        return
      }
      case MESSAGE_AUTH:
        return
      default:
        this.refuse(CLOSE.malformedFrame, `unknown message type ${type}`)
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder)
    if (step === SYNC_STEP_1) {
      const stateVector = decoding.readVarUint8Array(decoder)
      Y.decodeStateVector(stateVector)
      const outstanding = this.step1 !== null
      this.step1 = stateVector
      if (outstanding) return
      if (!this.step1s.take()) {
        this.refuse(CLOSE.rateLimited, 'sync step 1 rate exceeded')
        return
      }
      // Answer only from durable state: a joiner must never see what a crash could lose.
      this.room.afterCommit(() => {
        const latest = this.step1
        this.step1 = null
        if (this.closed || this.room.isDestroyed || !latest) return
        try {
          // From the room's cache: peers with the same state vector (every joiner, a reconnect
          // storm of peers that were up to date) share one encoding until the room changes.
          this.send(this.room.syncAnswerFor(latest))
        } catch (err) {
          this.refuse(CLOSE.malformedFrame, (err as Error).message)
        }
      })
      return
    }
    if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) {
      this.refuse(CLOSE.malformedFrame, `unknown sync step ${step}`)
      return
    }
    const update = decoding.readVarUint8Array(decoder)
    // The empty update a new client answers our step 1 with: nothing to check or apply.
    if (update.length === 2 && update[0] === 0 && update[1] === 0) return
    const inspection = inspectUpdate(this.room.doc, update)
    if (!inspection.ok) {
      if (inspection.missing && step === SYNC_UPDATE) this.askResync(inspection.error)
      else this.refuse(CLOSE.malformedFrame, `rejected update: ${inspection.error}`)
      return
    }
    // The answer to our step 1: whatever it is, the resync we asked for (if any) is done.
    if (step === SYNC_STEP_2) this.resyncAsked = false
    // Echoes and the read-only half of the handshake: nothing to apply, nothing to refuse.
    if (!inspection.adds) return
    if (!this.policy.canWrite) {
      this.refuseWrite(this.policy.refusal ?? CLOSE.readOnly, 'write on a read-only connection')
      return
    }
    const foreign = [...inspection.roots].filter((root) => !this.policy.roots.has(root))
    if (foreign.length > 0) {
      this.refuseWrite(CLOSE.forbiddenWrite, `write to root ${foreign.join(', ')}`)
      return
    }
    const serverFields = this.policy.serverCardFields
    if (serverFields && inspection.cardFields.size > 0) {
      const forged = [...inspection.cardFields].filter((field) => serverFields.has(field))
      if (forged.length > 0) {
        this.refuseWrite(CLOSE.forbiddenWrite, `write to card field ${forged.join(', ')}`)
        return
      }
    }
    if (this.policy.cardActor) {
      const refusal = cardWriteRefusal(this.room.doc, this.policy.cardActor, inspection)
      if (refusal) {
        this.refuseWrite(CLOSE.forbiddenWrite, refusal)
        return
      }
    }
    if (this.policy.maxBytes !== null && this.room.bytes + update.length > this.policy.maxBytes) {
      this.refuse(CLOSE.quotaExceeded, `room would exceed ${this.policy.maxBytes} bytes`)
      return
    }
    // The room's update event re-encodes what was applied; that, not these bytes, is stored and sent.
    // Should Yjs still throw on it, the room refuses this connection and reloads (RoomHooks.onFailed).
    this.room.applyPeerUpdate(update, this)
  }

  /**
   * An edit built on content the room does not have yet (another tab's edit, shared in the browser,
   * still on its way): dropped, and the client is sent our state vector once. Its answer (step 2)
   * carries everything we lack, this edit and what it builds on; edits arriving before it are in it
   * too. If even that answer lacks something, the client lacks it, and the answer is refused.
   */
  private askResync(detail: string): void {
    if (this.resyncAsked) return
    this.resyncAsked = true
    this.logger.info(
      { room: this.room.name, participant: this.identity.participantId, detail },
      'update builds on content not here yet; asking the client to resync',
    )
    this.sendStep1()
  }

  /** Our state vector: the peer answers with everything it has that the room lacks. */
  private sendStep1(): void {
    this.send(encodeSyncStep1(Y.encodeStateVector(this.room.doc)))
  }

  /** Drops a forbidden write; a connection that keeps sending them is closed. */
  private refuseWrite(code: CloseCode, detail: string): void {
    this.refusedWrites += 1
    this.logger.warn(
      { room: this.room.name, participant: this.identity.participantId, refused: this.refusedWrites, detail },
      'write refused',
    )
    if (this.refusedWrites >= MAX_REFUSED_WRITES) this.refuse(code, detail)
  }

  private handleAwareness(update: Uint8Array): void {
    const claimed = this.awarenessIds.size > 0 ? ([...this.awarenessIds][0] as number) : null
    const isTaken = (clientId: number) => {
      if (clientId === this.room.awareness.clientID) return true
      for (const other of this.room.connections) {
        if (other !== this && other.awarenessIds.has(clientId)) return true
      }
      return false
    }
    const result = guardAwareness(update, claimed, isTaken, this.user)
    if (!result.ok) {
      this.refuse(CLOSE.malformedFrame, result.reason)
      return
    }
    if (result.claim !== null) this.awarenessIds.add(result.claim)
    // Echoes of others' states cost nothing more; the connection's own state is rate-limited.
    if (result.update && this.presence.take())
      awarenessProtocol.applyAwarenessUpdate(this.room.awareness, result.update, this)
  }

  private refuse(code: CloseCode, detail: string): void {
    this.logger.warn(
      { room: this.room.name, participant: this.identity.participantId, code: code.code, detail },
      `closing connection: ${code.reason}`,
    )
    this.close(code)
  }
}
