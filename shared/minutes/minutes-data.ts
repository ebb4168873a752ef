/**
 * The data of one set of minutes (Protokoll), taken from a board snapshot. Every export
 * format is rendered from this one structure, so HTML, Markdown and JSON never disagree.
 */
import type * as Y from 'yjs'
import { readFacilitation } from '../board/facilitation.ts'
import { frameOf, readFrames } from '../board/frames.ts'
import { type Measure, readMeasures } from '../board/measures.ts'
import { readCards } from '../board/schema.ts'
import { groupOf, isRole } from '../policy/roles.ts'
import { readScript } from '../script/script-schema.ts'
import { type Group, type PaperSummary, readResults } from '../votes/results.ts'

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
  /** The group the card counts for (an assistant's card: the group it was entered for). */
  authorGroup: Group | null
  /** The name of the assistant who entered this card for someone in the room, if one did. */
  enteredBy: string | null
  /** A photo of the paper card is attached (never for a hidden card). */
  photo: boolean
  /**
   * HTML minutes only: a small JPEG of the photo as a data: URI (an exported file cannot load the
   * photo's route). Left out of the JSON minutes, which keep the flag.
   */
  photoThumbnail?: string
  /** A facilitator changed the text of this card someone else wrote: who last did, and when. */
  edited: { by: string; at: number } | null
  createdAt: number
}

export interface MinutesResultRow {
  cardId: string
  text: string
  total: number
  byGroup: Record<Group, number | null>
  /** Of `total`, the points counted by hand; null when no paper was entered for the vote. */
  paper: number | null
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
  /** Hand-counted points in the figures; null when none were entered. */
  paper: PaperSummary | null
}

/**
 * One time someone had the floor (a raised hand called by the facilitator), from the server's
 * record. `name` is null where the minutes may not name people: the phase did not show authors.
 */
export interface MinutesSpeech {
  phaseId: string | null
  phaseName: string | null
  name: string | null
  /** Role, or the group an assistant gave for someone in the room; null: not said. */
  role: string | null
  /** Someone in the room without a device, whose hand an assistant raised. */
  onBehalf: boolean
  startedAt: number
  /** Null: still speaking when the snapshot was taken. */
  endedAt: number | null
  durationMs: number | null
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
  /** Wortmeldungen: speaking times up to the snapshot, oldest first. */
  speeches: MinutesSpeech[]
  integrity?: MinutesIntegrity
}

export interface MinutesMeta {
  workshop: { id: string; title: string }
  snapshot: { id: string; label: string; createdAt: number; createdBy: string }
  /** The thumbnail of a card's photo of this version, as a data: URI; null when none is stored. */
  photoThumbnail?: (cardId: string, version: string) => string | null
  /** From the server's records (not the board); none when not given. */
  speeches?: MinutesSpeech[]
  integrity?: MinutesIntegrity | null
}

/** Cards from before the server wrote `authorGroup` count for their author's role's group. */
function groupOfRole(role: string | null): Group | null {
  return isRole(role) ? groupOf(role) : null
}

/** Cards per group, and how many of them an assistant entered from paper. */
export type MinutesContributions = Record<Group, { cards: number; entered: number }>

export function contributionsOf(cards: MinutesCard[]): MinutesContributions {
  const counts: MinutesContributions = {
    citizen: { cards: 0, entered: 0 },
    councillor: { cards: 0, entered: 0 },
    staff: { cards: 0, entered: 0 },
  }
  for (const card of cards) {
    if (!card.authorGroup) continue
    counts[card.authorGroup].cards += 1
    if (card.enteredBy !== null) counts[card.authorGroup].entered += 1
  }
  return counts
}

export function buildMinutesData(board: Y.Doc, meta: MinutesMeta): MinutesData {
  const frames = readFrames(board)
  const cards = readCards(board).map((card): MinutesCard => {
    // A hidden card's photo would show its text: neither flag nor thumbnail.
    const photo = card.photo !== null && !card.hidden
    const thumbnail = photo && card.photo ? meta.photoThumbnail?.(card.id, card.photo) : null
    return {
      frame: frameOf(card, frames)?.title ?? null,
      id: card.id,
      text: card.hidden ? '' : card.text,
      hidden: card.hidden ? { reason: card.hidden.reason, by: card.hidden.by } : null,
      color: card.color,
      authorName: card.authorName,
      authorRole: card.authorRole,
      authorGroup: card.authorGroup ?? groupOfRole(card.authorRole),
      enteredBy: card.enteredBy !== null ? (card.authorName ?? '') : null,
      photo,
      ...(thumbnail ? { photoThumbnail: thumbnail } : {}),
      edited: card.editedBy !== null ? { by: card.editedBy, at: card.editedAt ?? 0 } : null,
      createdAt: card.createdAt,
    }
  })
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
      paper: r.paper ? (c.paper ?? 0) : null,
    })),
    disagreements: r.disagreements.map((d) => ({
      cardId: d.cardId,
      text: textOf(d.cardId),
      spread: d.spread,
    })),
    paper: r.paper,
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
    speeches: meta.speeches ?? [],
    ...(meta.integrity ? { integrity: meta.integrity } : {}),
  }
}
