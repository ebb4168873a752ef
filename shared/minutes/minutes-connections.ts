/**
 * The connectors of the board in the minutes ("Verbindungen"): each as "from → to", naming a card
 * by its text and a frame by its title. A hidden card's text left the board, so the minutes say
 * only that it is hidden. Every format gets this from the shared outline.
 */
import type * as Y from 'yjs'
import { readConnectors } from '../board/connectors.ts'
import { readFrames } from '../board/frames.ts'
import { readCards } from '../board/schema.ts'
import { fill, type MinutesLabels } from './minutes-labels.ts'
import type { Block } from './minutes-outline.ts'

export interface MinutesEnd {
  kind: 'card' | 'frame'
  id: string
  /** A card's text ('' for a hidden card), a frame's title. */
  text: string
  hidden: boolean
}

export interface MinutesConnection {
  from: MinutesEnd
  to: MinutesEnd
}

export function minutesConnections(board: Y.Doc): MinutesConnection[] {
  const cards = new Map(readCards(board).map((c) => [c.id, c]))
  const frames = new Map(readFrames(board).map((f) => [f.id, f]))
  const end = (id: string): MinutesEnd | null => {
    const card = cards.get(id)
    if (card) return { kind: 'card', id, text: card.hidden ? '' : card.text, hidden: card.hidden !== null }
    const frame = frames.get(id)
    return frame ? { kind: 'frame', id, text: frame.title, hidden: false } : null
  }
  const list: MinutesConnection[] = []
  for (const c of readConnectors(board)) {
    const from = end(c.from)
    const to = end(c.to)
    if (from && to) list.push({ from, to })
  }
  return list
}

/** Long card texts are cut in a connection line: the card itself is listed in full above. */
const SHOWN = 80

function endText(e: MinutesEnd, t: MinutesLabels): string {
  if (e.hidden) return t.connectionHidden
  const text = e.text.trim().replace(/\s+/g, ' ')
  const short = text.length > SHOWN ? `${text.slice(0, SHOWN - 1)}…` : text || t.connectionEmpty
  return e.kind === 'frame' ? fill(t.connectionFrame, { title: short }) : short
}

/** "Verbindungen (2)" and a list of "A → B"; nothing when the board has none. */
export function connectionBlocks(
  connections: readonly MinutesConnection[] | undefined,
  t: MinutesLabels,
): Block[] {
  if (!connections || connections.length === 0) return []
  return [
    { kind: 'heading', level: 2, text: `${t.connections} (${connections.length})` },
    {
      kind: 'list',
      ordered: false,
      items: connections.map((c) => ({ text: `${endText(c.from, t)} → ${endText(c.to, t)}`, notes: [] })),
    },
  ]
}
