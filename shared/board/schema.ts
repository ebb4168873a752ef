/**
 * The board document schema, v1. This is the only module that knows the Yjs key names:
 * everything else reads and writes cards through the functions in this folder.
 *
 * Board and desk share the card shape: root Y.Map `notes`, keyed by card id, each card a
 * Y.Map with `text` (Y.Text), `x`, `y`, `color`, `createdAt`. The board adds the author
 * fields, the hidden mark and the edit record, which only the server writes (from the
 * authenticated connection). Who may write each
 * root and field is declared in ../policy/board-registry.ts.
 */
import * as Y from 'yjs'
import { type Group, isGroup } from '../policy/roles.ts'

export const ROOT_NOTES = 'notes'
/** Desk only: card id → why the server did not put that card on the board. Written by the server. */
export const ROOT_REFUSALS = 'refusals'
/**
 * Desk only: card id → CardState, the server's record of a card of the desk's owner that is not
 * (or no longer) on the board as written: held for privacy, waiting for approval, rejected,
 * deleted by a facilitator, hidden. Written by the server from its own records (tombstones).
 */
export const ROOT_CARD_STATES = 'cardStates'
/** Desk only: card id → { x, y }, a participant's wish to move someone else's card. */
export const ROOT_MOVES = 'moves'

/** Board only: facilitator state, see facilitation.ts. */
export const ROOT_FACILITATION = 'facilitation'

export const FIELD = {
  text: 'text',
  x: 'x',
  y: 'y',
  color: 'color',
  createdAt: 'createdAt',
  authorId: 'authorId',
  authorName: 'authorName',
  authorRole: 'authorRole',
  /** Set by the server when a facilitator hides a card: { reason, by, at }; the text is removed. */
  hidden: 'hidden',
  /**
   * Set by the server when a facilitator's connection changes the text of a card someone else
   * wrote: the editor's display name and participant id, and when (kept to the minute while one
   * editor types on).
   */
  editedBy: 'editedBy',
  editedById: 'editedById',
  editedAt: 'editedAt',
  /**
   * Desk only, and only on an assistant's desk: the group (citizen, councillor, staff) of the
   * person in the room whose card the assistant enters.
   */
  group: 'group',
  /**
   * Set by the server on every board card: the group the card counts for, from its author's
   * role, or for a card an assistant entered, the group it carries (null: facilitation).
   */
  authorGroup: 'authorGroup',
  /** Set by the server on a card an assistant entered for someone: the assistant's participant id. */
  enteredBy: 'enteredBy',
  /** Set by the server when a photo of the paper card is attached: the photo's version (a hash). */
  photo: 'photo',
  /**
   * The frame the card belongs to (a frame id), recorded when the card is dropped or its frame
   * moved; null: recorded as in no frame. Absent on older boards: `frameOf` falls back to where
   * the card lies. A desk may set it on its owner's card where moving the card is allowed.
   */
  frameId: 'frameId',
} as const

export const CARD_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'] as const
export type CardColor = (typeof CARD_COLORS)[number]

export const LIMITS = {
  /** Characters in one card's text. */
  textLength: 1000,
  /** Canvas coordinates stay within ±this value. */
  coordinate: 1_000_000,
  /** Length of a card id. */
  idLength: 64,
  /** Cards on one participant's desk. */
  deskCards: 200,
  /** Encoded size of one desk document. */
  deskBytes: 1024 * 1024,
  /** Cards on one board that may come from desks. */
  boardCards: 5000,
  /**
   * Cards one participant may have on the board from their desk. 50 is several times what a
   * person writes in a workshop, while it takes 100 participants, not 25, to fill the board.
   */
  participantCards: 50,
} as const

export type CardMap = Y.Map<unknown>

/** A plain, read-only view of one card. */
export interface Card {
  id: string
  text: string
  x: number
  y: number
  color: CardColor
  createdAt: number
  authorId: string | null
  authorName: string | null
  authorRole: string | null
  hidden: HiddenMark | null
  /** Who last changed the text of a card someone else wrote (a facilitator), and when. */
  editedBy: string | null
  editedById: string | null
  editedAt: number | null
  /** The group the card counts for (server-written); null for facilitation or an older card. */
  authorGroup: Group | null
  /** The assistant who entered the card for someone in the room (participant id), if one did. */
  enteredBy: string | null
  /** The version of the attached photo of the paper card, if any. */
  photo: string | null
  /** Desk cards only: the group an assistant enters the card for. */
  group: Group | null
  /** The recorded frame (see FIELD.frameId): an id, null for none, undefined when never recorded. */
  frameId?: string | null
}

