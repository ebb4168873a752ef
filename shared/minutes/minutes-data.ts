/**
 * The data of one set of minutes (Protokoll), taken from a board snapshot and the workshop's
 * records. Every format (HTML, Markdown, JSON, PDF, DOCX) is rendered from this one structure,
 * so the preview and the exports never disagree. docs/minutes.schema.json describes it.
 */
import type * as Y from 'yjs'
import { readFacilitation } from '../board/facilitation.ts'
import { frameOf, readFrames } from '../board/frames.ts'
import { type Measure, readMeasures } from '../board/measures.ts'
import { readCards } from '../board/schema.ts'
import { groupOf, isRole, ROLES } from '../policy/roles.ts'
import { readScript } from '../script/script-schema.ts'
import { type Group, type PaperSummary, readResults } from '../votes/results.ts'
import { type AgendaPeriod, agendaPeriods, type PhaseMark, phaseAt } from './minutes-agenda.ts'
import { type MinutesConnection, minutesConnections } from './minutes-connections.ts'
import { readPlace } from './workshop-place.ts'

export interface MinutesCard {
  id: string
  text: string
  color: string
  authorName: string | null
  authorRole: string | null
  /** The group the card counts for (an assistant's card: the group it was entered for). */
  authorGroup: Group | null
  /** The name of the assistant who entered this card for someone in the room, if one did. */
  enteredBy: string | null
  /** A photo of the paper card is attached (hidden cards are not listed with their photo). */
  photo: boolean
  /**
   * A small JPEG of the photo as a data: URI, for the HTML, PDF and DOCX minutes (a filed
   * document cannot load the photo's route). Left out of the JSON minutes, which keep the flag.
   */
  photoThumbnail?: string
  /** A facilitator changed the text of this card someone else wrote: who last did, and when. */
  edited: { by: string; at: number } | null
  createdAt: number
}

/** A hidden card: the minutes keep who hid it and why, never its text. */
export interface MinutesHiddenCard {
  id: string
  reason: string
  by: string
  at: number
}

export interface MinutesFrame {
  /** Null: the cards outside every frame. */
  title: string | null
  cards: MinutesCard[]
}

