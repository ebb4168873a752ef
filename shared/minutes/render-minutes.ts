/**
 * Renders minutes in each export format. One function per format, all from MinutesData;
 * the browser preview and the downloaded file use the same code. Every user string is escaped.
 */
import { GROUPS } from '../votes/results.ts'
import { escapeHtml, escapeMarkdown } from './escape.ts'
import { contributionsOf, type MinutesData, type MinutesResults } from './minutes-data.ts'
import {
  editedLine,
  formatDateTime,
  MINUTES_LABELS,
  type MinutesLabels,
  type MinutesLang,
  provenanceLine,
} from './minutes-labels.ts'
import { speechesHtml, speechesMarkdown } from './render-speeches.ts'

export type MinutesFormat = 'html' | 'md' | 'json'

export const MINUTES_CONTENT_TYPE: Record<MinutesFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
}

const PRINT_CSS = `
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #111; max-width: 170mm; margin: 0 auto; }
h1 { font-size: 20pt; margin: 0 0 4pt; }
h2 { font-size: 14pt; margin: 14pt 0 6pt; break-after: avoid; }
h3 { font-size: 12pt; margin: 10pt 0 4pt; break-after: avoid; }
.meta { color: #333; margin: 0 0 14pt; }
ol { padding-left: 18pt; }
li { margin: 0 0 8pt; break-inside: avoid; }
.text { white-space: pre-wrap; }
.author, .note { color: #444; font-size: 9.5pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 10pt; }
th, td { border: 0.5pt solid #888; padding: 3pt 5pt; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; }
img.photo { display: block; max-width: 60mm; max-height: 45mm; margin: 3pt 0; }
tr { break-inside: avoid; }
`

/** Only a thumbnail the server made is put into a page: a base64 JPEG, nothing else. */
const THUMBNAIL = /^data:image\/jpeg;base64,[A-Za-z0-9+/]+=*$/

function photoHtml(card: MinutesData['cards'][number], t: MinutesLabels): string {
  if (!card.photo) return ''
  if (card.photoThumbnail && THUMBNAIL.test(card.photoThumbnail))
    return `<img class="photo" src="${card.photoThumbnail}" alt="${escapeHtml(card.text)}">`
  return `<div class="note">${escapeHtml(t.photo)}</div>`
}

/** "Karten je Gruppe: Bürger*innen 5 (davon 3 von Papier eingetragen), …"; empty without any. */
function contributionsLine(data: MinutesData, t: MinutesLabels, e: (s: string) => string): string {
  const counts = contributionsOf(data.cards)
  const parts = GROUPS.filter((g) => counts[g].cards > 0).map((g) => {
    const { cards, entered } = counts[g]
    const paper = entered > 0 ? ` (${e(t.fromPaper.replace('{n}', String(entered)))})` : ''
    return `${e(t.groups[g])} ${cards}${paper}`
  })
  return parts.length > 0 ? `${e(t.cardsByGroup)}: ${parts.join(', ')}` : ''
}

const integrityLine = (data: MinutesData, t: MinutesLabels): string | null =>
  data.integrity
    ? t.integrity.replace('{snapshot}', data.integrity.snapshotHash).replace('{log}', data.integrity.logHead)
    : null

const groupCell = (value: number | null) => (value === null ? '–' : String(value))

/** A card's text in the minutes; a hidden card shows who hid it and why, never its text. */
function cardText(card: MinutesData['cards'][number], t: MinutesLabels): string {
  return card.hidden
    ? t.hiddenCard.replace('{by}', card.hidden.by).replace('{reason}', card.hidden.reason)
    : card.text
}

/**
 * The groups not shown apart, in one note: which of them is below the threshold and which only
 * merged with it is not said, so no small group's count follows from the others.
 */
function hiddenNote(r: MinutesResults, t: MinutesLabels): string[] {
  if (r.hiddenGroups.length === 0) return []
  const groups = r.hiddenGroups.map((g) => t.groups[g]).join(', ')
  return [`${groups}: ${t.hiddenGroup.replace('{n}', String(r.minGroupSize))}`]
}

