/**
 * The permission matrix of docs/security.md, computed from the policy itself: each row asks the
 * permission functions about a representative actor of each column under the default settings.
 * A test compares the documented table with this, so the two cannot drift.
 */
import { DEFAULT_FACILITATION } from '../board/facilitation.ts'
import { FIELD } from '../board/schema.ts'
import { CARD_FIELDS } from './board-registry.ts'
import {
  type Actor,
  type CardFacts,
  mayAttachPhoto,
  mayCreateCard,
  mayDeleteCard,
  mayEditCard,
  mayEnterForOthers,
  mayEnterPaperVotes,
  mayFacilitate,
  mayMoveCard,
  mayRaiseHand,
  mayRaiseHandFor,
  maySeeCard,
  mayVote,
  writesBoard,
} from './permissions.ts'

export const MATRIX_COLUMNS = ['facilitator', 'participant', 'assistant', 'observer'] as const
export type MatrixColumn = (typeof MATRIX_COLUMNS)[number]

export interface MatrixRow {
  /** The action, word for word as the first cell of the documented row. */
  action: string
  allowed: Record<MatrixColumn, boolean>
}

const ACTORS: Record<MatrixColumn, Actor> = {
  facilitator: { participantId: 'f', role: 'facilitator', isFacilitator: true },
  // Citizens, councillors and staff have the same rights; results only tell their groups apart.
  participant: { participantId: 'p', role: 'citizen', isFacilitator: false },
  // Writes a desk like a participant, for people in the room; casts no ballot of its own.
  assistant: { participantId: 'a', role: 'assistant', isFacilitator: false },
  observer: { participantId: 'o', role: 'observer', isFacilitator: false },
}

const settings = DEFAULT_FACILITATION
const own = (actor: Actor): CardFacts => ({ authorId: actor.participantId, hidden: false })
const others: CardFacts = { authorId: 'someone-else', hidden: false }
const hiddenOwn = (actor: Actor): CardFacts => ({ authorId: actor.participantId, hidden: true })

function row(action: string, rule: (actor: Actor) => boolean): MatrixRow {
  const allowed = {} as Record<MatrixColumn, boolean>
  for (const column of MATRIX_COLUMNS) allowed[column] = rule(ACTORS[column])
  return { action, allowed }
}

export function permissionMatrix(): MatrixRow[] {
  const serverOnly = (field: string) => CARD_FIELDS[field]?.board === 'server'
  return [
    row('read the board, see presence', () => true),
    row('write the board document directly', writesBoard),
    row('create a card', (a) => mayCreateCard(a, settings).ok),
    row('edit, recolour, delete own card', (a) => mayEditCard(a, own(a), settings).ok),
    row('edit or delete another’s card', (a) => mayEditCard(a, others, settings).ok),
    row('move another’s card', (a) => mayMoveCard(a, others, settings).ok),
    row('delete or restore a hidden card', (a) => mayDeleteCard(a, hiddenOwn(a), settings).ok),
    row(
      'set a card’s author, hidden mark or edit record',
      (a) =>
        writesBoard(a) &&
        ![FIELD.authorId, FIELD.authorGroup, FIELD.enteredBy, FIELD.hidden, FIELD.photo].every(serverOnly),
    ),
    row('enter cards on behalf of people in the room', mayEnterForOthers),
    row('attach a photo of a paper card', (a) =>
      mayAttachPhoto(a, {
        enteredBy: a.role === 'assistant' ? a.participantId : 'someone-else',
        hidden: false,
      }),
    ),
    row('change settings (moves, private, locked)', writesBoard),
    row('see another’s private card before the reveal', (a) => maySeeCard(a, 'someone-else', 'private')),
    row('reveal private cards', mayFacilitate),
    row('vote', mayVote),
    row('enter hand-counted dots from the wall', mayEnterPaperVotes),
    row('see others’ votes before the reveal', () => false),
    row('move between phases, run the timer, reveal votes', mayFacilitate),
    row('hide a card (with a reason), approve or reject queued cards', mayFacilitate),
    row('change roles, remove participants', mayFacilitate),
    row('close joining, issue a new join code', mayFacilitate),
    row('snapshots and minutes', mayFacilitate),
    row('close the workshop (read-only for everyone)', mayFacilitate),
    row('raise and lower one’s own hand', mayRaiseHand),
    row('raise a hand for someone in the room', mayRaiseHandFor),
    row('call the next speaker, end the current one', mayFacilitate),
    row('ask for cluster suggestions, accept one as a frame', mayFacilitate),
    row('draw, title, move, resize, remove frames (a frame carries its cards)', writesBoard),
    row(
      'put own card into a frame or take it out (drop it there)',
      (a) => mayMoveCard(a, own(a), settings).ok,
    ),
    row('draw and delete connectors between cards and frames', writesBoard),
  ]
}
