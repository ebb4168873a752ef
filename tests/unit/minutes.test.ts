/** Minutes rendering: the three formats agree and no user string escapes its place. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, recordCardEdit, setCardAuthor } from '../../shared/board/card-ops.ts'
import { frameOf, readFrames, setFrame } from '../../shared/board/frames.ts'
import { notesOf } from '../../shared/board/schema.ts'
import { escapeMarkdown } from '../../shared/minutes/escape.ts'
import {
  buildMinutesData as build,
  type MinutesData,
  type MinutesMeta,
} from '../../shared/minutes/minutes-data.ts'
import { renderMinutes } from '../../shared/minutes/render-minutes.ts'

/** Minutes meta for a bare board: no phases, nobody joined. */
const meta = (title: string, snapshot: MinutesMeta['snapshot']): MinutesMeta => ({
  workshop: { id: 'w', title, createdAt: 0, template: null },
  snapshot,
  marks: [],
  people: [],
  attendanceNames: false,
})
const cardsOf = (data: MinutesData) => data.sections.flatMap((s) => s.frames.flatMap((f) => f.cards))

function sample() {
  const doc = new Y.Doc()
  addCard(doc, 'b', { text: 'Zweite <img src=x onerror=alert(1)>', x: 0, y: 0, color: 'blue' }, 2000)
  addCard(doc, 'a', { text: 'Erste [Link](javascript:alert(1))', x: 0, y: 0, color: 'yellow' }, 1000)
  const a = notesOf(doc).get('a')
  if (a) setCardAuthor(a, { authorId: 'p1', authorName: 'Anna', authorRole: 'citizen' })
  return build(
    doc,
    meta('Werkstatt & "Zukunft"', {
      id: 's',
      label: 'Ende',
      createdAt: Date.UTC(2026, 10, 25, 17, 0),
      createdBy: 'moderation',
    }),
  )
}