export interface HiddenMark {
  reason: string
  by: string
  at: number
}

function readHidden(value: unknown): HiddenMark | null {
  const v = value as Partial<HiddenMark> | null
  if (typeof v !== 'object' || v === null || typeof v.reason !== 'string') return null
  return {
    reason: v.reason,
    by: typeof v.by === 'string' ? v.by : '',
    at: typeof v.at === 'number' ? v.at : 0,
  }
}

export function notesOf(doc: Y.Doc): Y.Map<CardMap> {
  return doc.getMap<CardMap>(ROOT_NOTES)
}

export function refusalsOf(desk: Y.Doc): Y.Map<string> {
  return desk.getMap<string>(ROOT_REFUSALS)
}

export interface MoveWish {
  x: number
  y: number
}

export const CARD_STATE_KINDS = ['private', 'approval', 'rejected', 'deleted', 'hidden'] as const
export type CardStateKind = (typeof CARD_STATE_KINDS)[number]

export function isCardStateKind(value: unknown): value is CardStateKind {
  return typeof value === 'string' && (CARD_STATE_KINDS as readonly string[]).includes(value)
}

export interface CardState {
  state: CardStateKind
  /** Why (rejected, deleted, hidden), as the facilitator gave it. */
  reason?: string
  /** Who decided it (a facilitator's display name). */
  by?: string
  at: number
}

/** A server record read defensively: anything malformed counts as no record. */
export function readCardState(value: unknown): CardState | null {
  const v = value as Partial<CardState> | null
  if (typeof v !== 'object' || v === null || !isCardStateKind(v.state)) return null
  return {
    state: v.state,
    reason: typeof v.reason === 'string' ? v.reason : undefined,
    by: typeof v.by === 'string' ? v.by : undefined,
    at: typeof v.at === 'number' ? v.at : 0,
  }
}

export function cardStatesOf(desk: Y.Doc): Y.Map<CardState> {
  return desk.getMap<CardState>(ROOT_CARD_STATES)
}

export function movesOf(desk: Y.Doc): Y.Map<MoveWish> {
  return desk.getMap<MoveWish>(ROOT_MOVES)
}

export function isCardColor(value: unknown): value is CardColor {
  return typeof value === 'string' && (CARD_COLORS as readonly string[]).includes(value)
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/
export function isCardId(value: string): boolean {
  return ID_PATTERN.test(value)
}

function finiteOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

function groupOrNull(value: unknown): Group | null {
  return isGroup(value) ? value : null
}

/** Reads one card defensively: a malformed card still renders, with safe defaults. */
export function readCard(id: string, map: CardMap): Card {
  const text = map.get(FIELD.text)
  const color = map.get(FIELD.color)
  return {
    id,
    text: text instanceof Y.Text ? text.toString() : '',
    x: finiteOr(map.get(FIELD.x), 0),
    y: finiteOr(map.get(FIELD.y), 0),
    color: isCardColor(color) ? color : 'yellow',
    createdAt: finiteOr(map.get(FIELD.createdAt), 0),
    authorId: stringOrNull(map.get(FIELD.authorId)),
    authorName: stringOrNull(map.get(FIELD.authorName)),
    authorRole: stringOrNull(map.get(FIELD.authorRole)),
    hidden: readHidden(map.get(FIELD.hidden)),
    editedBy: stringOrNull(map.get(FIELD.editedBy)),
    editedById: stringOrNull(map.get(FIELD.editedById)),
    editedAt: finiteOrNull(map.get(FIELD.editedAt)),
    authorGroup: groupOrNull(map.get(FIELD.authorGroup)),
    enteredBy: stringOrNull(map.get(FIELD.enteredBy)),
    photo: stringOrNull(map.get(FIELD.photo)),
    group: groupOrNull(map.get(FIELD.group)),
    frameId: frameIdOf(map),
  }
}

function frameIdOf(map: CardMap): string | null | undefined {
  if (!map.has(FIELD.frameId)) return undefined
  const value = map.get(FIELD.frameId)
  return typeof value === 'string' && isCardId(value) ? value : null
}

/** All cards, oldest first (ties broken by id so every screen agrees). */
export function readCards(doc: Y.Doc): Card[] {
  const cards: Card[] = []
  notesOf(doc).forEach((map, id) => {
    if (map instanceof Y.Map) cards.push(readCard(id, map))
  })
  return cards.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
