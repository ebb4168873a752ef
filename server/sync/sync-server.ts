/**
 * The sync service as a whole: persistence, loaded rooms, live connections, their admission,
 * caps and heartbeat. Built once per server process. The HTTP layer and the domain modules see
 * only its facade (`WorkshopSync`, workshop-sync.ts): they hand it sockets (`accept`; each
 * participant's sockets are counted from then on, before they wait), read and change boards,
 * and use the card records; the rest (rooms, registry, writer, connections) is for the server's
 * start and shutdown and for tests.
 */
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { LIMITS } from '../../shared/board/schema.ts'
import {
  BOARD_WRITABLE_ROOTS,
  DESK_WRITABLE_ROOTS,
  SERVER_CARD_FIELDS,
} from '../../shared/policy/board-registry.ts'
import { CLOSE, type CloseCode } from '../../shared/protocol/close-codes.ts'
import type { Db } from '../db/open-database.ts'
import type { SqlDatabase } from '../db/sql-database.ts'
import type { Logger } from '../logger.ts'
import { CardLedger } from '../moderation/card-ledger.ts'
import type { WorkshopAccess } from '../workshops/workshop-access.ts'
import { AdmissionQueue } from './admission-queue.ts'
import { ClientConnection, MESSAGE_RATE, type WritePolicy } from './client-connection.ts'
import type { CommitThreadData } from './commit-protocol.ts'
import { CommitThread } from './commit-thread.ts'
import { InlineCommitter } from './inline-committer.ts'
import type { Owners } from './owner-lookup.ts'
import { type ParticipantShare, ParticipantSlots } from './participant-slots.ts'
import type { Room } from './room.ts'
import { RoomRegistry } from './room-registry.ts'
import { RoomStore } from './room-store.ts'
import { SyncSocket, type SyncTarget } from './sync-socket.ts'
import { UpdateWriter } from './update-writer.ts'
import { WorkshopRooms } from './workshop-rooms.ts'
import type { Approval, Hiding, WaitingCard, WorkshopSync } from './workshop-sync.ts'

export interface SyncOptions {
  /** How long an unused room stays in memory. */
  idleUnloadMs?: number
  /** Interval of the ping that finds dead connections. */
  heartbeatMs?: number
  /** Connections one workshop may have open at once. */
  maxConnectionsPerWorkshop?: number
  /** New connections admitted per second, and in a burst (reconnect storms wait their turn). */
  admissionPerSecond?: number
  admissionBurst?: number
  /** Messages a second one connection may send (a burst of five times that is allowed). */
  messagesPerSecond?: number
  /** Bytes queued for one reader before it is cut off as too slow (16 MiB by default). */
  maxBufferedBytes?: number
  /** Commit on a thread of its own (default) or on the event loop. */
  commitThread?: boolean
  /** Sync sockets one participant may hold, waiting or open (PARTICIPANT_LIMITS; 0 for no cap). */
  maxConnectionsPerParticipant?: number
  /** Messages a second one participant may send across its sockets (0 for no shared budget). */
  participantMessagesPerSecond?: number
  /** Largest frame a participant may send (facilitators: the server's MAX_FRAME_BYTES). */
  participantFrameBytes?: number
}

export type { SyncTarget }

/**
 * What one participant (not a facilitator) may take of the sync service. Eight sockets are a
 * phone, a laptop and a few tabs, board and desk each. Its messages across all of them: twice
 * one connection's budget. Its frames: a desk holds at most LIMITS.deskBytes (1 MiB), so a
 * step 2 or an update over 4 MiB can only be an attack. Facilitators are not capped here: they
 * write the whole board anyway, and run projectors and test crowds under one account.
 */
export const PARTICIPANT_LIMITS = {
  maxConnections: 8,
  messagesPerSecond: 2 * MESSAGE_RATE.perSecond,
  frameBytes: 4 * 1024 * 1024,
}

