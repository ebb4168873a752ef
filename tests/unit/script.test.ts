/** The workshop script on the board: templates, editing, and defensive reading. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyPhase, readFacilitation } from '../../shared/board/facilitation.ts'
import {
  movePhase,
  readScript,
  removePhase,
  replaceScript,
  scriptOf,
  updatePhase,
} from '../../shared/script/script-schema.ts'
import { TEMPLATE_IDS, templatePhases } from '../../shared/script/templates.ts'

describe('script', () => {
  it('has every template in both languages, each phase with a name', () => {
    for (const id of TEMPLATE_IDS) {
      for (const lang of ['de', 'en'] as const) {
        const phases = templatePhases(id, lang)
        expect(phases.length).toBeGreaterThan(0)
        for (const p of phases) expect(p.name).not.toBe('')
      }
    }
    expect(templatePhases('zukunftswerkstatt', 'en').map((p) => p.name)).toEqual([
      'Preparation',
      'Critique',
      'Fantasy',
      'Implementation',
      'Follow-up',
    ])
  })

  it('edits the agenda: rename, reorder, remove; and a phase start applies its rules', () => {
    const doc = new Y.Doc()
    replaceScript(doc, templatePhases('brainstorm'))
    updatePhase(doc, 'bc-planen', { name: 'Maßnahmen planen', minutes: 20 })
    movePhase(doc, 'bc-planen', -1)
    removePhase(doc, 'bc-clustern')
    expect(readScript(doc).map((p) => p.id)).toEqual(['bc-sammeln', 'bc-planen', 'bc-bewerten'])
    expect(readScript(doc)[1]).toMatchObject({ name: 'Maßnahmen planen', minutes: 20 })
    const vote = readScript(doc)[2]
    if (!vote) throw new Error('missing phase')
    applyPhase(doc, vote)
    expect(readFacilitation(doc)).toMatchObject({
      phaseId: 'bc-bewerten',
      createCards: false,
      vote: { method: 'dots', budget: 5, cap: 3 },
      timer: { status: 'idle', durationMs: 600_000 },
    })
  })

  it('reads malformed phases with safe defaults and skips those without an id', () => {
    const doc = new Y.Doc()
    const bad = new Y.Map<unknown>()
    bad.set('id', 'x')
    bad.set('rules', { vote: { method: 'bribe', budget: -1 }, privateWriting: 'yes' })
    const noId = new Y.Map<unknown>()
    scriptOf(doc).push([bad, noId])
    expect(readScript(doc)).toEqual([
      {
        id: 'x',
        name: '',
        prompt: '',
        minutes: 0,
        rules: {
          createCards: true,
          privateWriting: false,
          showAuthors: true,
          participantMoves: false,
          vote: null,
        },
      },
    ])
  })
})
