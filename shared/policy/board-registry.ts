/**
 * Who writes what: every root type of the board and the desk, and every card field, with the
 * party allowed to write it. The update inspection, the desk projection, the routes and the UI
 * read their rules from here, so a new field is declared once.
 *
 * Writers: `server` (only the server's own transactions), `facilitator` (a facilitator's board
 * connection, and the server), `owner` (the desk's owner, on their desk).
 */

import { ROOT_CONNECTORS } from '../board/connectors.ts'
import { ROOT_FRAMES } from '../board/frames.ts'
import { ROOT_HANDS } from '../board/hands.ts'
import { ROOT_MEASURES } from '../board/measures.ts'
import {
  FIELD,
  ROOT_CARD_STATES,
  ROOT_FACILITATION,
  ROOT_MOVES,
  ROOT_NOTES,
  ROOT_REFUSALS,
} from '../board/schema.ts'
import { ROOT_SCRIPT } from '../script/script-schema.ts'
import { ROOT_RESULTS } from '../votes/results.ts'
import type { Role } from './roles.ts'

export type Writer = 'server' | 'facilitator' | 'owner'

export interface RootRule {
  doc: 'board' | 'desk'
  writer: Writer
  what: string
}

export const ROOTS: Readonly<Record<string, RootRule>> = {
  [`board:${ROOT_NOTES}`]: { doc: 'board', writer: 'facilitator', what: 'cards' },
  [`board:${ROOT_FACILITATION}`]: { doc: 'board', writer: 'facilitator', what: 'phase, switches, timer' },
  [`board:${ROOT_SCRIPT}`]: { doc: 'board', writer: 'facilitator', what: 'the script (agenda)' },
  [`board:${ROOT_MEASURES}`]: { doc: 'board', writer: 'facilitator', what: 'measures' },
  [`board:${ROOT_FRAMES}`]: { doc: 'board', writer: 'facilitator', what: 'frames (clusters)' },
  // Like frames, connectors structure the board for everyone: the facilitator draws them.
  [`board:${ROOT_CONNECTORS}`]: { doc: 'board', writer: 'facilitator', what: 'connectors between cards' },
  [`board:${ROOT_RESULTS}`]: { doc: 'board', writer: 'server', what: 'revealed vote results' },
  [`board:${ROOT_HANDS}`]: { doc: 'board', writer: 'server', what: 'raised hands and the speaker' },
  [`desk:${ROOT_NOTES}`]: { doc: 'desk', writer: 'owner', what: "the owner's cards" },
  [`desk:${ROOT_MOVES}`]: { doc: 'desk', writer: 'owner', what: 'wishes to move others’ cards' },
  [`desk:${ROOT_REFUSALS}`]: { doc: 'desk', writer: 'server', what: 'why a change was refused' },
  [`desk:${ROOT_CARD_STATES}`]: { doc: 'desk', writer: 'server', what: 'held, rejected, deleted, hidden' },
}

function rootsWritableBy(doc: 'board' | 'desk', writer: Writer): ReadonlySet<string> {
  return new Set(
    Object.entries(ROOTS)
      .filter(([, rule]) => rule.doc === doc && rule.writer === writer)
      .map(([key]) => key.slice(doc.length + 1)),
  )
}

/** Root types a facilitator's connection may write on the board. */
export const BOARD_WRITABLE_ROOTS = rootsWritableBy('board', 'facilitator')
/** Root types a participant may write on their own desk. */
export const DESK_WRITABLE_ROOTS = rootsWritableBy('desk', 'owner')

export interface FieldRule {
  /** May the owner set it on a desk card? */
  desk: boolean
  /** Only owners of these roles may set it on a desk card (absent: every desk owner). */
  deskRoles?: readonly Role[]
  /** Who writes it on a board card. */
  board: Writer
}

/**
 * Card fields. Author fields (with the group a card counts for and who entered it), `hidden`, the
 * edit record and the photo are the server's alone on the board, for facilitators too: the
 * minutes attribute text by them.
 */
export const CARD_FIELDS: Readonly<Record<string, FieldRule>> = {
  [FIELD.text]: { desk: true, board: 'facilitator' },
  [FIELD.x]: { desk: true, board: 'facilitator' },
  [FIELD.y]: { desk: true, board: 'facilitator' },
  [FIELD.color]: { desk: true, board: 'facilitator' },
  [FIELD.createdAt]: { desk: true, board: 'facilitator' },
  [FIELD.authorId]: { desk: false, board: 'server' },
  [FIELD.authorName]: { desk: false, board: 'server' },
  [FIELD.authorRole]: { desk: false, board: 'server' },
  [FIELD.hidden]: { desk: false, board: 'server' },
  [FIELD.editedBy]: { desk: false, board: 'server' },
  [FIELD.editedById]: { desk: false, board: 'server' },
  [FIELD.editedAt]: { desk: false, board: 'server' },
  // An assistant's desk card names the group it is entered for; the board carries the result.
  [FIELD.group]: { desk: true, deskRoles: ['assistant'], board: 'server' },
  [FIELD.authorGroup]: { desk: false, board: 'server' },
  [FIELD.enteredBy]: { desk: false, board: 'server' },
  [FIELD.photo]: { desk: false, board: 'server' },
  // Which frame the card belongs to: its owner sets it by dropping the card (where moving it is
  // allowed; the projection checks the frame exists and holds the card), facilitators on any card.
  [FIELD.frameId]: { desk: true, board: 'facilitator' },
}

/** May a desk owner of this role set this card field? */
export function deskFieldAllowed(field: string, role: Role): boolean {
  const rule = CARD_FIELDS[field]
  if (!rule?.desk) return false
  return rule.deskRoles === undefined || rule.deskRoles.includes(role)
}

/** Card fields a participant may set on a desk card. */
export const DESK_CARD_FIELDS: ReadonlySet<string> = new Set(
  Object.entries(CARD_FIELDS)
    .filter(([, rule]) => rule.desk)
    .map(([key]) => key),
)

/**
 * Card fields only the server writes on the board. A peer's board update that writes or deletes
 * one (a facilitator's too) is refused; deleting a whole card stays a write to `notes`.
 */
export const SERVER_CARD_FIELDS: ReadonlySet<string> = new Set(
  Object.entries(CARD_FIELDS)
    .filter(([, rule]) => rule.board === 'server')
    .map(([key]) => key),
)