/** The commit thread opens the same SQLite file with the same durability. */
export function commitThreadData(db: Db): CommitThreadData {
  const level = db.pragma('synchronous', { simple: true }) as number
  return { file: db.name, synchronous: level >= 2 ? 'FULL' : 'NORMAL', busyTimeoutMs: 5000 }
}

/** What a connection may write: facilitators the board, participants (not observers) their desk. */
function writePolicy(target: SyncTarget, access: WorkshopAccess): WritePolicy {
  // A closed workshop is read-only for everyone, facilitators too.
  if (access.workshop.closedAt !== null)
    return { canWrite: false, refusal: CLOSE.closedWrite, roots: new Set(), maxBytes: null }
  if (target === 'board')
    return {
      canWrite: access.isFacilitator,
      roots: BOARD_WRITABLE_ROOTS,
      serverCardFields: SERVER_CARD_FIELDS,
      cardActor: {
        participantId: access.participantId,
        role: access.role,
        isFacilitator: access.isFacilitator,
      },
      maxBytes: null,
    }
  return { canWrite: access.role !== 'observer', roots: DESK_WRITABLE_ROOTS, maxBytes: LIMITS.deskBytes }
}

export class SyncServer implements WorkshopSync {
  readonly store: RoomStore
  readonly writer: UpdateWriter
  readonly registry: RoomRegistry
  readonly rooms: WorkshopRooms
  readonly admission: AdmissionQueue
  private readonly connections = new Set<ClientConnection>()
  /** Every accepted socket until it is gone, waiting or connected. */
  private readonly sockets = new Set<SyncSocket>()
  private readonly participants: ParticipantSlots
  private readonly participantFrameBytes: number
  private readonly heartbeat: NodeJS.Timeout
  private readonly maxPerWorkshop: number
  /** Workshops whose stored rooms are being rewritten: no socket joins them meanwhile. */
  private readonly frozen = new Set<string>()

  constructor(
    /** Rooms and card records (async). */
    sql: SqlDatabase,
    owners: Owners,
    private readonly logger: Logger,
    private readonly options: SyncOptions = {},
    /**
     * The SQLite file the commit thread writes to, on a connection of its own; null (PostgreSQL,
     * and tests) commits inline through the async room store.
     */
    thread: CommitThreadData | null = null,
  ) {
    this.store = new RoomStore(sql)
    const startCommitter = () =>
      options.commitThread === false || thread === null
        ? new InlineCommitter(this.store)
        : new CommitThread(thread)
    const ledger = new CardLedger(sql, logger, () => this.storageChanged())
    // A board update that follows from a record goes to disk, and is sent on, after the record.
    this.writer = new UpdateWriter(
      startCommitter,
      logger,
      () => this.storageChanged(),
      () => ledger.flushed(),
    )
    this.registry = new RoomRegistry(this.store, this.writer, logger, options.idleUnloadMs ?? 15_000, {
      onFailed: this.onRoomFailed,
    })
    this.rooms = new WorkshopRooms(this.registry, owners, logger, ledger)
    this.admission = new AdmissionQueue(options.admissionPerSecond ?? 100, options.admissionBurst ?? 200)
    this.maxPerWorkshop = options.maxConnectionsPerWorkshop ?? 1000
    this.participants = new ParticipantSlots({
      maxConnections: options.maxConnectionsPerParticipant ?? PARTICIPANT_LIMITS.maxConnections,
      messagesPerSecond:
        options.participantMessagesPerSecond ??
        (options.messagesPerSecond ? 2 * options.messagesPerSecond : PARTICIPANT_LIMITS.messagesPerSecond),
    })
    this.participantFrameBytes = options.participantFrameBytes ?? PARTICIPANT_LIMITS.frameBytes
    this.heartbeat = setInterval(() => this.checkHeartbeats(), options.heartbeatMs ?? 30_000)
    this.heartbeat.unref()
  }

  get connectionCount(): number {
    return this.connections.size
  }

