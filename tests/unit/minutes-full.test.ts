/**
 * The minutes of a full workshop, from the one model, in the text formats: agenda with the
 * phases' actual times, frames and cards per phase, hidden cards' reasons but never their
 * texts, results by group, measures, facilitators' edits, attendance by role; and the JSON
 * validated against the published JSON Schema (docs/minutes.schema.json).
 */
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { minutesJsonSchema, minutesSchema } from '../../server/minutes/minutes-schema.ts'
import { agendaPeriods, phaseAt } from '../../shared/minutes/minutes-agenda.ts'
import { buildMinutesData } from '../../shared/minutes/minutes-data.ts'
import { renderMinutes } from '../../shared/minutes/render-minutes.ts'
import { checkJsonSchema } from '../support/json-schema-check.ts'
import { fullWorkshop, HIDDEN_TEXT, min } from '../support/minutes-fixture.ts'

const NBSP = '\u00a0'

describe('minutes of a full workshop', () => {
  it('derives the agenda with each phase’s actual start and end from the phase-change snapshots', () => {
    const { data } = fullWorkshop()
    expect(data.agenda.map((a) => [a.name, a.periods, a.current])).toEqual([
      ['Vorbereitung', [{ start: min(0), end: min(10) }], false],
      ['Kritikphase', [{ start: min(10), end: min(30) }], false],
      ['Fantasiephase', [{ start: min(30), end: min(50) }], false],
      ['Verwirklichungsphase', [{ start: min(50), end: null }], true],
      ['Nachbereitung', [], false],
    ])
    expect(data.date).toEqual({ start: min(10), end: min(70) })
    expect(data.workshop.place).toBe('Rathaus Musterstadt, Großer Sitzungssaal')
  })

  it('puts cards, hidden cards, results, measures and edits into the phase they happened in', () => {
    const { data } = fullWorkshop()
    const byName = (name: string) => data.sections.find((s) => s.name === name)
    const critique = byName('Kritikphase')
    expect(critique?.frames.map((f) => [f.title, f.cards.map((c) => c.text)])).toEqual([
      ['Mobilität', ['Busse fahren abends nicht']],
      ['Verwaltung', ['Anträge nur auf Papier', 'Zu wenig Personal im Bürgerbüro']],
      [null, ['Ohne Rahmen: mehr Bänke']],
    ])
    expect(critique?.hiddenCards).toEqual([
      { id: 'c-hidden', reason: 'beleidigend', by: 'Moderatorin Meyer', at: min(18) },
    ])
    expect(critique?.edits.map((e) => [e.cardText, e.by, e.at])).toEqual([
      ['Busse fahren abends nicht', 'Moderatorin Meyer', min(20)],
    ])
    expect(critique?.results[0]?.rows[0]).toMatchObject({
      text: 'Busse fahren abends nicht',
      total: 10,
      byGroup: { citizen: 9, councillor: 0, staff: 1 },
    })
    expect(byName('Fantasiephase')?.frames[0]?.cards[0]?.text).toBe('Eine App für alle Anträge')
    expect(byName('Verwirklichungsphase')?.measures.map((m) => m.title)).toEqual(['Abendbus testen'])
  })

  it('counts attendance by role, and names people only where the instance allows it', () => {
    const counts = fullWorkshop().data.attendance
    expect(counts).toMatchObject({ namesShown: false, total: 6 })
    expect(counts.byRole.map((r) => [r.role, r.count, r.names])).toEqual([
      ['facilitator', 1, null],
      ['councillor', 1, null],
      ['staff', 1, null],
      ['citizen', 2, null],
      ['observer', 1, null],
    ])
    expect(fullWorkshop().data.facilitators).toEqual(['Moderatorin Meyer'])
    const html = renderMinutes(fullWorkshop().data, 'html')
    expect(html).not.toContain('Bernd')
    const named = fullWorkshop({ attendanceNames: true }).data
    expect(named.attendance.byRole.find((r) => r.role === 'citizen')?.names).toEqual(['Anna', 'Bernd'])
    expect(renderMinutes(named, 'html')).toContain('Anna, Bernd')
  })

  it('says the same in HTML, Markdown and JSON, and never the hidden text', () => {
    const { data } = fullWorkshop()
    const html = renderMinutes(data, 'html')
    const md = renderMinutes(data, 'md')
    const json = renderMinutes(data, 'json')
    for (const text of [html, md, json]) expect(text).not.toContain(HIDDEN_TEXT)
    const expected = [
      'Digitale Kommune',
      'Rathaus Musterstadt, Großer Sitzungssaal',
      'Kritikphase',
      'Mobilität',
      'Busse fahren abends nicht',
      'Anträge nur auf Papier',
      'Zu wenig Personal im Bürgerbüro',
      'beleidigend',
      'Abendbus testen',
      'Frau Weber',
      'Ordnungsamt',
    ]
    for (const text of expected) {
      expect(html, text).toContain(text)
      expect(json, text).toContain(text)
    }
    // Agenda with times (en dash for the open end is not used: „läuft noch“).
    expect(html).toMatch(/<td[^>]*>Kritikphase<\/td><td class="num">18:10<\/td><td class="num">18:30<\/td>/)
    expect(html).toContain(
      'Verwirklichungsphase (aktuelle Phase)</td><td class="num">18:50</td><td class="num">läuft noch</td>',
    )
    expect(md).toContain('| Kritikphase | 18:10 | 18:30 |')
    // Results by group, the hidden card's reason, the measure, the edit.
    expect(html).toContain('Abgestimmt haben: 9 (Bürger*innen 3, Ratsmitglieder 3, Verwaltung 3)')
    expect(md).toContain('| Busse fahren abends nicht | 10 | 9 | 0 | 1 |')
    expect(html).toContain('Von der Moderation ausgeblendet (Moderatorin Meyer): beleidigend')
    expect(md).toContain('| Abendbus testen | Frau Weber | Ordnungsamt | 30\\. Juni 2027 |')
    expect(html).toContain(`Karte „Busse fahren abends nicht“ von Anna (Bürger*in)`)
    // German typography: dates do not break, „quotes“.
    expect(html).toContain(`25.${NBSP}November${NBSP}2026`)
    expect(html).toContain('<html lang="de">')
    expect(html).toContain('@page { size: A4;')
  })

  it('prints the integrity proof when the event log provides one', () => {
    const { board, meta } = fullWorkshop()
    const data = buildMinutesData(board, {
      ...meta,
      integrity: { snapshotHash: 'sha256:aa11', logHead: 'sha256:bb22' },
    })
    for (const format of ['html', 'md', 'json'] as const) {
      const text = renderMinutes(data, format)
      expect(text).toContain('sha256:aa11')
      expect(text).toContain('sha256:bb22')
    }
    expect(renderMinutes(fullWorkshop().data, 'html')).not.toContain('Unversehrtheit')
  })

  it('handles a phase run twice, the change out of „no phase“, and minutes of a transition snapshot', () => {
    const periods = agendaPeriods({
      marks: [
        { id: 'a', phase: null, label: 'Vor Eins', at: 100 },
        { id: 'b', phase: 'p1', label: 'Eins', at: 200 },
        { id: 'm', phase: null, label: 'Zwischenstand', at: 250 },
        { id: 'c', phase: 'p2', label: 'Zwei', at: 300 },
        { id: 'd', phase: 'p1', label: 'Eins', at: 400 },
      ],
      snapshotId: 'd',
      currentPhase: 'p1',
      firstStart: null,
      phaseNames: ['Eins', 'Zwei'],
    })
    expect(periods).toEqual([
      { phaseId: 'p1', start: 100, end: 200 },
      { phaseId: 'p2', start: 200, end: 300 },
      { phaseId: 'p1', start: 300, end: 400 },
    ])
    expect([50, 150, 250, 350, 450].map((t) => phaseAt(periods, t))).toEqual([null, 'p1', 'p2', 'p1', null])
  })

  it('publishes a JSON Schema that the JSON minutes validate against', () => {
    const published = JSON.parse(
      fs.readFileSync(new URL('../../docs/minutes.schema.json', import.meta.url), 'utf8'),
    )
    expect(published).toEqual(minutesJsonSchema())
    const { board, meta } = fullWorkshop({ attendanceNames: true })
    for (const data of [
      fullWorkshop().data,
      buildMinutesData(board, { ...meta, integrity: { snapshotHash: 'a', logHead: 'b' } }),
      buildMinutesData(new Y.Doc(), { ...meta, marks: [] }),
    ]) {
      const json = JSON.parse(renderMinutes(data, 'json'))
      expect(checkJsonSchema(published, json)).toEqual([])
      expect(minutesSchema.safeParse(json).success).toBe(true)
    }
    // The checker is not a rubber stamp: a wrong type, a missing and an unknown field fail.
    const json = JSON.parse(renderMinutes(fullWorkshop().data, 'json'))
    json.sections[0].frames[0].cards[0].createdAt = 'gestern'
    delete json.attendance.total
    json.extra = true
    expect(checkJsonSchema(published, json)).toEqual([
      '$.attendance: missing total',
      '$.sections[0].frames[0].cards[0].createdAt: expected integer, got string',
      '$: unexpected property extra',
    ])
  })
})
