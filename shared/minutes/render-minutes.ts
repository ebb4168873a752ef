/**
 * Renders minutes in each export format. One function per format, all from MinutesData;
 * the browser preview and the downloaded file use the same code.
 */
import { escapeHtml, escapeMarkdown } from './escape.ts'
import type { MinutesData } from './minutes-data.ts'
import { authorLine, formatDateTime, MINUTES_LABELS, type MinutesLang } from './minutes-labels.ts'

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
.meta { color: #333; margin: 0 0 14pt; }
ol { padding-left: 18pt; }
li { margin: 0 0 8pt; break-inside: avoid; }
.text { white-space: pre-wrap; }
.author { color: #444; font-size: 9.5pt; }
`

export function renderMinutesHtml(data: MinutesData, lang: MinutesLang = 'de'): string {
  const t = MINUTES_LABELS[lang]
  const items = data.cards
    .map(
      (card) =>
        `<li><div class="text">${escapeHtml(card.text)}</div>` +
        `<div class="author">${escapeHtml(t.author)}: ${escapeHtml(authorLine(card, t))}</div></li>`,
    )
    .join('\n')
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
<h2>${escapeHtml(t.cards)} (${data.cards.length})</h2>
${data.cards.length > 0 ? `<ol>\n${items}\n</ol>` : `<p>${escapeHtml(t.noCards)}</p>`}
</body>
</html>
`
}

export function renderMinutesMarkdown(data: MinutesData, lang: MinutesLang = 'de'): string {
  const t = MINUTES_LABELS[lang]
  const lines = [
    `# ${escapeMarkdown(`${t.minutes}: ${data.workshop.title}`)}`,
    '',
    `${escapeMarkdown(t.snapshot)}: ${escapeMarkdown(data.snapshot.label)}  `,
    `${escapeMarkdown(t.takenAt)}: ${escapeMarkdown(formatDateTime(data.snapshot.createdAt, lang))}  `,
    `${escapeMarkdown(t.takenBy)}: ${escapeMarkdown(data.snapshot.createdBy)}`,
    '',
    `## ${escapeMarkdown(t.cards)} (${data.cards.length})`,
    '',
  ]
  if (data.cards.length === 0) lines.push(escapeMarkdown(t.noCards))
  data.cards.forEach((card, index) => {
    lines.push(`${index + 1}. ${escapeMarkdown(card.text)}  `)
    lines.push(`   *${escapeMarkdown(t.author)}: ${escapeMarkdown(authorLine(card, t))}*`)
  })
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