  /**
   * Takes a new socket: it counts against its participant's cap at once, before it waits for
   * admission, and is admitted in turn. Refused (the code says why) when the participant holds
   * its maximum already. The caller reports the socket's close with `SyncSocket.finish`.
   */
  accept(ws: WebSocket, target: SyncTarget, access: WorkshopAccess): SyncSocket | CloseCode {
    let share: ParticipantShare | null = null
    if (!access.isFacilitator) {
      share = this.participants.acquire(access.workshop.id, access.participantId)
      if (!share) return CLOSE.tooManyConnections
    }
    const maxFrameBytes = access.isFacilitator ? null : this.participantFrameBytes
    const socket = new SyncSocket(ws, target, access, share, maxFrameBytes, this.onSocketFinished)
    this.sockets.add(socket)
    const leave = this.admission.enter(() => this.start(socket))
    if (socket.isQueued) socket.leaveQueue = leave
    return socket
  }

  /** Sockets one participant holds, waiting or open. */
  heldBy(workshopId: string, participantId: string): number {
    return this.participants.held(workshopId, participantId)
  }

  /**
   * Admitted: the workshop's card records and participants are loaded (once), then its room (once), and the socket
   * joins it, unless it closed meanwhile.
   */
  private start(socket: SyncSocket): void {
    if (socket.isClosed) return
    this.join(socket).catch((err: unknown) => {
      this.logger.error(
        { workshop: socket.access.workshop.id, err: { message: (err as Error).message } },
        'room failed to open',
      )
      socket.close(CLOSE.roomFailed)
    })
  }

  private async join(socket: SyncSocket): Promise<void> {
    await this.rooms.prepare(socket.access.workshop.id)
    if (socket.isClosed) return
    const result = await this.connect(socket)
    if (result instanceof ClientConnection) socket.admitted(result)
    else if (result !== null) socket.close(result)
  }

  private readonly onSocketFinished = (socket: SyncSocket): void => {
    this.sockets.delete(socket)
    if (socket.connection) this.disconnect(socket.connection)
    if (socket.share) this.participants.release(socket.share)
  }

  /**
   * Joins a socket to its room, or says why it may not (the workshop is full, its rooms are being
   * rewritten); null when the socket closed while its room loaded.
   */
  private async connect(socket: SyncSocket): Promise<ClientConnection | CloseCode | null> {
    const { ws, target, access, share } = socket
    const workshopId = access.workshop.id
    if (this.frozen.has(workshopId)) return CLOSE.roomsRewritten
    if (this.connectionsOf(workshopId).length >= this.maxPerWorkshop) return CLOSE.workshopFull
    const room =
      target === 'board'
        ? await this.rooms.openBoard(workshopId)
        : await this.rooms.openDesk(workshopId, access.participantId)
    // Checked again after the load: no await from here until the connection counts.
    if (socket.isClosed || this.frozen.has(workshopId)) {
      this.rooms.release(room)
      return socket.isClosed ? null : CLOSE.roomsRewritten
    }
    if (this.connectionsOf(workshopId).length >= this.maxPerWorkshop) {
      this.rooms.release(room)
      return CLOSE.workshopFull
    }
    const connection = new ClientConnection(
      ws,
      room,
      { workshopId, participantId: access.participantId, name: access.name, role: access.role },
      writePolicy(target, access),
      this.logger,
      {
        messagesPerSecond: this.options.messagesPerSecond,
        maxBufferedBytes: this.options.maxBufferedBytes,
        sharedMessages: share?.messages ?? null,
      },
    )
    this.connections.add(connection)
    ws.on('pong', () => {
      connection.isAlive = true
    })
    connection.open()
    return connection
  }

  connectionsOf(workshopId: string, participantId?: string): ClientConnection[] {
    return [...this.connections].filter(
      (c) =>
        c.identity.workshopId === workshopId &&
        (participantId === undefined || c.identity.participantId === participantId),
    )
  }

