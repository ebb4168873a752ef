/**
 * A full Zukunftswerkstatt on one board, as the minutes see it: the template's phases with
 * their transition snapshots, frames with cards of every group, a hidden card, a facilitator's
 * edit of a citizen's card, a dot vote revealed with the split by group, and a measure. The
 * same steps as tests/e2e/zukunftswerkstatt.test.ts, written straight onto a Y.Doc. With
 * `hybrid`, also the hybrid room's records: a paper card an assistant entered for a citizen,
 * with a photo, hand-counted dots in the vote, speaking times and the event log's hashes.
 */
import * as Y from 'yjs'
import { addCard, recordCardEdit, setCardAuthor, setCardProvenance } from '../../shared/board/card-ops.ts'
import { applyPhase } from '../../shared/board/facilitation.ts'
import { setFrame } from '../../shared/board/frames.ts'
import { setMeasure } from '../../shared/board/measures.ts'
import { notesOf } from '../../shared/board/schema.ts'
import type { PhaseMark } from '../../shared/minutes/minutes-agenda.ts'
import {
  buildMinutesData,
  type MinutesData,
  type MinutesMeta,
  type MinutesSpeech,
} from '../../shared/minutes/minutes-data.ts'
import { setPlace } from '../../shared/minutes/workshop-place.ts'
import { replaceScript } from '../../shared/script/script-schema.ts'
import { templatePhases } from '../../shared/script/templates.ts'
import type { PaperInput } from '../../shared/votes/paper.ts'
import { type Ballot, computeResults, resultsOf } from '../../shared/votes/results.ts'

/** 25 November 2026, 18:00 in Berlin. */
export const T0 = Date.UTC(2026, 10, 25, 17, 0)
export const min = (n: number) => T0 + n * 60_000

export const HIDDEN_TEXT = 'Geheimer beleidigender Text 7c1e'

export const PAPER_CARD_TEXT = 'Zettel: Radweg zur Schule'
/** The assistant's name and a speaker's name: hostile, so every format shows them inert. */
export const ASSISTANT_NAME = 'Jan <img src=x onerror=alert(1)>'
export const SPEAKER_NAME = '<script>alert("rede")</script> Bert'
export const INTEGRITY = { snapshotHash: 'a'.repeat(64), logHead: 'b'.repeat(64) }

export interface HybridOptions {
  /** The thumbnail the server would give the paper card's photo (a JPEG data: URI). */
  thumbnail: string | null
}

export interface FullWorkshop {
  board: Y.Doc
  meta: MinutesMeta
  data: MinutesData
}

type Author = { authorId: string; authorName: string; authorRole: string }
const anna: Author = { authorId: 'p-anna', authorName: 'Anna', authorRole: 'citizen' }
const ratsfrau: Author = { authorId: 'p-rat', authorName: 'ratsfrau', authorRole: 'councillor' }
const amt: Author = { authorId: 'p-amt', authorName: 'amtsleiter', authorRole: 'staff' }

function card(board: Y.Doc, id: string, text: string, at: number, author: Author, x = 20, y = 20) {
  addCard(board, id, { text, x, y, color: 'yellow' }, at)
  const map = notesOf(board).get(id)
  if (map) setCardAuthor(map, author)
}

