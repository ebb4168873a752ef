/**
 * The data of one set of minutes (Protokoll), taken from a board snapshot. Every export
 * format is rendered from this one structure, so HTML, Markdown and JSON never disagree.
 */
import type * as Y from 'yjs'
import { readFacilitation } from '../board/facilitation.ts'
import { frameOf, readFrames } from '../board/frames.ts'
import { type Measure, readMeasures } from '../board/measures.ts'
import { readCards } from '../board/schema.ts'
import { readScript } from '../script/script-schema.ts'
import { type Group, readResults } from '../votes/results.ts'

export interface MinutesCard {
  id: string
  /** Empty for a hidden card: the minutes keep the reason, not the text. */
  text: string
  hidden: { reason: string; by: string } | null
  /** The title of the frame (table, theme) the card lies in, if any. */
  frame: string | null
  color: string
  authorName: string | null
  authorRole: string | null
  /** A facilitator changed the text of this card someone else wrote: who last did, and when. */
  edited: { by: string; at: number } | null
  createdAt: number
}

export interface MinutesResultRow {
  cardId: string
  text: string
  total: number
  byGroup: Record<Group, number | null>
}

export interface MinutesResults {
  phaseId: string
  phaseName: string
  method: 'dots' | 'points'
  /** Too few voters for any figure: the minutes say only that. */
  tooFewVoters: boolean
  /** Counts as published: null where a count is withheld (too few, or a group not shown apart). */
  voters: { total: number | null; byGroup: Record<Group, number | null> }
  hiddenGroups: Group[]
  minGroupSize: number
  rows: MinutesResultRow[]
  disagreements: { cardId: string; text: string; spread: number }[]
}

/**
 * What ties the minutes to the tamper-evident log: the SHA-256 of the snapshot's state and the
 * hash of the log entry that recorded it (GET /api/workshops/:id/verify checks both).
 */
export interface MinutesIntegrity {
  snapshotHash: string
  logHead: string
}

export interface MinutesData {
  format: 'ratswerkstatt-minutes'
  version: 1
  workshop: { id: string; title: string }
  snapshot: { id: string; label: string; createdAt: number; createdBy: string }
  /** The script: phase names in order, and which phase the board was in. */
  phases: { id: string; name: string; prompt: string; current: boolean }[]
  cards: MinutesCard[]
  results: MinutesResults[]
  measures: Measure[]
  integrity?: MinutesIntegrity
}

export interface MinutesMeta {
  workshop: { id: string; title: string }
  snapshot: { id: string; label: string; createdAt: number; createdBy: string }
  integrity?: MinutesIntegrity | null
}

export function buildMinutesData(board: Y.Doc, meta: MinutesMeta): MinutesData {
  const frames = readFrames(board)
  const cards = readCards(board).map((card) => ({
    frame: frameOf(card, frames)?.title ?? null,
    id: card.id,
    text: card.hidden ? '' : card.text,
    hidden: card.hidden ? { reason: card.hidden.reason, by: card.hidden.by } : null,
    color: card.color,
    authorName: card.authorName,
    authorRole: card.authorRole,
    edited: card.editedBy !== null ? { by: card.editedBy, at: card.editedAt ?? 0 } : null,
    createdAt: card.createdAt,
  }))
  const textOf = (id: string) => cards.find((c) => c.id === id)?.text ?? id
  const script = readScript(board)
  const current = readFacilitation(board).phaseId
  const results = readResults(board).map((r) => ({
    phaseId: r.phaseId,
    phaseName: script.find((p) => p.id === r.phaseId)?.name ?? r.phaseId,
    method: r.method,
    tooFewVoters: r.tooFewVoters,
    voters: r.voters,
    hiddenGroups: r.hiddenGroups,
    minGroupSize: r.minGroupSize,
    rows: r.cards.map((c) => ({
      cardId: c.cardId,
      text: textOf(c.cardId),
      total: c.total,
      byGroup: c.byGroup,
    })),
    disagreements: r.disagreements.map((d) => ({
      cardId: d.cardId,
      text: textOf(d.cardId),
      spread: d.spread,
    })),
  }))
  return {
    format: 'ratswerkstatt-minutes',
    version: 1,
    workshop: meta.workshop,
    snapshot: meta.snapshot,
    phases: script.map((p) => ({ id: p.id, name: p.name, prompt: p.prompt, current: p.id === current })),
    cards,
    results,
    measures: readMeasures(board),
    ...(meta.integrity ? { integrity: meta.integrity } : {}),
  }
}
