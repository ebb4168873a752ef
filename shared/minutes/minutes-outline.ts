/**
 * The minutes as a format-neutral outline: headings, fields, lists and tables of plain strings,
 * in reading order. Every renderer (HTML, Markdown, PDF, DOCX) walks this one outline and only
 * decides how each block looks and how its strings are escaped, so all formats say the same.
 */
import { GROUPS } from '../votes/results.ts'
import { connectionBlocks } from './minutes-connections.ts'
import type { MinutesData, MinutesResults, MinutesSection } from './minutes-data.ts'
import {
  authorLine,
  editedLine,
  fill,
  formatDate,
  formatDateRange,
  formatDateTime,
  formatDay,
  formatTime,
  MINUTES_LABELS,
  type MinutesLabels,
  type MinutesLang,
  provenanceLine,
  quote,
} from './minutes-labels.ts'
import { speechBlocks } from './minutes-speeches.ts'

export interface ListItem {
  /** The item's main text (a card's text: user text). */
  text: string
  /** Smaller lines under it: author, edit record. */
  notes: string[]
  /**
   * A photo of the paper card: the HTML shows its thumbnail (`src`, a data: URI the server made)
   * described by `alt`; where a format shows no image, or there is no thumbnail, `note` says so.
   */
  photo?: { src: string | null; alt: string; note: string }
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; text: string; note?: boolean }
  | { kind: 'fields'; rows: [label: string, value: string][] }
  | { kind: 'list'; ordered: boolean; items: ListItem[] }
  | { kind: 'table'; head: string[]; rows: string[][]; numeric: boolean[] }

export interface MinutesOutline {
  lang: MinutesLang
  /** The document title (also the PDF's and DOCX's metadata title). */
  title: string
  blocks: Block[]
}

const groupCell = (value: number | null) => (value === null ? '–' : String(value))

/**
 * The groups not shown apart, in one note: which of them is below the threshold and which only
 * merged with it is not said, so no small group's count follows from the others.
 */
function hiddenNote(r: MinutesResults, t: MinutesLabels): string | null {
  if (r.hiddenGroups.length === 0) return null
  const groups = r.hiddenGroups.map((g) => t.groups[g]).join(', ')
  return `${groups}: ${fill(t.hiddenGroup, { n: String(r.minGroupSize) })}`
}

/** "12 (Bürger*innen 7)": the total and the counts of the groups shown apart only. */
function votersLine(r: MinutesResults, t: MinutesLabels): string {
  const shown = GROUPS.filter((g) => r.voters.byGroup[g] !== null && !r.hiddenGroups.includes(g))
  const parts = shown.map((g) => `${t.groups[g]} ${r.voters.byGroup[g]}`).join(', ')
  return `${t.voters}: ${r.voters.total ?? ''}${parts ? ` (${parts})` : ''}`
}

/**
 * "davon 24 Punkte von Papier (…); 8 Personen auf Papier", "davon 30 Punkte an Geräten; 9 Personen
 * an Geräten", and any source left out.
 */
function paperNotes(r: MinutesResults, t: MinutesLabels): string[] {
  if (!r.paper) return []
  const { points, voters, withheld } = r.paper
  const notes = withheld.map((source) => fill(t.withheld[source], { n: String(r.minGroupSize) }))
  if (voters !== null) {
    const both = [
      `${fill(t.paperPoints, { points: String(points) })}; ${fill(t.paperVoters, { n: String(voters) })}`,
    ]
    // The device part too, so the record names both sources; it follows from the published
    // totals (all points and voters minus paper), so saying it reveals nothing more.
    const deviceVoters = (r.voters.total ?? 0) - voters
    if (deviceVoters > 0) {
      const devicePoints = r.rows.reduce((sum, row) => sum + row.total, 0) - points
      both.push(fill(t.devicePoints, { points: String(devicePoints), n: String(deviceVoters) }))
    }
    notes.unshift(...both)
  }
  return notes
}

