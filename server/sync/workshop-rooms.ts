/**
 * The rooms of a workshop: its board, named by the workshop id, and one desk per participant,
 * `<workshopId>/desk/<participantId>`. A loaded desk keeps the board loaded and projects onto it.
 */
import type { Logger } from '../logger.ts'
import { attachAuthorStamp } from './author-stamp.ts'
import { attachDeskProjection, countPrivateCards, type DeskOwner, revealDesk } from './desk-projection.ts'
import type { Room } from './room.ts'
import type { RoomRegistry } from './room-registry.ts'

export const boardRoomName = (workshopId: string): string => workshopId
export const deskRoomName = (workshopId: string, participantId: string): string =>
  `${workshopId}/desk/${participantId}`

/** The server's current view of a participant; null once removed. */
export type OwnerLookup = (participantId: string) => DeskOwner | null

export class WorkshopRooms {
  constructor(
    private readonly registry: RoomRegistry,
    private readonly lookup: OwnerLookup,
    private readonly logger: Logger,
  ) {}

  openBoard(workshopId: string): Room {
    return this.registry.acquire(boardRoomName(workshopId), attachAuthorStamp)
  }

  openDesk(workshopId: string, participantId: string): Room {
    return this.registry.acquire(deskRoomName(workshopId, participantId), (desk) => {
      const board = this.openBoard(workshopId)
      const detach = attachDeskProjection(
        desk,
        board,
        { owner: () => this.lookup(participantId) },
        this.logger,
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

  /** Runs `read` with the board loaded, loading it for the moment if needed. */
  withBoard<T>(workshopId: string, read: (board: Room) => T): T {
    const board = this.openBoard(workshopId)
    try {
      return read(board)
    } finally {
      this.release(board)
    }
  }

  /** Puts the held-back cards of these participants on the board; returns how many. */
  reveal(workshopId: string, participantIds: string[]): number {
    return this.withDesks(workshopId, participantIds, (desk, board, participantId) =>
      revealDesk(desk, board, { owner: () => this.lookup(participantId) }),
    )
  }

  /** Cards waiting on these participants' desks for a reveal. */
  countPrivate(workshopId: string, participantIds: string[]): number {
    return this.withDesks(workshopId, participantIds, (desk, board) => countPrivateCards(desk.doc, board.doc))
  }

  private withDesks(
    workshopId: string,
    participantIds: string[],
    each: (desk: Room, board: Room, participantId: string) => number,
  ): number {
    return this.withBoard(workshopId, (board) => {
      let total = 0
      for (const participantId of participantIds) {
        const desk = this.openDesk(workshopId, participantId)
        try {
          total += each(desk, board, participantId)
        } finally {
          this.release(desk)
        }
      }
      return total
    })
  }
}
