/**
 * Renders minutes in each export format. One function per format, all from MinutesData;
 * the browser preview and the downloaded file use the same code. Every user string is escaped.
 */
import { GROUPS } from '../votes/results.ts'
import { escapeHtml, escapeMarkdown } from './escape.ts'
import type { MinutesData, MinutesResults } from './minutes-data.ts'
import {
  authorLine,
  editedLine,
  formatDateTime,
  MINUTES_LABELS,
  type MinutesLabels,
  type MinutesLang,
} from './minutes-labels.ts'

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
tr { break-inside: avoid; }
`

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
  const head = `<tr><th>${escapeHtml(t.card)}</th><th class="num">${escapeHtml(t.total)}</th>${GROUPS.map((g) => `<th class="num">${escapeHtml(t.groups[g])}</th>`).join('')}</tr>`
  const rows = r.rows
    .map(
      (row) =>
        `<tr><td class="text">${escapeHtml(row.text)}</td><td class="num">${row.total}</td>${GROUPS.map((g) => `<td class="num">${groupCell(row.byGroup[g])}</td>`).join('')}</tr>`,
    )
    .join('\n')
  const notes = hiddenNote(r, t)
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
          `<div class="author">${escapeHtml(t.author)}: ${escapeHtml(authorLine(card, t))}</div>` +
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
${data.cards.length > 0 ? items : `<p>${escapeHtml(t.noCards)}</p>`}
${results ? `<h2>${escapeHtml(t.results)}</h2>\n${results}` : ''}
<h2>${escapeHtml(t.measures)} (${data.measures.length})</h2>
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
  for (const note of hiddenNote(r, t)) lines.push(`*${e(note)}*`, '')
  lines.push(
    `| ${e(t.card)} | ${e(t.total)} | ${GROUPS.map((g) => e(t.groups[g])).join(' | ')} |`,
    `| --- | ---: | ${GROUPS.map(() => '---:').join(' | ')} |`,
  )
  for (const row of r.rows) {
    lines.push(
      `| ${e(row.text).replace(/ {2}\n/g, ' ')} | ${row.total} | ${GROUPS.map((g) => groupCell(row.byGroup[g])).join(' | ')} |`,
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
  if (data.cards.length === 0) lines.push(e(t.noCards))
  const groups = byFrame(data.cards)
  const headed = !(groups.length === 1 && groups[0]?.[0] === null)
  for (const [frame, cards] of groups) {
    if (headed) lines.push(`### ${e(frame ?? t.noFrame)}`, '')
    cards.forEach((card, index) => {
      lines.push(`${index + 1}. ${e(cardText(card, t))}  `)
      lines.push(`   *${e(t.author)}: ${e(authorLine(card, t))}*${card.edited ? '  ' : ''}`)
      if (card.edited) lines.push(`   *${e(editedLine(card.edited, t, lang))}*`)
    })
    if (headed) lines.push('')
  }
  lines.push('')
  if (data.results.length > 0) {
    lines.push(`## ${e(t.results)}`, '')
    for (const r of data.results) lines.push(...resultsMarkdown(r, t))
  }
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
  return `${JSON.stringify(data, null, 2)}\n`
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