  /**
   * Closes a participant's sockets at once, e.g. after a role change or removal: the open ones
   * and those still waiting for admission (admitted later, they would carry the old role).
   */
  closeParticipant(workshopId: string, participantId: string, code: CloseCode): number {
    let closed = 0
    for (const socket of [...this.sockets]) {
      if (!socket.isQueued) continue
      if (socket.access.workshop.id !== workshopId || socket.access.participantId !== participantId) continue
      socket.close(code)
      closed++
    }
    const open = this.connectionsOf(workshopId, participantId)
    for (const connection of open) {
      connection.close(code)
      this.disconnect(connection)
    }
    return closed + open.length
  }

  /** Closes every connection with a transient code; clients reconnect (used for drills and tests). */
  dropAll(code: CloseCode = CLOSE.serverRestart): number {
    const open = [...this.connections]
    for (const connection of open) {
      connection.close(code)
      this.disconnect(connection)
    }
    return open.length
  }

  /** Closes every socket of a workshop, waiting or open, with `code`. */
  closeWorkshop(workshopId: string, code: CloseCode): void {
    for (const socket of [...this.sockets])
      if (socket.isQueued && socket.access.workshop.id === workshopId) socket.close(code)
    for (const connection of this.connectionsOf(workshopId)) {
      connection.close(code)
      this.disconnect(connection)
    }
  }

  /**
   * Runs `work` with the workshop's rooms (board and desks) out of memory and everything they
   * accepted on disk, so the stored rows are the whole truth for it to rewrite or delete. Its
   * sockets are closed with `code`; until `work` has run, new ones are refused (transiently) and
   * rooms loaded meanwhile (an HTTP read during the wait) are unloaded again.
   */
  async withWorkshopUnloaded<T>(workshopId: string, code: CloseCode, work: () => Promise<T>): Promise<T> {
    this.frozen.add(workshopId)
    // Until the work is done nobody loads these rooms (an HTTP change waits, then reads the result).
    const resume = this.registry.pause(
      (name) => name === workshopId || name.startsWith(`${workshopId}/desk/`),
    )
    try {
      this.closeWorkshop(workshopId, code)
      const deskPrefix = `${workshopId}/desk/`
      const loaded = () =>
        this.registry.all().filter((r) => r.name === workshopId || r.name.startsWith(deskPrefix))
      for (let round = 0; round < 10; round++) {
        const rooms = loaded()
        // Desks first: each holds a reference to its board.
        rooms.sort((a, b) => Number(b.name.startsWith(deskPrefix)) - Number(a.name.startsWith(deskPrefix)))
        for (const room of rooms) this.registry.discard(room)
        await this.writer.drainedWithin(10_000)
        await this.rooms.ledger.flushedWithin(10_000)
        if (loaded().length === 0) break
      }
      // No await between the check above and the start of the work. On SQLite the work's
      // transaction awaits only its own statements, which run at once: it ends before any I/O
      // (a request that would load a room) is handled.
      return await work()
    } finally {
      // The work may have rewritten the stored rooms and records: whatever of them was loaded or
      // being loaded meanwhile (an HTTP read) is read again from what the work left.
      this.registry.invalidate((name) => name === workshopId || name.startsWith(`${workshopId}/desk/`))
      this.rooms.ledger.forget(workshopId)
      this.rooms.owners.forget(workshopId)
      this.frozen.delete(workshopId)
      resume()
    }
  }

  disconnect(connection: ClientConnection): void {
    if (!this.connections.delete(connection)) return
    connection.handleClosed()
    this.rooms.release(connection.room)
  }

  readBoard<T>(workshopId: string, read: (board: Y.Doc) => T): Promise<T> {
    return this.rooms.withBoard(workshopId, (board) => read(board.doc))
  }

