/**
 * One accepted sync socket from its upgrade to its close. It holds its participant's slot from
 * the start (the cap counts sockets still waiting for admission), keeps what the client sends
 * while it waits (at most MAX_EARLY_FRAMES frames and MAX_EARLY_BYTES bytes, dropped when it
 * closes), refuses frames over its size limit, and once admitted hands everything to its
 * ClientConnection. Its participant's slot is held until the socket is really gone.
 */
import type { WebSocket } from 'ws'
import { CLOSE, type CloseCode } from '../../shared/protocol/close-codes.ts'
import type { WorkshopAccess } from '../workshops/workshop-access.ts'
import type { ClientConnection } from './client-connection.ts'
import type { ParticipantShare } from './participant-slots.ts'

/** Frames a client may send before its connection is admitted; more close it. */
export const MAX_EARLY_FRAMES = 64
/** Bytes a client may send before its connection is admitted; more close it. */
export const MAX_EARLY_BYTES = 1024 * 1024

export type SyncTarget = 'board' | 'desk'

function frameBytes(data: unknown): number {
  if (data instanceof ArrayBuffer) return data.byteLength
  if (ArrayBuffer.isView(data)) return data.byteLength
  if (typeof data === 'string') return Buffer.byteLength(data)
  return 0
}

/**
 * ws checks its `maxPayload` per server, but its receiver reads the limit per socket: lowering
 * it refuses an oversized frame (1009) from its header, before any of the payload is buffered.
 * Internal to ws 8, so it is used only if it is there; `SyncSocket.handleFrame` checks anyway.
 */
function lowerPayloadLimit(ws: WebSocket, bytes: number): void {
  const receiver = (ws as unknown as { _receiver?: { _maxPayload?: unknown } })._receiver
  if (
    receiver &&
    typeof receiver._maxPayload === 'number' &&
    (receiver._maxPayload === 0 || receiver._maxPayload > bytes)
  )
    receiver._maxPayload = bytes
}

export class SyncSocket {
  private early: unknown[] = []
  private earlyBytes = 0
  private connectionValue: ClientConnection | null = null
  private closed = false
  private finished = false
  /** Leaves the admission queue; replaced once admitted. */
  leaveQueue: () => void = () => {}

  constructor(
    readonly ws: WebSocket,
    readonly target: SyncTarget,
    readonly access: WorkshopAccess,
    /** The participant's share this socket holds, null for facilitators (not capped). */
    readonly share: ParticipantShare | null,
    /** Largest frame this socket may send; null for the server's limit. */
    readonly maxFrameBytes: number | null,
    private readonly onFinished: (socket: SyncSocket) => void,
  ) {
    if (maxFrameBytes !== null) lowerPayloadLimit(ws, maxFrameBytes)
  }

  get connection(): ClientConnection | null {
    return this.connectionValue
  }

  get isClosed(): boolean {
    return this.closed
  }

  get isQueued(): boolean {
    return !this.closed && this.connectionValue === null
  }

  /** Admitted: the connection takes over, starting with what arrived while it waited. */
  admitted(connection: ClientConnection): void {
    this.connectionValue = connection
    const early = this.early
    this.early = []
    this.earlyBytes = 0
    for (const frame of early) connection.handleFrame(frame)
  }

  handleFrame(data: unknown): void {
    if (this.closed) return
    const bytes = frameBytes(data)
    if (this.maxFrameBytes !== null && bytes > this.maxFrameBytes) {
      this.close(CLOSE.frameTooLarge)
      return
    }
    if (this.connectionValue) {
      this.connectionValue.handleFrame(data)
      return
    }
    this.early.push(data)
    this.earlyBytes += bytes
    if (this.early.length > MAX_EARLY_FRAMES || this.earlyBytes > MAX_EARLY_BYTES)
      this.close(CLOSE.rateLimited)
  }

  /**
   * Closes the socket from the server's side, whether it waits or is connected. What it sent is
   * dropped at once; its participant's slot is given back only when the socket is gone (`finish`).
   */
  close(code: CloseCode): void {
    if (this.closed) return
    this.stop()
    if (this.connectionValue) this.connectionValue.close(code)
    else {
      try {
        this.ws.close(code.code, code.reason)
      } catch {
        this.ws.terminate()
      }
    }
  }

  /** The socket is gone (closed from either side, or failed). Runs `onFinished` once. */
  finish(): void {
    this.stop()
    if (this.finished) return
    this.finished = true
    this.onFinished(this)
  }

  private stop(): void {
    this.closed = true
    this.early = []
    this.earlyBytes = 0
    this.leaveQueue()
  }
}
