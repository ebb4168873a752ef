/**
 * The minutes of a workshop run over HTTP on a real server, in every format: HTML, Markdown,
 * JSON (valid against the published schema), PDF/A-2 (text extracted with pdftotext, the XMP
 * identification, embedded fonts, tags, title and language) and DOCX (document.xml read back).
 * Each carries the agenda with times, frames and cards, the hidden card's reason but not its
 * text, results by group, the measure; the hostile card texts come out literally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderMinutesPdf } from '../../server/minutes/render-pdf.ts'
import { call, joinAsGuest, PASSWORD } from '../support/api.ts'
import {
  docxFiles,
  docxText,
  pdfFonts,
  pdfInfo,
  pdfMeta,
  pdfStruct,
  pdfText,
} from '../support/document-text.ts'
import { HOSTILE_TEXTS } from '../support/hostile-texts.ts'
import { checkJsonSchema } from '../support/json-schema-check.ts'
import { fullWorkshop } from '../support/minutes-fixture.ts'
import {
  fetchMinutes,
  HIDDEN_MARKER,
  type MinutesWorkshop,
  runMinutesWorkshop,
} from '../support/minutes-workshop.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
let w: MinutesWorkshop

beforeAll(async () => {
  server = await startTestServer()
  w = await runMinutesWorkshop(server, HOSTILE_TEXTS)
})
afterAll(() => server.dispose())

/** Collapses whitespace (pdftotext breaks lines where the layout does). */
const flat = (s: string) => s.replace(/\s+/g, ' ')

const CONTENT = [
  'Protokoll: Digitale Kommune',
  'Rathaus Musterstadt, Saal 1',
  'Vorbereitung',
  'Kritikphase',
  'Fantasiephase',
  'Verwirklichungsphase (aktuelle Phase)',
  'Busse fahren abends nicht',
  'Anträge nur auf Papier',
  'Von der Moderation ausgeblendet (moderation): beleidigend',
  'Abstimmung: Kritikphase',
  'Abgestimmt haben: 3 (Bürger*innen 3)',
  'Abendbus testen',
  'Frau Weber',
  'Ordnungsamt',
  '30. Juni 2027',
  'bearbeitet von moderation',
]

/** The agenda rows: phase, start, end, with real times from the phase-change snapshots. */
const AGENDA =
  /Kritikphase \d\d:\d\d \d\d:\d\d Fantasiephase \d\d:\d\d \d\d:\d\d Verwirklichungsphase \(aktuelle Phase\) \d\d:\d\d läuft noch/

