/**
 * What the HTTP layer and the domain modules (voting, moderation, phases) may ask of the sync
 * service: read or change a workshop's board as the server, the card records' reveal, approval
 * queue and hiding (async: they load the workshop's records and answer once their changes are
 * committed), who is connected, closing a participant's sockets, the board's durable state
 * for a snapshot, and whether storage is failing. `SyncServer` implements it; `AppDeps.sync` is
 * typed as this, so routes cannot reach rooms, the registry, the writer or connections.
 */
import type { WebSocket } from 'ws'
import type * as Y from 'yjs'
import type { CloseCode } from '../../shared/protocol/close-codes.ts'
import type { WorkshopAccess } from '../workshops/workshop-access.ts'
import type { SyncSocket, SyncTarget } from './sync-socket.ts'

/** The result of letting one waiting card through: refused with `not-waiting` or a desk rule's code. */
export type Approval = { ok: true } | { ok: false; reason: 'not-waiting' | string }

/** The result of hiding a card on the board. */
export type Hiding = { ok: true } | { ok: false; reason: 'no-card' | 'already-hidden' }

/** A card waiting for approval, with its author's current text. */
export interface WaitingCard {
  participantId: string
  id: string
  text: string
}

export interface WorkshopSync {
  /** Takes a new sync socket (board or desk) of an admitted member; a close code when refused. */
  accept(ws: WebSocket, target: SyncTarget, access: WorkshopAccess): SyncSocket | CloseCode

  /** Reads the workshop's board (`read` runs synchronously), loading it for the moment if needed. */
  readBoard<T>(workshopId: string, read: (board: Y.Doc) => T): Promise<T>
  /**
   * Changes the workshop's board in one server transaction (`change` runs synchronously, once
   * the board is loaded): no connection is its origin, so it is neither stamped as a peer's edit
   * nor recorded as a facilitator's deletion.
   */
  changeBoard<T>(workshopId: string, change: (board: Y.Doc) => T): Promise<T>
  /**
   * The board's state once everything accepted so far is durable, for snapshots; null when the
   * server cannot store (a snapshot must not hold what a crash could lose).
   */
  boardState(workshopId: string): Promise<Uint8Array | null>
  /** Why the server cannot store updates right now; null while it can. */
  readonly storageFailure: Error | null

  /**
   * Puts every held private card on the board; how many got there. Like the other record
   * actions below, it resolves once the records it changed are committed.
   */
  reveal(workshopId: string): Promise<number>
  /** Private cards held and cards waiting for approval, from the records alone. */
  heldCounts(workshopId: string): Promise<{ count: number; waiting: number }>
  /** The approval queue, oldest first. */
  pending(workshopId: string): Promise<WaitingCard[]>
  /** Lets one waiting card through to the board; if it cannot be placed it stays queued. */
  approve(workshopId: string, participantId: string, cardId: string): Promise<Approval>
  /** Turns one waiting card down; false if it was not waiting. */
  reject(
    workshopId: string,
    participantId: string,
    cardId: string,
    reason: string,
    by: string,
  ): Promise<boolean>
  /** Hides a card: its text leaves the board, the original and the reason stay on the server. */
  hideCard(workshopId: string, cardId: string, reason: string, by: string): Promise<Hiding>

  /** Open sync connections per participant id (participants without any are absent). */
  connectionCounts(workshopId: string): Map<string, number>
  /** Closes every socket of the workshop with `code` (closing it: they reconnect read-only). */
  closeWorkshop(workshopId: string, code: CloseCode): void
  /**
   * Runs `work` with the workshop's rooms out of memory and all they accepted on disk, its sockets
   * closed with `code` and new ones held off until `work` returns: for rewriting or deleting the
   * stored rooms (retention, deletions).
   */
  withWorkshopUnloaded<T>(workshopId: string, code: CloseCode, work: () => Promise<T>): Promise<T>
  /** Closes a participant's sockets, open or waiting for admission; how many. */
  closeParticipant(workshopId: string, participantId: string, code: CloseCode): number
}