/** "Karten je Gruppe: Bürger*innen 5 (davon 3 von Papier eingetragen), …"; null without any. */
function contributionsLine(data: MinutesData, t: MinutesLabels): string | null {
  const counts = data.contributions
  const parts = GROUPS.filter((g) => counts[g].cards > 0).map((g) => {
    const { cards, entered } = counts[g]
    return `${t.groups[g]} ${cards}${entered > 0 ? ` (${fill(t.fromPaper, { n: String(entered) })})` : ''}`
  })
  return parts.length > 0 ? `${t.cardsByGroup}: ${parts.join(', ')}` : null
}

function resultBlocks(r: MinutesResults, t: MinutesLabels): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 3, text: `${t.results}: ${r.phaseName}` }]
  if (r.tooFewVoters) {
    blocks.push({ kind: 'paragraph', note: true, text: fill(t.tooFewVoters, { n: String(r.minGroupSize) }) })
    return blocks
  }
  blocks.push({ kind: 'paragraph', note: true, text: votersLine(r, t) })
  for (const text of paperNotes(r, t)) blocks.push({ kind: 'paragraph', note: true, text })
  const note = hiddenNote(r, t)
  if (note) blocks.push({ kind: 'paragraph', note: true, text: note })
  // The "davon Papier" column only where hand-counted points are in the figures.
  const paper = r.paper !== null && r.paper.voters !== null
  blocks.push({
    kind: 'table',
    head: [t.card, t.total, ...(paper ? [t.paperColumn] : []), ...GROUPS.map((g) => t.groups[g])],
    rows: r.rows.map((row) => [
      row.text,
      String(row.total),
      ...(paper ? [String(row.paper ?? 0)] : []),
      ...GROUPS.map((g) => groupCell(row.byGroup[g])),
    ]),
    numeric: [false, true, ...(paper ? [true] : []), ...GROUPS.map(() => true)],
  })
  if (r.disagreements.length > 0) {
    blocks.push({ kind: 'paragraph', text: `${t.disagreements}:` })
    blocks.push({
      kind: 'list',
      ordered: true,
      items: r.disagreements.map((d) => ({
        text: `${d.text} (${Math.round(d.spread * 100)}\u00a0%)`,
        notes: [],
      })),
    })
  }
  return blocks
}

function sectionBlocks(s: MinutesSection, data: MinutesData, t: MinutesLabels, lang: MinutesLang): Block[] {
  const agenda = data.agenda.find((a) => a.phaseId === s.phaseId)
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: s.name ?? t.outsidePhases }]
  if (agenda?.prompt) blocks.push({ kind: 'paragraph', note: true, text: `${t.prompt}: ${agenda.prompt}` })
  const cardCount = s.frames.reduce((n, f) => n + f.cards.length, 0)
  if (cardCount > 0) {
    blocks.push({ kind: 'heading', level: 3, text: `${t.cards} (${cardCount})` })
    const headed = !(s.frames.length === 1 && s.frames[0]?.title === null)
    for (const frame of s.frames) {
      if (headed) blocks.push({ kind: 'heading', level: 4, text: frame.title ?? t.noFrame })
      blocks.push({
        kind: 'list',
        ordered: true,
        items: frame.cards.map(
          (card): ListItem => ({
            text: card.text,
            notes: [provenanceLine(card, t), ...(card.edited ? [editedLine(card.edited, t, lang)] : [])],
            ...(card.photo
              ? { photo: { src: card.photoThumbnail ?? null, alt: card.text, note: t.photo } }
              : {}),
          }),
        ),
      })
    }
  }
  if (s.hiddenCards.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: `${t.hiddenCards} (${s.hiddenCards.length})` })
    blocks.push({
      kind: 'list',
      ordered: false,
      items: s.hiddenCards.map((h) => ({
        text: fill(t.hiddenCard, { by: h.by, reason: h.reason }),
        notes: h.at ? [formatDateTime(h.at, lang)] : [],
      })),
    })
  }
  for (const r of s.results) blocks.push(...resultBlocks(r, t))
  if (s.measures.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: `${t.measures} (${s.measures.length})` })
    blocks.push({
      kind: 'table',
      head: [t.measures, t.owner, t.department, t.due],
      rows: s.measures.map((m) => [m.title, m.owner, m.department, m.due && formatDay(m.due, lang)]),
      numeric: [false, false, false, false],
    })
  }
  if (s.edits.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: t.edits })
    blocks.push({
      kind: 'list',
      ordered: false,
      items: s.edits.map((e) => ({
        text: fill(t.editedCard, { text: quote(e.cardText, lang), author: authorLine(e, t) }),
        notes: [editedLine(e, t, lang)],
      })),
    })
  }
  if (blocks.length === (agenda?.prompt ? 2 : 1))
    blocks.push({ kind: 'paragraph', note: true, text: t.nothingInPhase })
  return blocks
}