/**
 * "davon 24 Punkte von Papier (…); 8 Personen auf Papier", "davon 30 Punkte an Geräten; 9 Personen
 * an Geräten", and any source left out.
 */
function paperNotes(r: MinutesResults, t: MinutesLabels): string[] {
  if (!r.paper) return []
  const { points, voters, withheld } = r.paper
  const notes = withheld.map((s) => t.withheld[s].replace('{n}', String(r.minGroupSize)))
  if (voters !== null) {
    const line = t.paperPoints.replace('{points}', String(points))
    const both = [`${line}; ${t.paperVoters.replace('{n}', String(voters))}`]
    // The device part too, so the record names both sources; it follows from the published
    // totals (all points and voters minus paper), so saying it reveals nothing more.
    const deviceVoters = (r.voters.total ?? 0) - voters
    if (deviceVoters > 0) {
      const devicePoints = r.rows.reduce((sum, row) => sum + row.total, 0) - points
      both.push(t.devicePoints.replace('{points}', String(devicePoints)).replace('{n}', String(deviceVoters)))
    }
    notes.unshift(...both)
  }
  return notes
}

/** The "davon Papier" column, only for votes with hand-counted points. */
const paperColumn = (r: MinutesResults) => r.paper !== null && r.paper.voters !== null

const tooFewNote = (r: MinutesResults, t: MinutesLabels) =>
  t.tooFewVoters.replace('{n}', String(r.minGroupSize))

/** "12 (Bürger*innen 7)": the total and the counts of the groups shown apart only. */
function votersLine(r: MinutesResults, t: MinutesLabels, e: (s: string) => string): string {
  const shown = GROUPS.filter((g) => r.voters.byGroup[g] !== null && !r.hiddenGroups.includes(g))
  const parts = shown.map((g) => `${e(t.groups[g])} ${r.voters.byGroup[g]}`).join(', ')
  return `${e(t.voters)}: ${r.voters.total ?? ''}${parts ? ` (${parts})` : ''}`
}

function resultsHtml(r: MinutesResults, t: MinutesLabels): string {
  const title = `<h3>${escapeHtml(`${t.results}: ${r.phaseName}`)}</h3>`
  if (r.tooFewVoters) return `${title}\n<p class="note">${escapeHtml(tooFewNote(r, t))}</p>`
  const paper = paperColumn(r)
  const head = `<tr><th>${escapeHtml(t.card)}</th><th class="num">${escapeHtml(t.total)}</th>${paper ? `<th class="num">${escapeHtml(t.paperColumn)}</th>` : ''}${GROUPS.map((g) => `<th class="num">${escapeHtml(t.groups[g])}</th>`).join('')}</tr>`
  const rows = r.rows
    .map(
      (row) =>
        `<tr><td class="text">${escapeHtml(row.text)}</td><td class="num">${row.total}</td>${paper ? `<td class="num">${row.paper ?? 0}</td>` : ''}${GROUPS.map((g) => `<td class="num">${groupCell(row.byGroup[g])}</td>`).join('')}</tr>`,
    )
    .join('\n')
  const notes = [...paperNotes(r, t), ...hiddenNote(r, t)]
    .map((n) => `<p class="note">${escapeHtml(n)}</p>`)
    .join('')
  const disagreements =
    r.disagreements.length > 0
      ? `<p>${escapeHtml(t.disagreements)}:</p><ol>${r.disagreements.map((d) => `<li>${escapeHtml(d.text)} (${Math.round(d.spread * 100)} %)</li>`).join('')}</ol>`
      : ''
  return `${title}
<p class="note">${votersLine(r, t, escapeHtml)}</p>${notes}
<table>${head}
${rows}</table>${disagreements}`
}

/** Cards grouped by the frame they lie in (tables, themes), in order of first appearance. */
function byFrame(cards: MinutesData['cards']): [string | null, MinutesData['cards']][] {
  const groups = new Map<string | null, MinutesData['cards']>()
  for (const card of cards) groups.set(card.frame, [...(groups.get(card.frame) ?? []), card])
  return [...groups].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : 0))
}