  changeBoard<T>(workshopId: string, change: (board: Y.Doc) => T): Promise<T> {
    return this.rooms.withBoard(workshopId, (board) => board.doc.transact(() => change(board.doc)))
  }

  get storageFailure(): Error | null {
    return this.writer.lastError ?? this.rooms.ledger.lastError
  }

  /** Room updates or card records cannot be stored (or can again): every screen is told. */
  private storageChanged(): void {
    const failing = this.writer.lastError ?? this.rooms.ledger.lastError
    const status = this.registry.serverStatus
    if (failing && !status) this.registry.setServerStatus({ storage: 'failing', since: Date.now() })
    else if (!failing && status) this.registry.setServerStatus(null)
  }

  reveal(workshopId: string): Promise<number> {
    return this.rooms.reveal(workshopId)
  }

  heldCounts(workshopId: string): Promise<{ count: number; waiting: number }> {
    return this.rooms.heldCounts(workshopId)
  }

  pending(workshopId: string): Promise<WaitingCard[]> {
    return this.rooms.pending(workshopId)
  }

  approve(workshopId: string, participantId: string, cardId: string): Promise<Approval> {
    return this.rooms.approve(workshopId, participantId, cardId)
  }

  reject(
    workshopId: string,
    participantId: string,
    cardId: string,
    reason: string,
    by: string,
  ): Promise<boolean> {
    return this.rooms.reject(workshopId, participantId, cardId, reason, by)
  }

  hideCard(workshopId: string, cardId: string, reason: string, by: string): Promise<Hiding> {
    return this.rooms.hideCard(workshopId, cardId, reason, by)
  }

  connectionCounts(workshopId: string): Map<string, number> {
    const counts = new Map<string, number>()
    for (const { identity } of this.connectionsOf(workshopId))
      counts.set(identity.participantId, (counts.get(identity.participantId) ?? 0) + 1)
    return counts
  }

  /**
   * The board's state once everything accepted so far is durable, for snapshots; null when the
   * server cannot store (a snapshot must not hold what a crash could lose).
   */
  async boardState(workshopId: string): Promise<Uint8Array | null> {
    if (this.writer.lastError || !(await this.writer.drainedWithin(5000))) return null
    return this.rooms.withBoard(workshopId, (board) => Y.encodeStateAsUpdate(board.doc))
  }

  /** Closes every connection, commits and compacts every room. False if updates were left. */
  async close(code: CloseCode = CLOSE.serverRestart): Promise<boolean> {
    clearInterval(this.heartbeat)
    this.admission.close()
    for (const socket of [...this.sockets]) if (socket.isQueued) socket.close(code)
    for (const connection of [...this.connections]) {
      connection.close(code)
      this.disconnect(connection)
    }
    this.registry.unloadAll()
    const records = await this.rooms.ledger.close()
    return (await this.writer.close()) && records
  }

  /**
   * A room whose document failed is reloaded from disk. The peer whose update failed is refused
   * (it would only send it again); everyone else in the room, and in the desks projecting onto
   * it, is closed with a transient code, reconnects and resyncs against the reloaded room.
   */
  private readonly onRoomFailed = (room: Room, _error: Error, origin: unknown): void => {
    if (origin instanceof ClientConnection) {
      origin.close(CLOSE.malformedFrame)
      this.disconnect(origin)
    }
    for (const affected of this.rooms.reloadedWith(room)) {
      for (const connection of [...this.connections]) {
        if (connection.room !== affected) continue
        connection.close(CLOSE.roomFailed)
        this.disconnect(connection)
      }
      this.registry.discard(affected)
    }
  }

  private checkHeartbeats(): void {
    for (const connection of this.connections) {
      if (!connection.isAlive) {
        this.logger.info({ room: connection.room.name }, 'dropping dead connection')
        connection.ws.terminate()
        this.disconnect(connection)
        continue
      }
      connection.isAlive = false
      try {
        connection.ws.ping()
      } catch {
        // The close handler cleans up.
      }
    }
  }
}
