/**
 * The minutes as DOCX (Word), for the clerk who finalises the record: real headings (so the
 * navigation pane and a table of contents work), lists, tables with header rows, German as the
 * document language. It walks the same outline as every other format.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import type { MinutesData } from '../../shared/minutes/minutes-data.ts'
import type { MinutesLang } from '../../shared/minutes/minutes-labels.ts'
import { type Block, outlineMinutes } from '../../shared/minutes/minutes-outline.ts'

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
]
const FONT = 'DejaVu Sans'
const GREY = '444444'

/** Characters XML 1.0 cannot hold (a Word file with them does not open) are dropped. */
function xmlSafe(text: string): string {
  let out = ''
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0
    const allowed =
      cp === 0x9 ||
      cp === 0xa ||
      cp === 0xd ||
      (cp >= 0x20 && cp <= 0xd7ff) ||
      (cp >= 0xe000 && cp <= 0xfffd) ||
      cp >= 0x10000
    if (allowed) out += ch
  }
  return out
}

/** A user text as runs: its line breaks kept as breaks, never as markup. */
function runs(text: string, options: { bold?: boolean; size?: number; color?: string } = {}): TextRun[] {
  return xmlSafe(text)
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...options }))
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '888888' }
const borders = { top: border, bottom: border, left: border, right: border }

function table(block: Extract<Block, { kind: 'table' }>): Table {
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      borders,
      ...(head ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEEEEE' } } : {}),
      children: [
        new Paragraph({
          alignment: block.numeric[i] ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: runs(text, { bold: head, size: 19 }),
        }),
      ],
    })
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: block.head.map((h, i) => cell(h, i, true)) }),
      ...block.rows.map(
        (row) => new TableRow({ cantSplit: true, children: row.map((c, i) => cell(c, i, false)) }),
      ),
    ],
  })
}

export async function renderMinutesDocx(data: MinutesData, lang: MinutesLang = 'de'): Promise<Buffer> {
  const outline = outlineMinutes(data, lang)
  const children: (Paragraph | Table)[] = []
  let orderedLists = 0
  for (const block of outline.blocks) {
    switch (block.kind) {
      case 'heading':
        children.push(new Paragraph({ heading: HEADINGS[block.level - 1], children: runs(block.text) }))
        break
      case 'paragraph':
        children.push(
          new Paragraph({ children: runs(block.text, block.note ? { size: 18, color: GREY } : {}) }),
        )
        break
      case 'fields':
        for (const [label, value] of block.rows) {
          children.push(new Paragraph({ children: [...runs(`${label}: `, { bold: true }), ...runs(value)] }))
        }
        break
      case 'list': {
        // Each ordered list starts again at 1.
        const instance = block.ordered ? ++orderedLists : 0
        for (const item of block.items) {
          children.push(
            new Paragraph({
              ...(block.ordered
                ? { numbering: { reference: 'minutes-ordered', level: 0, instance } }
                : { bullet: { level: 0 } }),
              children: [
                ...runs(item.text),
                // Word gets the note, not the picture: the clerk's file stays small and editable.
                ...(item.photo ? [item.photo.note] : [])
                  .concat(item.notes)
                  .flatMap((n) => [new TextRun({ break: 1 }), ...runs(n, { size: 18, color: GREY })]),
              ],
            }),
          )
        }
        break
      }
      case 'table':
        children.push(table(block), new Paragraph({ children: [] }))
        break
    }
  }
  const doc = new Document({
    title: xmlSafe(outline.title),
    subject: xmlSafe(data.snapshot.label),
    creator: 'Ratswerkstatt',
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 21, language: { value: lang === 'de' ? 'de-DE' : 'en-GB' } },
        },
      },
    },
    numbering: {
      config: [
        {
          reference: 'minutes-ordered',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
        },
      ],
    },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 } } }, children }],
  })
  return Packer.toBuffer(doc)
}
