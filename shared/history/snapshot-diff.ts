/**
 * The difference between two states of a board (two snapshots): which cards were added, which
 * removed, which changed (text, colour, hidden) and which moved between frames. A card belongs
 * to the frame `frameOf` gives it (the one recorded on the card, else the one its top-left corner
 * lies in), read in each state with that state's frames, so a card dragged into another table
 * counts as moved, and one nudged within its frame, or carried along with its frame, does not. Pure: the server serves it, tests call it directly.
 */
import type * as Y from 'yjs'
import { type Frame, frameOf, readFrames } from '../board/frames.ts'
import { type Card, type CardColor, readCards } from '../board/schema.ts'

/** A frame as the diff names it; null where a card lies outside every frame. */
export interface DiffFrame {
  id: string
  title: string
}

/** One card as it stood in one of the two states. A hidden card's text is not on the board. */
export interface DiffCard {
  id: string
  text: string
  color: CardColor
  authorName: string | null
  hidden: boolean
  frame: DiffFrame | null
}

export type CardChangeKind = 'text' | 'color' | 'hidden'

export interface ChangedCard {
  id: string
  before: DiffCard
  after: DiffCard
  changes: CardChangeKind[]
}

export interface MovedCard {
  id: string
  card: DiffCard
  from: DiffFrame | null
  to: DiffFrame | null
}

export interface SnapshotDiff {
  added: DiffCard[]
  removed: DiffCard[]
  changed: ChangedCard[]
  moved: MovedCard[]
}

function cardsWithFrames(board: Y.Doc): Map<string, DiffCard> {
  const frames: Frame[] = readFrames(board)
  const cards = new Map<string, DiffCard>()
  for (const card of readCards(board)) cards.set(card.id, diffCard(card, frames))
  return cards
}

function diffCard(card: Card, frames: Frame[]): DiffCard {
  const frame = frameOf(card, frames)
  return {
    id: card.id,
    text: card.hidden ? '' : card.text,
    color: card.color,
    authorName: card.authorName,
    hidden: card.hidden !== null,
    frame: frame ? { id: frame.id, title: frame.title } : null,
  }
}

/** What changed from `from` to `to`; each list in the order of the cards in their own state. */
export function diffBoards(from: Y.Doc, to: Y.Doc): SnapshotDiff {
  const before = cardsWithFrames(from)
  const after = cardsWithFrames(to)
  const diff: SnapshotDiff = { added: [], removed: [], changed: [], moved: [] }
  for (const [id, card] of before) if (!after.has(id)) diff.removed.push(card)
  for (const [id, now] of after) {
    const then = before.get(id)
    if (!then) {
      diff.added.push(now)
      continue
    }
    const changes: CardChangeKind[] = []
    if (then.hidden !== now.hidden) changes.push('hidden')
    // A card hidden in both states shows no text to compare.
    else if (!now.hidden && then.text !== now.text) changes.push('text')
    if (then.color !== now.color) changes.push('color')
    if (changes.length > 0) diff.changed.push({ id, before: then, after: now, changes })
    if ((then.frame?.id ?? null) !== (now.frame?.id ?? null))
      diff.moved.push({ id, card: now, from: then.frame, to: now.frame })
  }
  return diff
}
