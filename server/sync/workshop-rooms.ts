/**
 * The rooms of a workshop: its board, named by the workshop id, and one desk per participant,
 * `<workshopId>/desk/<participantId>`. A loaded desk keeps the board loaded and projects onto it.
 */
import type { ParticipantRole } from '../auth/session-store.ts'
import type { Logger } from '../logger.ts'
import { attachAuthorStamp } from './author-stamp.ts'
import { attachDeskProjection } from './desk-projection.ts'
import type { Room } from './room.ts'
import type { RoomRegistry } from './room-registry.ts'

export const boardRoomName = (workshopId: string): string => workshopId
export const deskRoomName = (workshopId: string, participantId: string): string =>
  `${workshopId}/desk/${participantId}`

export interface DeskOwner {
  participantId: string
  name: string
  role: ParticipantRole
}

export class WorkshopRooms {
  constructor(
    private readonly registry: RoomRegistry,
    private readonly logger: Logger,
  ) {}

  openBoard(workshopId: string): Room {
    return this.registry.acquire(boardRoomName(workshopId), attachAuthorStamp)
  }

  openDesk(workshopId: string, owner: DeskOwner): Room {
    return this.registry.acquire(deskRoomName(workshopId, owner.participantId), (desk) => {
      const board = this.openBoard(workshopId)
      const detach = attachDeskProjection(
        desk,
        board,
        { authorId: owner.participantId, authorName: owner.name, authorRole: owner.role },
        this.logger,
        { mayPost: () => owner.role !== 'observer' },
      )
      return () => {
        detach()
        this.registry.release(board)
      }
    })
  }

  release(room: Room): void {
    this.registry.release(room)
  }

  /** The board's current state, encoded; loads the board for the moment if needed. */
  withBoard<T>(workshopId: string, read: (board: Room) => T): T {
    const board = this.openBoard(workshopId)
    try {
      return read(board)
    } finally {
      this.release(board)
    }
  }
}
