/**
 * The sync service as a whole: persistence, loaded rooms, live connections and their
 * heartbeat. Built once per server process; the HTTP layer only hands it sockets.
 */
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { CLOSE, type CloseCode } from '../../shared/protocol/close-codes.ts'
import type { Db } from '../db/open-database.ts'
import type { Logger } from '../logger.ts'
import type { WorkshopAccess } from '../workshops/workshop-access.ts'
import { ClientConnection } from './client-connection.ts'
import { RoomRegistry } from './room-registry.ts'
import { RoomStore } from './room-store.ts'
import { UpdateWriter } from './update-writer.ts'
import { WorkshopRooms } from './workshop-rooms.ts'

export interface SyncOptions {
  /** How long an unused room stays in memory. */
  idleUnloadMs?: number
  /** Interval of the ping that finds dead connections. */
  heartbeatMs?: number
}

export type SyncTarget = 'board' | 'desk'

export class SyncServer {
  readonly store: RoomStore
  readonly writer: UpdateWriter
  readonly registry: RoomRegistry
  readonly rooms: WorkshopRooms
  private readonly connections = new Set<ClientConnection>()
  private readonly heartbeat: NodeJS.Timeout

  constructor(
    db: Db,
    private readonly logger: Logger,
    options: SyncOptions = {},
  ) {
    this.store = new RoomStore(db)
    this.writer = new UpdateWriter(this.store, logger)
    this.registry = new RoomRegistry(this.store, this.writer, logger, options.idleUnloadMs ?? 15_000)
    this.rooms = new WorkshopRooms(this.registry, logger)
    this.heartbeat = setInterval(() => this.checkHeartbeats(), options.heartbeatMs ?? 30_000)
    this.heartbeat.unref()
  }

  get connectionCount(): number {
    return this.connections.size
  }

  connect(ws: WebSocket, target: SyncTarget, access: WorkshopAccess): ClientConnection {
    const workshopId = access.workshop.id
    const room =
      target === 'board'
        ? this.rooms.openBoard(workshopId)
        : this.rooms.openDesk(workshopId, {
            participantId: access.participantId,
            name: access.name,
            role: access.role,
          })
    const canWrite = target === 'board' ? access.isFacilitator : access.role !== 'observer'
    const connection = new ClientConnection(
      ws,
      room,
      { participantId: access.participantId, name: access.name, role: access.role, canWrite },
      this.logger,
    )
    this.connections.add(connection)
    ws.on('pong', () => {
      connection.isAlive = true
    })
    connection.open()
    return connection
  }

  disconnect(connection: ClientConnection): void {
    if (!this.connections.delete(connection)) return
    connection.handleClosed()
    this.rooms.release(connection.room)
  }

  /** The board's durable state, for snapshots. */
  boardState(workshopId: string): Uint8Array {
    this.writer.flush()
    return this.rooms.withBoard(workshopId, (board) => Y.encodeStateAsUpdate(board.doc))
  }

  /** Closes every connection, commits and compacts every room. */
  close(code: CloseCode = CLOSE.serverRestart): void {
    clearInterval(this.heartbeat)
    for (const connection of [...this.connections]) {
      connection.close(code)
      this.disconnect(connection)
    }
    this.registry.unloadAll()
    this.writer.close()
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