describe('minutes in every format', () => {
  it('HTML, Markdown and JSON agree on the content; JSON validates against the published schema', async () => {
    const html = (await fetchMinutes(server, w, 'html')).body.toString('utf8')
    const md = (await fetchMinutes(server, w, 'md')).body.toString('utf8')
    const json = (await fetchMinutes(server, w, 'json')).body.toString('utf8')
    for (const text of CONTENT) expect(html, text).toContain(text.replace('&', '&amp;'))
    for (const body of [html, md, json]) expect(body).not.toContain(HIDDEN_MARKER)
    const data = JSON.parse(json)
    expect(data.attendance).toEqual({
      namesShown: false,
      total: 5,
      byRole: [
        { role: 'facilitator', count: 1, names: null },
        { role: 'citizen', count: 3, names: null },
        { role: 'observer', count: 1, names: null },
      ],
    })
    const [, critique] = data.agenda
    expect(critique.periods[0].end).toBeGreaterThan(critique.periods[0].start)
    const schema = await fetch(`${server.url}/api/minutes.schema.json`)
    expect(schema.headers.get('content-type')).toContain('application/schema+json')
    expect(checkJsonSchema(await schema.json(), data)).toEqual([])
    for (const text of HOSTILE_TEXTS) expect(JSON.stringify(data)).toContain(JSON.stringify(text))
    // Markdown: no raw HTML tag, no link or image syntax, no line starting a heading from user text.
    expect(md).not.toMatch(/<[a-z!/]/i)
    expect(md).not.toMatch(/[^\\]\]\(/)
    expect(md).toContain('&lt;script&gt;window\\.\\_\\_pwned = 1&lt;/script&gt;')
    expect(md).toContain('\\# Überschrift \\*fett\\* \\`code\\`')
  })

  it('PDF/A-2: the text extracted, identified as PDF/A-2a, fonts embedded, tagged, titled, in German', async () => {
    const res = await fetchMinutes(server, w, 'pdf')
    expect(res.status).toBe(200)
    expect(res.type).toBe('application/pdf')
    expect(res.disposition).toMatch(/^attachment; filename="protokoll-[\w-]+\.pdf"$/)
    const text = flat(pdfText(res.body))
    for (const expected of CONTENT) expect(text, expected).toContain(expected)
    expect(text).toMatch(AGENDA)
    expect(text).not.toContain(HIDDEN_MARKER)
    const meta = pdfMeta(res.body)
    expect(meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/)
    expect(meta).toMatch(/<pdfaid:conformance>A<\/pdfaid:conformance>/)
    expect(meta).toContain('Protokoll: Digitale Kommune')
    const fonts = pdfFonts(res.body)
    expect(fonts.length).toBeGreaterThan(0)
    expect(fonts.filter((f) => !f.embedded)).toEqual([])
    expect(fonts.every((f) => f.name.includes('DejaVuSans'))).toBe(true)
    const info = pdfInfo(res.body)
    expect(info).toMatch(/Tagged:\s+yes/)
    expect(info).toMatch(/Title:\s+Protokoll: Digitale Kommune/)
    expect(info).toMatch(/PDF version:\s+1\.7/)
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/)
    const struct = pdfStruct(res.body)
    for (const tag of ['Document', 'H1', 'H2', 'H3', 'P', 'L', 'LI', 'LBody', 'Table', 'TR', 'TH', 'TD']) {
      expect(struct, tag).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'))
    }
    expect(res.body.toString('latin1')).toMatch(/\/Lang \(de-DE\)/)
  })

  it('PDF: every hostile card text is there literally', async () => {
    const text = flat(pdfText((await fetchMinutes(server, w, 'pdf')).body))
    for (const hostile of HOSTILE_TEXTS) {
      if (/[\u0590-\u08ff]/.test(hostile) || hostile.includes('🎉')) continue
      expect(text, hostile).toContain(flat(hostile))
    }
    // Right-to-left words are each there (pdfkit lays text out left to right: no bidi reordering).
    for (const word of ['مرحبا', 'بالعالم', 'שלום', 'עולם']) {
      expect(text.includes(word) || text.includes([...word].reverse().join('')), word).toBe(true)
    }
    // An emoji DejaVu Sans has is drawn; one it lacks is written as its code point.
    expect(text).toContain('Emoji 😀 ☀ und [U+1F389] dazu')
    // ... and the paragraph's ActualText (UTF-16) gives screen readers the emoji itself.
    const pdf = (await fetchMinutes(server, w, 'pdf')).body
    expect(pdf.includes(Buffer.from('🎉', 'utf16le').swap16())).toBe(true)
  })

  it('DOCX: headings, tables and the same content; hostile texts literal, the hidden text absent', async () => {
    const res = await fetchMinutes(server, w, 'docx')
    expect(res.status).toBe(200)
    expect(res.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    const files = docxFiles(res.body)
    const xml = files['word/document.xml'] ?? ''
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>')
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>')
    expect(xml).toContain('<w:tblHeader/>')
    expect(files['docProps/core.xml']).toContain('<dc:title>Protokoll: Digitale Kommune</dc:title>')
    expect(files['word/styles.xml']).toContain('w:val="de-DE"')
    const text = docxText(res.body)
    for (const expected of CONTENT) expect(flat(text), expected).toContain(expected)
    expect(flat(text)).not.toContain(HIDDEN_MARKER)
    for (const hostile of HOSTILE_TEXTS) expect(text, hostile).toContain(hostile)
    // Nothing of the card texts became markup: no script, no hyperlink, no field code.
    for (const part of Object.values(files)) {
      expect(part).not.toMatch(/<script|<w:hyperlink|<w:fldSimple|<w:instrText/)
    }
  })

  it('PDF: a title with XML characters stays well-formed in the XMP metadata and exact in the info', async () => {
    const { data } = fullWorkshop()
    data.workshop.title = 'Werkstatt & <Zukunft> „Ä“'
    const pdf = await renderMinutesPdf(data)
    expect(pdfMeta(pdf)).toContain(
      '<rdf:li xml:lang="x-default">Protokoll: Werkstatt &amp; &lt;Zukunft&gt; „Ä“</rdf:li>',
    )
    expect(pdfInfo(pdf)).toMatch(/Title:\s+Protokoll: Werkstatt & <Zukunft> „Ä“/)
  })

  it('refuses an unknown format; the minutes are open to the facilitators and administrators only', async () => {
    expect((await fetchMinutes(server, w, 'exe')).status).toBe(400)
    const res = await fetch(`${server.url}/api/workshops/${w.workshopId}/minutes?format=pdf`)
    expect(res.status).toBe(401)
    const base = server.url
    // A second facilitator (not an administrator) runs a workshop of her own.
    const made = await call(
      base,
      'POST',
      '/api/users',
      { username: 'weber', password: PASSWORD, role: 'facilitator' },
      w.token,
    )
    expect(made.status).toBe(201)
    const weber = (await call(base, 'POST', '/api/login', { username: 'weber', password: PASSWORD })).json
      .token as string
    const own = (await call(base, 'POST', '/api/workshops', { title: 'Weber' }, weber)).json as {
      id: string
      joinCode: string
    }
    expect(
      (await call(base, 'POST', `/api/workshops/${own.id}/snapshots`, { label: 'S' }, weber)).status,
    ).toBe(201)
    const minutesOf = (id: string, token: string) =>
      call(base, 'GET', `/api/workshops/${id}/minutes?format=json`, undefined, token)
    // The administrator (the first account) reads it without being a member; she cannot read his.
    expect((await minutesOf(own.id, w.token)).status).toBe(200)
    expect((await minutesOf(w.workshopId, weber)).status).toBe(404)
    const guest = await joinAsGuest(base, own.joinCode, 'Gast')
    expect((await minutesOf(own.id, guest.token)).status).toBe(403)
    // The place: facilitators only, at most 200 characters, empty removes it.
    const place = (body: unknown, token: string) =>
      call(base, 'PUT', `/api/workshops/${own.id}/place`, body, token)
    expect((await place({ place: 'x' }, guest.token)).status).toBe(403)
    expect((await place({ place: 'x'.repeat(201) }, weber)).status).toBe(400)
    expect((await place({ place: '  Bürgerhaus  ' }, weber)).json).toEqual({ place: 'Bürgerhaus' })
    expect((await call(base, 'GET', `/api/workshops/${own.id}/place`, undefined, weber)).json).toEqual({
      place: 'Bürgerhaus',
    })
    expect((await place({ place: '' }, weber)).json).toEqual({ place: null })
  })
})