export interface MinutesEdit {
  cardId: string
  cardText: string
  authorName: string | null
  authorRole: string | null
  by: string
  at: number
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

export interface MinutesAgendaItem {
  phaseId: string
  name: string
  prompt: string
  /** The board was in this phase when the snapshot was taken. */
  current: boolean
  /** When it actually ran (more than once if the facilitator went back); empty: not held. */
  periods: { start: number | null; end: number | null }[]
}

/** What happened in one phase; `phaseId` null for what falls outside every phase. */
export interface MinutesSection {
  phaseId: string | null
  name: string | null
  frames: MinutesFrame[]
  hiddenCards: MinutesHiddenCard[]
  results: MinutesResults[]
  measures: Measure[]
  edits: MinutesEdit[]
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

/** Cards per group (hidden ones too), and how many of them an assistant entered from paper. */
export type MinutesContributions = Record<Group, { cards: number; entered: number }>

/**
 * What ties the minutes to the tamper-evident log: the SHA-256 of the snapshot's state and the
 * hash of the log entry that recorded it (GET /api/workshops/:id/verify checks both).
 */
export interface MinutesIntegrity {
  snapshotHash: string
  logHead: string
}

export interface MinutesAttendance {
  /** The instance allows names in the minutes; otherwise only counts. */
  namesShown: boolean
  total: number
  byRole: { role: string; count: number; names: string[] | null }[]
}

export interface MinutesData {
  format: 'ratswerkstatt-minutes'
  version: 2
  workshop: { id: string; title: string; place: string | null }
  snapshot: { id: string; label: string; createdAt: number; createdBy: string }
  /** The session's first phase change (or the snapshot's time) and the snapshot's time. */
  date: { start: number; end: number }
  facilitators: string[]
  attendance: MinutesAttendance
  /** Cards per group they count for, with those entered from paper (assistant entry). */
  contributions: MinutesContributions
  agenda: MinutesAgendaItem[]
  sections: MinutesSection[]
  /** Wortmeldungen: speaking times up to the snapshot, oldest first. */
  speeches: MinutesSpeech[]
  /** Verbindungen: the connectors between cards and frames, oldest first. */
  connections: MinutesConnection[]
  /** From the event log: the snapshot's hash and the entry that recorded it. */
  integrity?: MinutesIntegrity
}

export interface MinutesPerson {
  name: string
  role: string
}

export interface MinutesMeta {
  workshop: { id: string; title: string; createdAt: number; template: string | null }
  snapshot: { id: string; label: string; createdAt: number; createdBy: string }
  /** Every snapshot of the workshop up to this one (phase changes mark the agenda). */
  marks: PhaseMark[]
  /** Everyone who had joined by the snapshot. */
  people: MinutesPerson[]
  /** The instance allows participants' names in the minutes. */
  attendanceNames: boolean
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

function attendanceOf(people: MinutesPerson[], namesShown: boolean): MinutesAttendance {
  const known = [...ROLES, ...new Set(people.map((p) => p.role).filter((r) => !ROLES.includes(r as never)))]
  const byRole = known
    .map((role) => {
      const names = people
        .filter((p) => p.role === role)
        .map((p) => p.name)
        .sort((a, b) => a.localeCompare(b, 'de'))
      return { role, count: names.length, names: namesShown ? names : null }
    })
    .filter((r) => r.count > 0)
  return { namesShown, total: people.length, byRole }
}

export function buildMinutesData(board: Y.Doc, meta: MinutesMeta): MinutesData {
  const frames = readFrames(board)
  const script = readScript(board)
  const current = readFacilitation(board).phaseId
  const firstStart = meta.workshop.template !== null ? meta.workshop.createdAt : null
  const periods: AgendaPeriod[] = agendaPeriods({
    marks: meta.marks.filter((m) => m.at <= meta.snapshot.createdAt || m.id === meta.snapshot.id),
    snapshotId: meta.snapshot.id,
    currentPhase: current,
    firstStart,
    phaseNames: script.map((p) => p.name),
  })
  const nameOf = (id: string) => script.find((p) => p.id === id)?.name ?? id
  const agendaIds = [...script.map((p) => p.id), ...periods.map((p) => p.phaseId)]
  const agenda: MinutesAgendaItem[] = [...new Set(agendaIds)].map((id) => {
    const phase = script.find((p) => p.id === id)
    const own = periods.filter((p) => p.phaseId === id)
    return {
      phaseId: id,
      name: phase?.name ?? id,
      prompt: phase?.prompt ?? '',
      current: id === current && own.some((p) => p.end === null),
      periods: own.map((p) => ({ start: p.start, end: p.end })),
    }
  })

  const sections = new Map<string | null, MinutesSection>()
  const section = (phaseId: string | null): MinutesSection => {
    let s = sections.get(phaseId)
    if (!s) {
      s = {
        phaseId,
        name: phaseId === null ? null : nameOf(phaseId),
        frames: [],
        hiddenCards: [],
        results: [],
        measures: [],
        edits: [],
      }
      sections.set(phaseId, s)
    }
    return s
  }

  // A card left blank (an editor opened and closed, from a client that still wrote such cards)
  // says nothing: the minutes leave it out. Hidden cards (text removed) and photos stay.
  const cards = readCards(board).filter((c) => c.hidden !== null || c.photo !== null || c.text.trim() !== '')
  const textOf = (id: string) => {
    const card = cards.find((c) => c.id === id)
    return card && !card.hidden ? card.text : ''
  }
  const frameOrder = [...frames.map((f) => f.title), null]
  const contributions: MinutesContributions = {
    citizen: { cards: 0, entered: 0 },
    councillor: { cards: 0, entered: 0 },
    staff: { cards: 0, entered: 0 },
  }
  for (const card of cards) {
    const authorGroup = card.authorGroup ?? groupOfRole(card.authorRole)
    if (authorGroup) {
      contributions[authorGroup].cards += 1
      if (card.enteredBy !== null) contributions[authorGroup].entered += 1
    }
    const s = section(phaseAt(periods, card.createdAt))
    if (card.hidden) {
      s.hiddenCards.push({ id: card.id, reason: card.hidden.reason, by: card.hidden.by, at: card.hidden.at })
      continue
    }
    const title = frameOf(card, frames)?.title ?? null
    let frame = s.frames.find((f) => f.title === title)
    if (!frame) {
      frame = { title, cards: [] }
      s.frames.push(frame)
      s.frames.sort((a, b) => frameOrder.indexOf(a.title) - frameOrder.indexOf(b.title))
    }
    const edited = card.editedBy !== null ? { by: card.editedBy, at: card.editedAt ?? 0 } : null
    const thumbnail = card.photo ? meta.photoThumbnail?.(card.id, card.photo) : null
    frame.cards.push({
      id: card.id,
      text: card.text,
      color: card.color,
      authorName: card.authorName,
      authorRole: card.authorRole,
      authorGroup,
      // The board names an assistant's card by the assistant who entered it.
      enteredBy: card.enteredBy !== null ? (card.authorName ?? '') : null,
      photo: card.photo !== null,
      ...(thumbnail ? { photoThumbnail: thumbnail } : {}),
      edited,
      createdAt: card.createdAt,
    })
    if (edited) {
      section(phaseAt(periods, edited.at)).edits.push({
        cardId: card.id,
        cardText: card.text,
        authorName: card.authorName,
        authorRole: card.authorRole,
        by: edited.by,
        at: edited.at,
      })
    }
  }
  for (const r of readResults(board)) {
    section(r.phaseId).results.push({
      phaseId: r.phaseId,
      phaseName: nameOf(r.phaseId),
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
    })
  }
  for (const m of readMeasures(board)) section(phaseAt(periods, m.createdAt)).measures.push(m)
  for (const s of sections.values()) s.edits.sort((a, b) => a.at - b.at)

  // Sections in agenda order; what fell outside every phase comes first (it came before).
  const order = [null, ...agenda.map((a) => a.phaseId)]
  const ordered = [...sections.values()].sort((a, b) => order.indexOf(a.phaseId) - order.indexOf(b.phaseId))
  // The day of the session: a template applies its first phase when the workshop is created,
  // often days before, so that start does not date the minutes; the first change does.
  const starts = periods.map((p) => p.start).filter((s): s is number => s !== null && s !== firstStart)
  const people = meta.people
  return {
    format: 'ratswerkstatt-minutes',
    version: 2,
    workshop: { id: meta.workshop.id, title: meta.workshop.title, place: readPlace(board) },
    snapshot: meta.snapshot,
    date: {
      start: starts.length > 0 ? Math.min(...starts) : meta.snapshot.createdAt,
      end: meta.snapshot.createdAt,
    },
    facilitators: people
      .filter((p) => p.role === 'facilitator')
      .map((p) => p.name)
      .sort((a, b) => a.localeCompare(b, 'de')),
    attendance: attendanceOf(people, meta.attendanceNames),
    contributions,
    agenda,
    sections: ordered,
    speeches: meta.speeches ?? [],
    connections: minutesConnections(board),
    ...(meta.integrity ? { integrity: meta.integrity } : {}),
  }
}