export function renderMinutesHtml(data: MinutesData, lang: MinutesLang = 'de'): string {
  const t = MINUTES_LABELS[lang]
  const list = (cards: MinutesData['cards']) =>
    `<ol>\n${cards
      .map(
        (card) =>
          `<li><div class="text">${escapeHtml(cardText(card, t))}</div>` +
          photoHtml(card, t) +
          `<div class="author">${escapeHtml(provenanceLine(card, t))}</div>` +
          (card.edited ? `<div class="author">${escapeHtml(editedLine(card.edited, t, lang))}</div>` : '') +
          '</li>',
      )
      .join('\n')}\n</ol>`
  const groups = byFrame(data.cards)
  const items =
    groups.length === 1 && groups[0]?.[0] === null
      ? list(data.cards)
      : groups
          .map(([frame, cards]) => `<h3>${escapeHtml(frame ?? t.noFrame)}</h3>\n${list(cards)}`)
          .join('\n')
  const phases =
    data.phases.length > 0
      ? `<h2>${escapeHtml(t.phases)}</h2>\n<ol>${data.phases.map((p) => `<li>${escapeHtml(p.name)}${p.current ? ` (${escapeHtml(t.currentPhase)})` : ''}</li>`).join('')}</ol>`
      : ''
  const results = data.results.map((r) => resultsHtml(r, t)).join('\n')
  const contributions = contributionsLine(data, t, escapeHtml)
  const measures =
    data.measures.length > 0
      ? `<table><tr><th>${escapeHtml(t.measures)}</th><th>${escapeHtml(t.owner)}</th><th>${escapeHtml(t.department)}</th><th>${escapeHtml(t.due)}</th></tr>
${data.measures.map((m) => `<tr><td class="text">${escapeHtml(m.title)}</td><td>${escapeHtml(m.owner)}</td><td>${escapeHtml(m.department)}</td><td>${escapeHtml(m.due)}</td></tr>`).join('\n')}</table>`
      : `<p>${escapeHtml(t.noMeasures)}</p>`
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${t.minutes}: ${data.workshop.title}`)}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<h1>${escapeHtml(`${t.minutes}: ${data.workshop.title}`)}</h1>
<p class="meta">${escapeHtml(t.snapshot)}: ${escapeHtml(data.snapshot.label)}<br>
${escapeHtml(t.takenAt)}: ${escapeHtml(formatDateTime(data.snapshot.createdAt, lang))}<br>
${escapeHtml(t.takenBy)}: ${escapeHtml(data.snapshot.createdBy)}</p>
${phases}
<h2>${escapeHtml(t.cards)} (${data.cards.length})</h2>
${contributions ? `<p class="note">${contributions}</p>\n` : ''}${data.cards.length > 0 ? items : `<p>${escapeHtml(t.noCards)}</p>`}
${results ? `<h2>${escapeHtml(t.results)}</h2>\n${results}` : ''}
${speechesHtml(data, lang)}<h2>${escapeHtml(t.measures)} (${data.measures.length})</h2>
${measures}
${integrityLine(data, t) ? `<p class="note">${escapeHtml(integrityLine(data, t) ?? '')}</p>` : ''}
</body>
</html>
`
}

function resultsMarkdown(r: MinutesResults, t: MinutesLabels): string[] {
  const e = escapeMarkdown
  const lines = [`### ${e(`${t.results}: ${r.phaseName}`)}`, '']
  if (r.tooFewVoters) {
    lines.push(`*${e(tooFewNote(r, t))}*`, '')
    return lines
  }
  lines.push(votersLine(r, t, e), '')
  for (const note of [...paperNotes(r, t), ...hiddenNote(r, t)]) lines.push(`*${e(note)}*`, '')
  const paper = paperColumn(r)
  lines.push(
    `| ${e(t.card)} | ${e(t.total)} | ${paper ? `${e(t.paperColumn)} | ` : ''}${GROUPS.map((g) => e(t.groups[g])).join(' | ')} |`,
    `| --- | ---: | ${paper ? '---: | ' : ''}${GROUPS.map(() => '---:').join(' | ')} |`,
  )
  for (const row of r.rows) {
    lines.push(
      `| ${e(row.text).replace(/ {2}\n/g, ' ')} | ${row.total} | ${paper ? `${row.paper ?? 0} | ` : ''}${GROUPS.map((g) => groupCell(row.byGroup[g])).join(' | ')} |`,
    )
  }
  if (r.disagreements.length > 0) {
    lines.push('', `${e(t.disagreements)}:`, '')
    r.disagreements.forEach((d, i) => {
      lines.push(`${i + 1}. ${e(d.text)} (${Math.round(d.spread * 100)} %)`)
    })
  }
  lines.push('')
  return lines
}