export function outlineMinutes(data: MinutesData, lang: MinutesLang = 'de'): MinutesOutline {
  const t = MINUTES_LABELS[lang]
  const title = `${t.minutes}: ${data.workshop.title}`
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: title },
    {
      kind: 'fields',
      rows: [
        [t.date, formatDateRange(data.date.start, data.date.end, lang)],
        [t.place, data.workshop.place ?? t.noPlace],
        [t.snapshot, data.snapshot.label],
        [t.takenAt, formatDateTime(data.snapshot.createdAt, lang)],
        [t.takenBy, data.snapshot.createdBy],
        [t.facilitators, data.facilitators.join(', ') || '–'],
      ],
    },
    { kind: 'heading', level: 2, text: t.attendance },
  ]
  const a = data.attendance
  blocks.push({
    kind: 'table',
    head: a.namesShown ? [t.roleColumn, t.countColumn, t.namesColumn] : [t.roleColumn, t.countColumn],
    rows: [
      ...a.byRole.map((r) => {
        const row = [t.role[r.role] ?? r.role, String(r.count)]
        return a.namesShown ? [...row, (r.names ?? []).join(', ')] : row
      }),
      a.namesShown ? [t.attendanceTotal, String(a.total), ''] : [t.attendanceTotal, String(a.total)],
    ],
    numeric: a.namesShown ? [false, true, false] : [false, true],
  })
  if (!a.namesShown) blocks.push({ kind: 'paragraph', note: true, text: t.attendanceNamesWithheld })
  const contributions = contributionsLine(data, t)
  if (contributions) blocks.push({ kind: 'paragraph', note: true, text: contributions })

  if (data.agenda.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: t.agenda })
    const rows: string[][] = []
    for (const item of data.agenda) {
      const name = `${item.name}${item.current ? ` (${t.currentPhase})` : ''}`
      if (item.periods.length === 0) rows.push([`${name} (${t.notHeld})`, '–', '–'])
      for (const p of item.periods) {
        const start = p.start === null ? '–' : agendaTime(p.start, lang, data)
        const end = p.end === null ? t.ongoing : agendaTime(p.end, lang, data)
        rows.push([name, start, end])
      }
    }
    blocks.push({ kind: 'table', head: [t.phase, t.start, t.end], rows, numeric: [false, true, true] })
  }
  for (const s of data.sections) blocks.push(...sectionBlocks(s, data, t, lang))
  blocks.push(...connectionBlocks(data.connections, t))
  blocks.push(...speechBlocks(data, t, lang))
  if (data.integrity) {
    blocks.push({ kind: 'heading', level: 2, text: t.integrity })
    blocks.push({
      kind: 'fields',
      rows: [
        [t.snapshotHash, data.integrity.snapshotHash],
        [t.logHead, data.integrity.logHead],
      ],
    })
  }
  return { lang, title, blocks }
}

/** A time of the agenda: „18:05“ on the minutes' first day, with its date on any other day. */
function agendaTime(ms: number, lang: MinutesLang, data: MinutesData): string {
  return formatDate(ms, lang) === formatDate(data.date.start, lang)
    ? formatTime(ms, lang)
    : formatDateTime(ms, lang)
}
