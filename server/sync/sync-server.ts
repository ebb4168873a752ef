/**
 * The sync service as a whole: persistence, loaded rooms, live connections, their admission,
 * caps and heartbeat. Built once per server process; the HTTP layer only hands it sockets.
 */
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { LIMITS } from '../../shared/board/schema.ts'
import { BOARD_WRITABLE_ROOTS, DESK_WRITABLE_ROOTS } from '../../shared/policy/board-registry.ts'
import { CLOSE, type CloseCode } from '../../shared/protocol/close-codes.ts'
import type { Db } from '../db/open-database.ts'
import type { Logger } from '../logger.ts'
import { CardLedger } from '../moderation/card-ledger.ts'
import type { WorkshopAccess } from '../workshops/workshop-access.ts'
import { AdmissionQueue } from './admission-queue.ts'
import { ClientConnection, type WritePolicy } from './client-connection.ts'
import type { CommitThreadData } from './commit-protocol.ts'
import { CommitThread } from './commit-thread.ts'
import { InlineCommitter } from './inline-committer.ts'
import type { Room } from './room.ts'
import { RoomRegistry } from './room-registry.ts'
import { RoomStore } from './room-store.ts'
import { UpdateWriter } from './update-writer.ts'
import { type OwnerLookup, WorkshopRooms } from './workshop-rooms.ts'

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
}

export type SyncTarget = 'board' | 'desk'

/** The commit thread opens the same database file with the same durability. */
function commitThreadData(db: Db): CommitThreadData {
  const level = db.pragma('synchronous', { simple: true }) as number
  return { file: db.name, synchronous: level >= 2 ? 'FULL' : 'NORMAL', busyTimeoutMs: 5000 }
}

/** What a connection may write: facilitators the board, participants (not observers) their desk. */
function writePolicy(target: SyncTarget, access: WorkshopAccess): WritePolicy {
  if (target === 'board')
    return { canWrite: access.isFacilitator, roots: BOARD_WRITABLE_ROOTS, maxBytes: null }
  return { canWrite: access.role !== 'observer', roots: DESK_WRITABLE_ROOTS, maxBytes: LIMITS.deskBytes }
}

export class SyncServer {
  readonly store: RoomStore
  readonly writer: UpdateWriter
  readonly registry: RoomRegistry
  readonly rooms: WorkshopRooms
  readonly admission: AdmissionQueue
  private readonly connections = new Set<ClientConnection>()
  private readonly heartbeat: NodeJS.Timeout
  private readonly maxPerWorkshop: number

  constructor(
    db: Db,
    lookup: OwnerLookup,
    private readonly logger: Logger,
    private readonly options: SyncOptions = {},
  ) {
    this.store = new RoomStore(db)
    const startCommitter = () =>
      options.commitThread === false
        ? new InlineCommitter(this.store)
        : new CommitThread(commitThreadData(db))
    this.writer = new UpdateWriter(startCommitter, logger, (error) =>
      this.registry.setServerStatus(error ? { storage: 'failing', since: Date.now() } : null),
    )
    this.registry = new RoomRegistry(this.store, this.writer, logger, options.idleUnloadMs ?? 15_000, {
      onFailed: this.onRoomFailed,
    })
    this.rooms = new WorkshopRooms(this.registry, lookup, logger, new CardLedger(db))
    this.admission = new AdmissionQueue(options.admissionPerSecond ?? 100, options.admissionBurst ?? 200)
    this.maxPerWorkshop = options.maxConnectionsPerWorkshop ?? 1000
    this.heartbeat = setInterval(() => this.checkHeartbeats(), options.heartbeatMs ?? 30_000)
    this.heartbeat.unref()
  }

  get connectionCount(): number {
    return this.connections.size
  }

  /** Joins a socket to its room, or says why it may not (the workshop is full). */
  connect(ws: WebSocket, target: SyncTarget, access: WorkshopAccess): ClientConnection | CloseCode {
    const workshopId = access.workshop.id
    if (this.connectionsOf(workshopId).length >= this.maxPerWorkshop) return CLOSE.workshopFull
    const room =
      target === 'board'
        ? this.rooms.openBoard(workshopId)
        : this.rooms.openDesk(workshopId, access.participantId)
    const connection = new ClientConnection(
      ws,
      room,
      { workshopId, participantId: access.participantId, name: access.name, role: access.role },
      writePolicy(target, access),
      this.logger,
      { messagesPerSecond: this.options.messagesPerSecond, maxBufferedBytes: this.options.maxBufferedBytes },
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

  /** Closes a participant's open connections at once, e.g. after a role change or removal. */
  closeParticipant(workshopId: string, participantId: string, code: CloseCode): number {
    const open = this.connectionsOf(workshopId, participantId)
    for (const connection of open) {
      connection.close(code)
      this.disconnect(connection)
    }
    return open.length
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

  disconnect(connection: ClientConnection): void {
    if (!this.connections.delete(connection)) return
    connection.handleClosed()
    this.rooms.release(connection.room)
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
  close(code: CloseCode = CLOSE.serverRestart): Promise<boolean> {
    clearInterval(this.heartbeat)
    this.admission.close()
    for (const connection of [...this.connections]) {
      connection.close(code)
      this.disconnect(connection)
    }
    this.registry.unloadAll()
    return this.writer.close()
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
