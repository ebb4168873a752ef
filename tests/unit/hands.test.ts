/**
 * The pure parts of raised hands: who may raise for whom (the shared policy, with the role
 * `assistant` another package adds), the board root read defensively, and the minutes' section
 * of speaking times, escaped in every format.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { handsOf, readHands, writeHands } from '../../shared/board/hands.ts'
import { buildMinutesData, type MinutesSpeech } from '../../shared/minutes/minutes-data.ts'
import { formatSpan } from '../../shared/minutes/minutes-labels.ts'
import { renderMinutes } from '../../shared/minutes/render-minutes.ts'
import { ROOTS } from '../../shared/policy/board-registry.ts'
import { type Actor, mayRaiseHand, mayRaiseHandFor } from '../../shared/policy/permissions.ts'
import type { Role } from '../../shared/policy/roles.ts'

const actor = (role: string, isFacilitator = false): Actor => ({
  participantId: 'p',
  // The role `assistant` arrives with another package; the rule compares the string.
  role: role as Role,
  isFacilitator,
})

describe('hands policy', () => {
  it('lets everyone but observers raise their own hand, and only facilitators and assistants raise for others', () => {
    expect(mayRaiseHand(actor('citizen'))).toBe(true)
    expect(mayRaiseHand(actor('councillor'))).toBe(true)
    expect(mayRaiseHand(actor('observer'))).toBe(false)
    expect(mayRaiseHand(actor('facilitator', true))).toBe(true)
    expect(mayRaiseHandFor(actor('facilitator', true))).toBe(true)
    expect(mayRaiseHandFor(actor('assistant'))).toBe(true)
    for (const role of ['citizen', 'councillor', 'staff', 'observer'])
      expect(mayRaiseHandFor(actor(role))).toBe(false)
  })

  it('registers the hands root as the server’s alone', () => {
    expect(ROOTS['board:hands']?.writer).toBe('server')
  })
})

describe('the hands root', () => {
  it('reads the queue in order and skips what is malformed', () => {
    const board = new Y.Doc()
    handsOf(board).set('queue', [
      { id: 'b', participantId: 'pb', name: 'Bert', role: 'citizen', raisedAt: 20 },
      { id: 'x', name: 42 },
      'nonsense',
      { id: 'a', participantId: null, name: 'Frau Meier', role: null, raisedAt: 10, for: true },
    ])
    handsOf(board).set('speaker', { name: 7 })
    expect(readHands(board)).toEqual({
      queue: [
        { id: 'a', participantId: null, name: 'Frau Meier', role: null, raisedAt: 10, for: true },
        { id: 'b', participantId: 'pb', name: 'Bert', role: 'citizen', raisedAt: 20 },
      ],
      speaker: null,
    })
    writeHands(board, {
      queue: [],
      speaker: { participantId: 'pb', name: 'Bert', role: 'citizen', since: 5 },
    })
    expect(readHands(board).speaker).toEqual({ participantId: 'pb', name: 'Bert', role: 'citizen', since: 5 })
  })
})

describe('Wortmeldungen in the minutes', () => {
  const speeches: MinutesSpeech[] = [
    {
      phaseId: 'p1',
      phaseName: 'Kritik',
      name: '<script>alert(1)</script>',
      role: 'citizen',
      onBehalf: false,
      startedAt: Date.UTC(2026, 11, 1, 17, 0, 0),
      endedAt: Date.UTC(2026, 11, 1, 17, 2, 5),
      durationMs: 125_000,
    },
    {
      phaseId: 'p1',
      phaseName: 'Kritik',
      name: null,
      role: 'staff',
      onBehalf: true,
      startedAt: Date.UTC(2026, 11, 1, 17, 2, 5),
      endedAt: null,
      durationMs: null,
    },
  ]
  const meta = {
    workshop: { id: 'w', title: 'Werkstatt', createdAt: Date.UTC(2026, 11, 1, 16), template: null },
    snapshot: { id: 's', label: 'Ende', createdAt: Date.UTC(2026, 11, 1, 17, 3), createdBy: 'Moderation' },
    marks: [],
    people: [],
    attendanceNames: false,
  }
  const data = buildMinutesData(new Y.Doc(), { ...meta, speeches })

  it('renders who, when and how long, escaped, with the sums by role', () => {
    const html = renderMinutes(data, 'html')
    expect(html).toContain('<h2>Wortmeldungen (2)</h2>')
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; (Bürger*in)')
    expect(html).toContain(
      '<td class="num">18:00:00</td><td class="num">18:02:05</td><td class="num">2:05</td>',
    )
    expect(html).toContain('Verwaltung, im Raum, ohne Gerät')
    expect(html).toContain('läuft noch')
    expect(html).toContain('2 Wortmeldungen, zusammen 2:05')
    expect(html).toContain('Redezeit nach Rolle: Bürger*in 2:05')
    const md = renderMinutes(data, 'md', 'en')
    expect(md).toContain('## Speakers \\(2\\)')
    expect(md).toContain('| Kritik | Administration, in the room, no device | 18:02:05 | still speaking |  |')
    expect(md).not.toContain('<script>')
    expect(JSON.parse(renderMinutes(data, 'json')).speeches).toEqual(speeches)
  })

  it('leaves the section out when nobody spoke', () => {
    const none = buildMinutesData(new Y.Doc(), meta)
    expect(none.speeches).toEqual([])
    expect(renderMinutes(none, 'html')).not.toContain('Wortmeldungen')
    expect(renderMinutes(none, 'md')).not.toContain('Wortmeldungen')
  })

  it('formats spans as m:ss and h:mm:ss', () => {
    expect(formatSpan(0)).toBe('0:00')
    expect(formatSpan(65_400)).toBe('1:05')
    expect(formatSpan(3_725_000)).toBe('1:02:05')
  })
})
