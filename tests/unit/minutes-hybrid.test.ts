/**
 * The hybrid room's records in the one minutes model and in all five formats: a paper card an
 * assistant entered for a citizen ("Eingetragen von … für Bürger*innen", counted per group,
 * its photo), hand-counted dots merged into the results ("davon Papier"), the Wortmeldungen,
 * and the event log's integrity hashes. Names given by people stay inert text everywhere.
 */
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { minutesJsonSchema } from '../../server/minutes/minutes-schema.ts'
import { renderMinutesDocx } from '../../server/minutes/render-docx.ts'
import { renderMinutesPdf } from '../../server/minutes/render-pdf.ts'
import type { MinutesData } from '../../shared/minutes/minutes-data.ts'
import { renderMinutes } from '../../shared/minutes/render-minutes.ts'
import { docxText, pdfStruct, pdfText } from '../support/document-text.ts'
import { checkJsonSchema } from '../support/json-schema-check.ts'
import {
  ASSISTANT_NAME,
  fullWorkshop,
  HIDDEN_TEXT,
  INTEGRITY,
  PAPER_CARD_TEXT,
  SPEAKER_NAME,
} from '../support/minutes-fixture.ts'

const flat = (text: string) => text.replace(/\s+/g, ' ')

/** What every format must say, as plain text (before its own escaping). */
const EXPECTED = [
  PAPER_CARD_TEXT,
  `Eingetragen von ${ASSISTANT_NAME} für Bürger*innen`,
  'Karten je Gruppe: Bürger*innen 4 (davon 1 von Papier eingetragen), Ratsmitglieder 2, Verwaltung 1',
  'davon 9 Punkte von Papier (von Hand gezählt); 3 Personen auf Papier',
  'davon Papier',
  'Wortmeldungen (2)',
  `${SPEAKER_NAME} (Bürger*in)`,
  'Herr Schulz (Ratsmitglied), im Raum, ohne Gerät',
  '2 Wortmeldungen, zusammen 3:05',
  INTEGRITY.snapshotHash,
  INTEGRITY.logHead,
]

let thumbnail: string
let data: MinutesData

beforeAll(async () => {
  const jpeg = await sharp({ create: { width: 48, height: 32, channels: 3, background: '#c0392b' } })
    .jpeg()
    .toBuffer()
  thumbnail = `data:image/jpeg;base64,${jpeg.toString('base64')}`
  data = fullWorkshop({ hybrid: { thumbnail } }).data
})

describe('minutes of a hybrid room', () => {
  it('carries the paper card, the paper dots, the speeches and the hashes in the model', () => {
    const critique = data.sections.find((s) => s.name === 'Kritikphase')
    const zettel = critique?.frames.flatMap((f) => f.cards).find((c) => c.id === 'c-zettel')
    expect(zettel).toMatchObject({
      authorGroup: 'citizen',
      enteredBy: ASSISTANT_NAME,
      photo: true,
      photoThumbnail: thumbnail,
    })
    expect(critique?.frames.flatMap((f) => f.cards).find((c) => c.id === 'c-bus')).toMatchObject({
      authorGroup: 'citizen',
      enteredBy: null,
      photo: false,
    })
    expect(data.contributions).toEqual({
      citizen: { cards: 4, entered: 1 },
      councillor: { cards: 2, entered: 0 },
      staff: { cards: 1, entered: 0 },
    })
    const results = critique?.results[0]
    expect(results?.paper).toEqual({ points: 9, voters: 3, withheld: [] })
    expect(results?.rows.find((r) => r.cardId === 'c-bus')).toMatchObject({ total: 16, paper: 6 })
    expect(data.speeches.map((s) => s.durationMs)).toEqual([125_000, 60_000])
    expect(data.integrity).toEqual(INTEGRITY)
  })

  it('HTML: the photo as an embedded thumbnail, every record there, names inert', () => {
    const html = renderMinutes(data, 'html')
    expect(html).toContain(`<img class="photo" src="${thumbnail}" alt="${PAPER_CARD_TEXT}">`)
    expect(html).toContain('Eingetragen von Jan &lt;img src=x onerror=alert(1)&gt; für Bürger*innen')
    expect(html).toContain('&lt;script&gt;alert(&quot;rede&quot;)&lt;/script&gt; Bert (Bürger*in)')
    expect(html).not.toContain('<script')
    expect(html).not.toMatch(/<img[^>]*onerror/)
    expect(html).toContain('<th scope="col" class="num">davon Papier</th>')
    expect(html).toContain('<h2>Wortmeldungen (2)</h2>')
    expect(html).not.toContain(HIDDEN_TEXT)
    // A thumbnail that is not the server's base64 JPEG is never put into the page.
    const forged = fullWorkshop({ hybrid: { thumbnail: 'javascript:alert(1)' } }).data
    const page = renderMinutes(forged, 'html')
    expect(page).not.toContain('javascript:')
    expect(page).toContain('<div class="note">Foto vorhanden</div>')
  })

  it('Markdown: the photo as a note, the paper column, escaped names', () => {
    const md = renderMinutes(data, 'md')
    expect(md).toContain('*Foto vorhanden*')
    expect(md).toContain('| Karte | Gesamt | davon Papier | Bürger\\*innen | Ratsmitglieder | Verwaltung |')
    expect(md).toContain('| Busse fahren abends nicht | 16 | 6 | 15 | 0 | 1 |')
    expect(md).toContain('Eingetragen von Jan &lt;img src=x onerror=alert\\(1\\)&gt; für Bürger\\*innen')
    expect(md).toContain('## Wortmeldungen \\(2\\)')
    expect(md).not.toContain('<script')
    expect(md).not.toContain('data:image')
  })

  it('JSON: valid against the published schema, the photo as a flag without the thumbnail', () => {
    const json = JSON.parse(renderMinutes(data, 'json'))
    expect(checkJsonSchema(minutesJsonSchema(), json)).toEqual([])
    const cards = json.sections.flatMap((s: MinutesData['sections'][number]) =>
      s.frames.flatMap((f) => f.cards),
    )
    const zettel = cards.find((c: { id: string }) => c.id === 'c-zettel')
    expect(zettel).toMatchObject({ photo: true, authorGroup: 'citizen', enteredBy: ASSISTANT_NAME })
    expect(zettel.photoThumbnail).toBeUndefined()
    expect(json.speeches).toEqual(data.speeches)
    expect(json.integrity).toEqual(INTEGRITY)
    const critique = json.sections.find((s: { name: string | null }) => s.name === 'Kritikphase')
    expect(critique.results[0].paper).toEqual({ points: 9, voters: 3, withheld: [] })
  })

  it('PDF: the same text, the photo as a tagged Figure', async () => {
    const pdf = await renderMinutesPdf(data, 'de')
    const text = flat(pdfText(pdf))
    for (const expected of EXPECTED) expect(text, expected).toContain(expected)
    expect(text).not.toContain(HIDDEN_TEXT)
    expect(pdfStruct(pdf)).toContain('Figure')
    // Without a thumbnail the PDF says that there is a photo.
    const noThumb = await renderMinutesPdf(fullWorkshop({ hybrid: { thumbnail: null } }).data, 'de')
    expect(flat(pdfText(noThumb))).toContain('Foto vorhanden')
  })

  it('DOCX: the same text, the photo as a note', async () => {
    const text = flat(docxText(await renderMinutesDocx(data, 'de')))
    for (const expected of EXPECTED) expect(text, expected).toContain(expected)
    expect(text).toContain('Foto vorhanden')
    expect(text).not.toContain(HIDDEN_TEXT)
  })
})
