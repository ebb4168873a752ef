/**
 * The minutes as PDF/A-2a, rendered on the server with pdfkit (no browser): A4, DejaVu Sans
 * embedded (subset), tagged for screen readers (Document, H1–H4, P, L/LI/Lbl/LBody,
 * Table/TR/TH/TD, Figure with alternative text for a card photo; page numbers are artifacts),
 * document title and language in the metadata.
 * It walks the same outline as the HTML and Markdown, so all formats say the same.
 */
import PDFDocument from 'pdfkit'
import type { MinutesData } from '../../shared/minutes/minutes-data.ts'
import type { MinutesLang } from '../../shared/minutes/minutes-labels.ts'
import { type Block, type ListItem, outlineMinutes } from '../../shared/minutes/minutes-outline.ts'
import { THUMBNAIL } from '../../shared/minutes/render-minutes.ts'
import { drawableText, FONT_BOLD, FONT_REGULAR } from './minutes-fonts.ts'

const MM = 72 / 25.4
const SIZE = { h1: 18, h2: 14, h3: 12, h4: 11, body: 10.5, note: 9, table: 9.5 }
const GREY = '#444444'
const BLACK = '#111111'

type Doc = PDFKit.PDFDocument
type Struct = PDFKit.PDFStructureElement

/** pdfkit writes the title into the XMP metadata without escaping it; we escape it there. */
interface InfoWriter {
  info: Record<string, unknown>
  _addInfo(): void
}

const xmlEscape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  )

function escapeXmpInfo(doc: Doc): void {
  const writer = doc as unknown as InfoWriter
  const original = writer._addInfo.bind(writer)
  writer._addInfo = () => {
    const raw = writer.info
    writer.info = Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? xmlEscape(v) : v]),
    )
    original()
    writer.info = raw
  }
}

/**
 * A structure element's options: where the drawn text differs from the text (a character the
 * font lacks, written as its code point), ActualText gives screen readers the original.
 */
const actual = (text: string): PDFKit.Mixins.StructureElementOptions =>
  drawableText(text) === text.normalize('NFC') ? {} : { actual: text }

function heading(doc: Doc, root: Struct, level: 1 | 2 | 3 | 4, text: string): void {
  const size = SIZE[`h${level}`]
  // Keep a heading with what follows it.
  if (doc.y + size * 4 > doc.page.height - doc.page.margins.bottom) doc.addPage()
  doc.moveDown(level === 1 ? 0 : 0.6)
  root.add(
    doc.struct(`H${level}`, actual(text), () => {
      doc.font('bold').fontSize(size).fillColor(BLACK).text(drawableText(text))
    }),
  )
  doc.moveDown(0.25)
}

function paragraph(doc: Doc, root: Struct, text: string, note = false): void {
  root.add(
    doc.struct('P', actual(text), () => {
      doc
        .font('regular')
        .fontSize(note ? SIZE.note : SIZE.body)
        .fillColor(note ? GREY : BLACK)
        .text(drawableText(text))
    }),
  )
  doc.moveDown(0.3)
}

function fields(doc: Doc, root: Struct, rows: [string, string][]): void {
  for (const [label, value] of rows) {
    root.add(
      doc.struct('P', {}, () => {
        doc
          .font('bold')
          .fontSize(SIZE.body)
          .fillColor(BLACK)
          .text(`${drawableText(label)}: `, { continued: true })
        doc.font('regular').text(drawableText(value))
      }),
    )
  }
  doc.moveDown(0.4)
}

/**
 * A card's photo: the server's JPEG thumbnail as a tagged Figure whose alternative text is the
 * card's text; without a thumbnail, the note "Foto vorhanden".
 */
function photo(doc: Doc, body: Struct, item: ListItem, x: number, width: number): void {
  if (!item.photo) return
  const src = item.photo.src
  const jpeg = src && THUMBNAIL.test(src) ? Buffer.from(src.slice(src.indexOf(',') + 1), 'base64') : null
  // Only bytes that start like a JPEG reach pdfkit's decoder.
  if (jpeg && jpeg[0] === 0xff && jpeg[1] === 0xd8 && jpeg[2] === 0xff) {
    const box = { width: Math.min(width, 60 * MM), height: 45 * MM }
    if (doc.y + box.height > doc.page.height - doc.page.margins.bottom) doc.addPage()
    doc.y += 3
    // Drawn at the current y, pdfkit moves y below the picture.
    body.add(
      doc.struct('Figure', { alt: item.photo.alt || item.photo.note }, () => {
        doc.image(jpeg, x, doc.y, { fit: [box.width, box.height] })
      }),
    )
    doc.y += 3
    return
  }
  const note = item.photo.note
  body.add(
    doc.struct('P', actual(note), () => {
      doc.font('regular').fontSize(SIZE.note).fillColor(GREY).text(drawableText(note), x, doc.y, { width })
    }),
  )
}