/** `extraCards` (text by id) are written by the citizen in the critique phase. */
export function fullWorkshop(
  options: { extraCards?: string[]; attendanceNames?: boolean; hybrid?: HybridOptions } = {},
): FullWorkshop {
  const board = new Y.Doc()
  const phases = templatePhases('zukunftswerkstatt', 'de')
  const [prep, critique, fantasy, action] = phases
  if (!prep || !critique || !fantasy || !action) throw new Error('template changed')
  replaceScript(board, phases)
  applyPhase(board, prep)
  setPlace(board, 'Rathaus Musterstadt, Großer Sitzungssaal')
  setFrame(board, { id: 'f-mob', title: 'Mobilität', x: 0, y: 0, w: 400, h: 400 })
  setFrame(board, { id: 'f-verw', title: 'Verwaltung', x: 500, y: 0, w: 400, h: 400 })
  const marks: PhaseMark[] = [{ id: 's1', phase: prep.id, label: prep.name, at: min(10) }]

  applyPhase(board, critique)
  card(board, 'c-bus', 'Busse fahren abends nicht', min(12), anna, 20, 20)
  card(board, 'c-papier', 'Anträge nur auf Papier', min(13), ratsfrau, 520, 20)
  card(board, 'c-personal', 'Zu wenig Personal im Bürgerbüro', min(14), amt, 540, 60)
  card(board, 'c-frei', 'Ohne Rahmen: mehr Bänke', min(15), anna, 2000, 2000)
  card(board, 'c-hidden', HIDDEN_TEXT, min(16), anna, 30, 30)
  notesOf(board)
    .get('c-hidden')
    ?.set('hidden', { reason: 'beleidigend', by: 'Moderatorin Meyer', at: min(18) })
  const edited = notesOf(board).get('c-bus')
  if (edited) recordCardEdit(edited, { editedBy: 'Moderatorin Meyer', editedById: 'p-mod' }, min(20))
  ;(options.extraCards ?? []).forEach((text, i) => {
    card(board, `x-${i}`, text, min(21), anna, 40 + i, 40 + i)
  })
  if (options.hybrid) {
    // An assistant typed in a citizen's paper card and attached its photo.
    card(board, 'c-zettel', PAPER_CARD_TEXT, min(17), {
      authorId: 'p-jan',
      authorName: ASSISTANT_NAME,
      authorRole: 'assistant',
    })
    const map = notesOf(board).get('c-zettel')
    if (map) {
      setCardProvenance(map, { authorGroup: 'citizen', enteredBy: 'p-jan' })
      map.set('photo', 'v1')
    }
  }
  // Three voters per group, so the split by group is published.
  const ballots: Ballot[] = []
  for (const [group, cardId, points] of [
    ['citizen', 'c-bus', 3],
    ['councillor', 'c-papier', 3],
    ['staff', 'c-personal', 2],
  ] as const) {
    for (let i = 0; i < 3; i++) ballots.push({ participantId: `${group}-${i}`, group, cardId, points })
  }
  ballots.push({ participantId: 'staff-0', group: 'staff', cardId: 'c-bus', points: 1 })
  // Hybrid: three citizens voted with dots on the wall, counted by hand.
  const paper: PaperInput | undefined = options.hybrid
    ? {
        counts: [
          { cardId: 'c-bus', group: 'citizen', points: 6 },
          { cardId: 'c-zettel', group: 'citizen', points: 3 },
        ],
        voters: { citizen: 3 },
        rule: { budget: 3, cap: 3 },
      }
    : undefined
  resultsOf(board).set(
    critique.id,
    computeResults(ballots, { phaseId: critique.id, method: 'dots', revealedAt: min(25) }, 3, paper),
  )
  marks.push({ id: 's2', phase: critique.id, label: critique.name, at: min(30) })

  applyPhase(board, fantasy)
  card(board, 'c-app', 'Eine App für alle Anträge', min(35), ratsfrau, 560, 100)
  marks.push({ id: 's3', phase: fantasy.id, label: fantasy.name, at: min(50) })

  applyPhase(board, action)
  setMeasure(
    board,
    {
      id: 'm1',
      title: 'Abendbus testen',
      cardId: 'c-bus',
      owner: 'Frau Weber',
      department: 'Ordnungsamt',
      due: '2027-06-30',
    },
    min(55),
  )
  marks.push({ id: 's4', phase: null, label: 'Ende der Werkstatt', at: min(70) })

  const people = [
    { name: 'Moderatorin Meyer', role: 'facilitator' },
    { name: 'Anna', role: 'citizen' },
    { name: 'Bernd', role: 'citizen' },
    { name: 'ratsfrau', role: 'councillor' },
    { name: 'amtsleiter', role: 'staff' },
    { name: 'Gast', role: 'observer' },
  ]
  const meta: MinutesMeta = {
    workshop: { id: 'w1', title: 'Digitale Kommune', createdAt: T0, template: 'zukunftswerkstatt' },
    snapshot: { id: 's4', label: 'Ende der Werkstatt', createdAt: min(70), createdBy: 'Moderatorin Meyer' },
    marks,
    people,
    attendanceNames: options.attendanceNames ?? false,
  }
  if (options.hybrid) {
    const thumbnail = options.hybrid.thumbnail
    meta.photoThumbnail = (cardId, version) => (cardId === 'c-zettel' && version === 'v1' ? thumbnail : null)
    meta.speeches = hybridSpeeches(critique.id, critique.name)
    meta.integrity = INTEGRITY
  }
  return { board, meta, data: buildMinutesData(board, meta) }
}

function hybridSpeeches(phaseId: string, phaseName: string): MinutesSpeech[] {
  return [
    {
      phaseId,
      phaseName,
      name: SPEAKER_NAME,
      role: 'citizen',
      onBehalf: false,
      startedAt: min(22),
      endedAt: min(22) + 125_000,
      durationMs: 125_000,
    },
    {
      phaseId,
      phaseName,
      name: 'Herr Schulz',
      role: 'councillor',
      onBehalf: true,
      startedAt: min(24),
      endedAt: min(25),
      durationMs: 60_000,
    },
  ]
}
