/**
 * The data of one set of minutes (Protokoll), taken from a board snapshot. Every export
 * format is rendered from this one structure, so HTML, Markdown and JSON never disagree.
 */
import type * as Y from 'yjs'
import { readCards } from '../board/schema.ts'

export interface MinutesCard {
  id: string
  text: string
  color: string
  authorName: string | null
  authorRole: string | null
  createdAt: number
}

export interface MinutesData {
  format: 'ratswerkstatt-minutes'
  version: 1
  workshop: { id: string; title: string }
  snapshot: { id: string; label: string; createdAt: number; createdBy: string }
  cards: MinutesCard[]
}

export interface MinutesMeta {
  workshop: { id: string; title: string }
  snapshot: { id: string; label: string; createdAt: number; createdBy: string }
}

export function buildMinutesData(board: Y.Doc, meta: MinutesMeta): MinutesData {
  const cards = readCards(board).map((card) => ({
    id: card.id,
    text: card.text,
    color: card.color,
    authorName: card.authorName,
    authorRole: card.authorRole,
    createdAt: card.createdAt,
  }))
  return {
    format: 'ratswerkstatt-minutes',
    version: 1,
    workshop: meta.workshop,
    snapshot: meta.snapshot,
    cards,
  }
}