export function renderMinutesMarkdown(data: MinutesData, lang: MinutesLang = 'de'): string {
  const t = MINUTES_LABELS[lang]
  const e = escapeMarkdown
  const lines = [
    `# ${e(`${t.minutes}: ${data.workshop.title}`)}`,
    '',
    `${e(t.snapshot)}: ${e(data.snapshot.label)}  `,
    `${e(t.takenAt)}: ${e(formatDateTime(data.snapshot.createdAt, lang))}  `,
    `${e(t.takenBy)}: ${e(data.snapshot.createdBy)}`,
    '',
  ]
  if (data.phases.length > 0) {
    lines.push(`## ${e(t.phases)}`, '')
    data.phases.forEach((p, i) => {
      lines.push(`${i + 1}. ${e(p.name)}${p.current ? ` (${e(t.currentPhase)})` : ''}`)
    })
    lines.push('')
  }
  lines.push(`## ${e(t.cards)} (${data.cards.length})`, '')
  const contributions = contributionsLine(data, t, e)
  if (contributions) lines.push(contributions, '')
  if (data.cards.length === 0) lines.push(e(t.noCards))
  const groups = byFrame(data.cards)
  const headed = !(groups.length === 1 && groups[0]?.[0] === null)
  for (const [frame, cards] of groups) {
    if (headed) lines.push(`### ${e(frame ?? t.noFrame)}`, '')
    cards.forEach((card, index) => {
      lines.push(`${index + 1}. ${e(cardText(card, t))}  `)
      const more = card.edited !== null || card.photo
      lines.push(`   *${e(provenanceLine(card, t))}*${more ? '  ' : ''}`)
      if (card.edited) lines.push(`   *${e(editedLine(card.edited, t, lang))}*${card.photo ? '  ' : ''}`)
      if (card.photo) lines.push(`   *${e(t.photo)}*`)
    })
    if (headed) lines.push('')
  }
  lines.push('')
  if (data.results.length > 0) {
    lines.push(`## ${e(t.results)}`, '')
    for (const r of data.results) lines.push(...resultsMarkdown(r, t))
  }
  lines.push(...speechesMarkdown(data, lang))
  lines.push(`## ${e(t.measures)} (${data.measures.length})`, '')
  if (data.measures.length === 0) lines.push(e(t.noMeasures))
  else {
    lines.push(
      `| ${e(t.measures)} | ${e(t.owner)} | ${e(t.department)} | ${e(t.due)} |`,
      '| --- | --- | --- | --- |',
    )
    for (const m of data.measures)
      lines.push(`| ${e(m.title)} | ${e(m.owner)} | ${e(m.department)} | ${e(m.due)} |`)
  }
  const integrity = integrityLine(data, t)
  if (integrity) lines.push('', e(integrity))
  return `${lines.join('\n')}\n`
}

export function renderMinutesJson(data: MinutesData): string {
  // The photo flag stays; the thumbnail is for the HTML page (the photo has its own route).
  const cards = data.cards.map(({ photoThumbnail: _thumbnail, ...card }) => card)
  return `${JSON.stringify({ ...data, cards }, null, 2)}\n`
}

export function renderMinutes(data: MinutesData, format: MinutesFormat, lang: MinutesLang = 'de'): string {
  switch (format) {
    case 'html':
      return renderMinutesHtml(data, lang)
    case 'md':
      return renderMinutesMarkdown(data, lang)
    case 'json':
      return renderMinutesJson(data)
  }
}