describe('minutes', () => {
  it('orders cards by creation and records authors', () => {
    const data = sample()
    expect(cardsOf(data).map((c) => c.id)).toEqual(['a', 'b'])
    expect(cardsOf(data)[0]).toMatchObject({ authorName: 'Anna', authorRole: 'citizen' })
  })

  it('leaves out cards left blank (an editor opened and closed by an older client)', () => {
    const doc = new Y.Doc()
    addCard(doc, 'kept', { text: 'Mit Text', x: 0, y: 0, color: 'blue' }, 1000)
    addCard(doc, 'empty', { text: '', x: 0, y: 0, color: 'blue' }, 2000)
    addCard(doc, 'spaces', { text: '  \n ', x: 0, y: 0, color: 'blue' }, 3000)
    const data = build(
      doc,
      meta('Leer', { id: 's', label: 'Ende', createdAt: 5000, createdBy: 'moderation' }),
    )
    expect(cardsOf(data).map((c) => c.id)).toEqual(['kept'])
  })

  it('renders HTML with every user string escaped, in German and English', () => {
    const de = renderMinutes(sample(), 'html', 'de')
    expect(de).toContain('<html lang="de">')
    expect(de).toContain('Protokoll: Werkstatt &amp; &quot;Zukunft&quot;')
    expect(de).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(de).not.toMatch(/<img/)
    expect(de).toContain('Anna (Bürger*in)')
    expect(de).toContain('25.\u00a0November\u00a02026')
    const en = renderMinutes(sample(), 'html', 'en')
    expect(en).toContain('Minutes: Werkstatt')
    expect(en).toContain('Anna (Citizen)')
  })

  it('renders Markdown in which user text cannot become a link or markup', () => {
    const md = renderMinutes(sample(), 'md', 'de')
    expect(md).toContain('\\[Link\\]\\(javascript:alert\\(1\\)\\)')
    expect(md).not.toContain('<img')
    expect(escapeMarkdown('# Titel\n- Punkt')).toBe('\\# Titel  \n\\- Punkt')
  })

  it('renders JSON that round-trips the data exactly', () => {
    const data = sample()
    expect(JSON.parse(renderMinutes(data, 'json'))).toEqual(data)
  })

  it('groups cards by frame and keeps a hidden card’s reason, never its text', () => {
    const doc = new Y.Doc()
    setFrame(doc, { id: 'f1', title: 'Tisch 1', x: 0, y: 0, w: 400, h: 300 })
    addCard(doc, 'in', { text: 'Im Rahmen', x: 10, y: 10, color: 'yellow' }, 1)
    addCard(doc, 'out', { text: 'Draußen', x: 900, y: 900, color: 'yellow' }, 2)
    addCard(doc, 'gone', { text: 'Geheimer Text', x: 20, y: 20, color: 'yellow' }, 3)
    notesOf(doc).get('gone')?.set('hidden', { reason: 'beleidigend', by: 'moderation', at: 4 })
    const data = build(doc, meta('W', { id: 's', label: 'S', createdAt: 0, createdBy: 'm' }))
    const [section] = data.sections
    expect(section?.frames.map((f) => [f.title, f.cards.map((c) => c.id)])).toEqual([
      ['Tisch 1', ['in']],
      [null, ['out']],
    ])
    expect(section?.hiddenCards).toEqual([{ id: 'gone', reason: 'beleidigend', by: 'moderation', at: 4 }])
    for (const format of ['html', 'md', 'json'] as const) {
      const text = renderMinutes(data, format, 'de')
      expect(text).not.toContain('Geheimer Text')
      expect(text).toContain('beleidigend')
    }
    const md = renderMinutes(data, 'md', 'de')
    expect(md.indexOf('#### Tisch 1')).toBeLessThan(md.indexOf('#### Außerhalb der Rahmen'))
    expect(frameOf({ x: 10, y: 10 }, readFrames(doc))?.title).toBe('Tisch 1')
  })

  it('names who changed someone else’s text and when, escaped like every user string', () => {
    const doc = new Y.Doc()
    addCard(doc, 'a', { text: 'Mehr Bäume', x: 0, y: 0, color: 'yellow' }, 1000)
    addCard(doc, 'b', { text: 'Unverändert', x: 0, y: 0, color: 'yellow' }, 2000)
    const card = notesOf(doc).get('a')
    if (!card) throw new Error('no card')
    setCardAuthor(card, { authorId: 'p1', authorName: 'Anna', authorRole: 'citizen' })
    const name = '<b>Mod</b> [x](javascript:1) {at} $&'
    recordCardEdit(card, { editedBy: name, editedById: 'p9' }, Date.UTC(2026, 10, 25, 17, 30))
    const data = build(doc, meta('W', { id: 's', label: 'S', createdAt: 0, createdBy: 'm' }))
    expect(cardsOf(data).map((c) => c.edited)).toEqual([
      { by: name, at: Date.UTC(2026, 10, 25, 17, 30) },
      null,
    ])
    const html = renderMinutes(data, 'html', 'de')
    expect(html).toContain(
      'bearbeitet von &lt;b&gt;Mod&lt;/b&gt; [x](javascript:1) {at} $&amp; am 25.\u00a0November\u00a02026\u00a0um\u00a018:30',
    )
    expect(html).not.toContain('<b>Mod')
    // Once under the card, once in the phase's list of edits; the name's {at} filled nothing.
    expect(html.match(/bearbeitet von/g)).toHaveLength(2)
    expect(renderMinutes(data, 'html', 'en')).toContain('edited by &lt;b&gt;Mod&lt;/b&gt;')
    const md = renderMinutes(data, 'md', 'en')
    expect(md).toContain(
      '*edited by &lt;b&gt;Mod&lt;/b&gt; \\[x\\]\\(javascript:1\\) \\{at\\} $&amp; on 25\u00a0November\u00a02026',
    )
    // The author line breaks before the edit line (two spaces), as Markdown needs.
    expect(md).toContain('*Written by: Anna \\(Citizen\\)*  \n   *edited by')
    expect(JSON.parse(renderMinutes(data, 'json')).sections[0].frames[0].cards[0].edited.by).toBe(name)
  })
})