function list(doc: Doc, root: Struct, ordered: boolean, items: ListItem[]): void {
  const left = doc.page.margins.left
  const indent = 8 * MM
  const width = doc.page.width - left - doc.page.margins.right - indent
  const l = doc.struct('L')
  root.add(l)
  items.forEach((item, i) => {
    const li = doc.struct('LI')
    l.add(li)
    doc.font('regular').fontSize(SIZE.body)
    const needed = doc.heightOfString(drawableText(item.text) || ' ', { width }) + item.notes.length * 12
    if (doc.y + Math.min(needed, 80) > doc.page.height - doc.page.margins.bottom) doc.addPage()
    const top = doc.y
    li.add(
      doc.struct('Lbl', {}, () => {
        doc
          .font('regular')
          .fontSize(SIZE.body)
          .fillColor(BLACK)
          .text(ordered ? `${i + 1}.` : '•', left, top, { lineBreak: false })
      }),
    )
    const body = doc.struct('LBody')
    li.add(body)
    body.add(
      doc.struct('P', actual(item.text), () => {
        doc
          .font('regular')
          .fontSize(SIZE.body)
          .fillColor(BLACK)
          .text(drawableText(item.text) || ' ', left + indent, top, { width })
      }),
    )
    photo(doc, body, item, left + indent, width)
    for (const note of item.notes) {
      body.add(
        doc.struct('P', actual(note), () => {
          doc
            .font('regular')
            .fontSize(SIZE.note)
            .fillColor(GREY)
            .text(drawableText(note), left + indent, doc.y, { width })
        }),
      )
    }
    body.end()
    li.end()
    doc.x = left
    doc.moveDown(0.35)
  })
  l.end()
}

function table(doc: Doc, root: Struct, block: Extract<Block, { kind: 'table' }>): void {
  const align = (i: number) => (block.numeric[i] ? 'right' : 'left')
  const cell = (text: string, i: number, head: boolean) => ({
    text: drawableText(text),
    type: head ? ('TH' as const) : ('TD' as const),
    ...(head ? { scope: 'column', backgroundColor: '#eeeeee', font: { src: 'bold' } } : {}),
    align: { x: align(i), y: 'top' as const },
  })
  // Number columns as wide as their widest cell (headers unbroken), text columns share the rest.
  const widest = (i: number) => {
    doc.font('bold').fontSize(SIZE.table)
    const head = doc.widthOfString(drawableText(block.head[i] ?? ''))
    doc.font('regular')
    return Math.max(head, ...block.rows.map((r) => doc.widthOfString(drawableText(r[i] ?? ''))))
  }
  const columnStyles = block.numeric.map((n, i) =>
    n ? { width: Math.max(14 * MM, widest(i) + 10) } : { width: '*' },
  )
  doc.font('regular').fontSize(SIZE.table).fillColor(BLACK)
  doc.table({
    structParent: root,
    position: { x: doc.page.margins.left },
    columnStyles,
    defaultStyle: { padding: 3, border: 0.5, borderColor: '#888888' },
    data: [
      block.head.map((h, i) => cell(h, i, true)),
      ...block.rows.map((r) => r.map((c, i) => cell(c, i, false))),
    ],
  } as PDFKit.Mixins.TableOptionsWithData)
  doc.x = doc.page.margins.left
  doc.moveDown(0.6)
}

/** Page numbers in the footer of every page, marked as pagination artifacts. */
function pageNumbers(doc: Doc, lang: MinutesLang): void {
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc.markContent('Artifact', { type: 'Pagination' })
    doc
      .font('regular')
      .fontSize(SIZE.note)
      .fillColor(GREY)
      .text(
        lang === 'de' ? `Seite ${i + 1} von ${range.count}` : `Page ${i + 1} of ${range.count}`,
        doc.page.margins.left,
        doc.page.height - 14 * MM,
        {
          width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
          align: 'center',
          lineBreak: false,
        },
      )
    doc.endMarkedContent()
    doc.page.margins.bottom = bottom
  }
}

export function renderMinutesPdf(data: MinutesData, lang: MinutesLang = 'de'): Promise<Buffer> {
  const outline = outlineMinutes(data, lang)
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 20 * MM, bottom: 22 * MM, left: 20 * MM, right: 18 * MM },
    pdfVersion: '1.7',
    subset: 'PDF/A-2a',
    tagged: true,
    lang: lang === 'de' ? 'de-DE' : 'en-GB',
    displayTitle: true,
    bufferPages: true,
    font: FONT_REGULAR,
    info: {
      Title: drawableText(outline.title),
      Subject: data.snapshot.label,
      Creator: 'Ratswerkstatt',
      // The snapshot's time, so the same minutes give the same file (and file id).
      CreationDate: new Date(data.snapshot.createdAt),
    },
  } as PDFKit.PDFDocumentOptions)
  escapeXmpInfo(doc)
  doc.registerFont('regular', FONT_REGULAR)
  doc.registerFont('bold', FONT_BOLD)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const root = doc.struct('Document')
  doc.addStructure(root)
  for (const block of outline.blocks) {
    switch (block.kind) {
      case 'heading':
        heading(doc, root, block.level, block.text)
        break
      case 'paragraph':
        paragraph(doc, root, block.text, block.note)
        break
      case 'fields':
        fields(doc, root, block.rows)
        break
      case 'list':
        list(doc, root, block.ordered, block.items)
        break
      case 'table':
        table(doc, root, block)
        break
    }
  }
  root.end()
  pageNumbers(doc, lang)
  doc.end()
  return done
}
