/**
 * Renders minutes in the text formats (HTML, Markdown, JSON) from MinutesData, through the one
 * outline (minutes-outline.ts) that the PDF and DOCX renderers on the server walk too. Every
 * string is escaped for its format; HTML carries an A4 print stylesheet and no script.
 */
import { escapeHtml, escapeMarkdown } from './escape.ts'
import type { MinutesData } from './minutes-data.ts'
import type { MinutesLang } from './minutes-labels.ts'
import { type Block, type ListItem, outlineMinutes } from './minutes-outline.ts'

export type MinutesTextFormat = 'html' | 'md' | 'json'
export type MinutesFormat = MinutesTextFormat | 'pdf' | 'docx'

export const MINUTES_CONTENT_TYPE: Record<MinutesFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

const PRINT_CSS = `
@page { size: A4; margin: 20mm 18mm 22mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #111; max-width: 170mm; margin: 0 auto; hyphens: auto; }
h1 { font-size: 20pt; margin: 0 0 6pt; }
h2 { font-size: 14pt; margin: 16pt 0 6pt; border-bottom: 0.5pt solid #888; break-after: avoid; }
h3 { font-size: 12pt; margin: 10pt 0 4pt; break-after: avoid; }
h4 { font-size: 11pt; margin: 8pt 0 3pt; font-style: italic; break-after: avoid; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 10pt; margin: 0 0 10pt; }
dt { font-weight: bold; }
dd { margin: 0; }
ol, ul { padding-left: 18pt; }
li { margin: 0 0 6pt; break-inside: avoid; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.note { color: #444; font-size: 9.5pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 10pt; }
th, td { border: 0.5pt solid #888; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #eee; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
img.photo { display: block; max-width: 60mm; max-height: 45mm; margin: 3pt 0; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
@media screen { body { padding: 12mm 0; } }
`

/** Only a thumbnail the server made is put into a page: a base64 JPEG, nothing else. */
export const THUMBNAIL = /^data:image\/jpeg;base64,[A-Za-z0-9+/]+=*$/

function photoHtml(photo: ListItem['photo']): string {
  if (!photo) return ''
  if (photo.src && THUMBNAIL.test(photo.src))
    return `<img class="photo" src="${photo.src}" alt="${escapeHtml(photo.alt)}">`
  return `<div class="note">${escapeHtml(photo.note)}</div>`
}

function htmlBlock(block: Block): string {
  const e = escapeHtml
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${e(block.text)}</h${block.level}>`
    case 'paragraph':
      return `<p${block.note ? ' class="note"' : ''} dir="auto">${e(block.text)}</p>`
    case 'fields':
      return `<dl>${block.rows.map(([k, v]) => `<dt>${e(k)}</dt><dd class="text" dir="auto">${e(v)}</dd>`).join('')}</dl>`
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul'
      const items = block.items.map(
        (item) =>
          `<li><div class="text" dir="auto">${e(item.text)}</div>${photoHtml(item.photo)}${item.notes.map((n) => `<div class="note" dir="auto">${e(n)}</div>`).join('')}</li>`,
      )
      return `<${tag}>\n${items.join('\n')}\n</${tag}>`
    }
    case 'table': {
      const cls = (i: number) => (block.numeric[i] ? ' class="num"' : ' class="text" dir="auto"')
      const head = block.head.map(
        (h, i) => `<th scope="col"${block.numeric[i] ? ' class="num"' : ''}>${e(h)}</th>`,
      )
      const rows = block.rows.map(
        (row) => `<tr>${row.map((c, i) => `<td${cls(i)}>${e(c)}</td>`).join('')}</tr>`,
      )
      return `<table>\n<thead><tr>${head.join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`
    }
  }
}

export function renderMinutesHtml(data: MinutesData, lang: MinutesLang = 'de'): string {
  const outline = outlineMinutes(data, lang)
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(outline.title)}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
${outline.blocks.map(htmlBlock).join('\n')}
</body>
</html>
`
}

/** One line of a Markdown table cell: escaped, line breaks as spaces. */
const mdCell = (s: string) => escapeMarkdown(s).replace(/ {2}\n/g, ' ')

function markdownBlock(block: Block): string[] {
  const e = escapeMarkdown
  switch (block.kind) {
    case 'heading':
      return [`${'#'.repeat(block.level)} ${mdCell(block.text)}`, '']
    case 'paragraph':
      return [block.note ? `*${e(block.text)}*` : e(block.text), '']
    case 'fields':
      return [
        ...block.rows.map(([k, v], i) => `**${e(k)}:** ${e(v)}${i < block.rows.length - 1 ? '  ' : ''}`),
        '',
      ]
    case 'list': {
      const lines: string[] = []
      block.items.forEach((item, i) => {
        const marker = block.ordered ? `${i + 1}.` : '-'
        const pad = ' '.repeat(marker.length + 1)
        const hasNotes = item.notes.length > 0 || item.photo !== undefined
        lines.push(`${marker} ${e(item.text).replace(/\n/g, `\n${pad}`)}${hasNotes ? '  ' : ''}`)
        // Markdown shows no image: the photo is a note under the text.
        const notes = item.photo ? [item.photo.note, ...item.notes] : item.notes
        notes.forEach((n, j) => {
          lines.push(`${pad}*${mdCell(n)}*${j < notes.length - 1 ? '  ' : ''}`)
        })
      })
      return [...lines, '']
    }
    case 'table':
      return [
        `| ${block.head.map(mdCell).join(' | ')} |`,
        `| ${block.numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`,
        ...block.rows.map((row) => `| ${row.map(mdCell).join(' | ')} |`),
        '',
      ]
  }
}

export function renderMinutesMarkdown(data: MinutesData, lang: MinutesLang = 'de'): string {
  const lines = outlineMinutes(data, lang).blocks.flatMap(markdownBlock)
  return `${lines.join('\n').trimEnd()}\n`
}

/** The JSON keeps each card's photo flag; the thumbnail is for the documents (the photo has its own route). */
export function renderMinutesJson(data: MinutesData): string {
  const sections = data.sections.map((s) => ({
    ...s,
    frames: s.frames.map((f) => ({
      ...f,
      cards: f.cards.map(({ photoThumbnail: _thumbnail, ...card }) => card),
    })),
  }))
  return `${JSON.stringify({ ...data, sections }, null, 2)}\n`
}

export function renderMinutes(
  data: MinutesData,
  format: MinutesTextFormat,
  lang: MinutesLang = 'de',
): string {
  switch (format) {
    case 'html':
      return renderMinutesHtml(data, lang)
    case 'md':
      return renderMinutesMarkdown(data, lang)
    case 'json':
      return renderMinutesJson(data)
  }
}
