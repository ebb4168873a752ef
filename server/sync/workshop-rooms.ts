/**
 * The rooms of a workshop: its board, named by the workshop id, and one desk per participant,
 * `<workshopId>/desk/<participantId>`. A loaded desk keeps the board loaded and projects onto it.
 */
import type { Logger } from '../logger.ts'
import { attachAuthorStamp } from './author-stamp.ts'
import { attachDeskProjection, type DeskOwner, heldCards, revealDesk } from './desk-projection.ts'
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

  /**
   * The rooms that must be reloaded with `room`: a board's loaded desks project onto that board
   * object, so they go with it (desks first); a desk goes alone.
   */
  reloadedWith(room: Room): Room[] {
    const deskPrefix = deskRoomName(room.name, '')
    if (room.name.includes('/desk/')) return [room]
    return [...this.registry.all().filter((other) => other.name.startsWith(deskPrefix)), room]
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
    ).reduce((a, b) => a + b, 0)
  }

  /** Cards held back on these participants' desks, by participant. */
  held(workshopId: string, participantIds: string[]): { participantId: string; id: string; text: string }[] {
    return this.withDesks(workshopId, participantIds, (desk, board, participantId) =>
      heldCards(desk.doc, board.doc).map((card) => ({ participantId, ...card })),
    ).flat()
  }

  /** Lets one held-back card through to the board; returns whether it got there. */
  approve(workshopId: string, participantId: string, cardId: string): boolean {
    const [count] = this.withDesks(workshopId, [participantId], (desk, board) =>
      revealDesk(desk, board, { owner: () => this.lookup(participantId) }, cardId),
    )
    return count === 1
  }

  private withDesks<T>(
    workshopId: string,
    participantIds: string[],
    each: (desk: Room, board: Room, participantId: string) => T,
  ): T[] {
    return this.withBoard(workshopId, (board) =>
      participantIds.map((participantId) => {
        const desk = this.openDesk(workshopId, participantId)
        try {
          return each(desk, board, participantId)
        } finally {
          this.release(desk)
        }
      }),
    )
  }
}
