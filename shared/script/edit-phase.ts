/**
 * Editing a phase of the script from the agenda. A change to the rules of the running phase
 * takes effect at once (in the same transaction), not only when the phase is entered again:
 * the rules that changed become the board's settings, which the server reads at every desk
 * projection and vote.
 */
import type * as Y from 'yjs'
import { applyRules, readFacilitation } from '../board/facilitation.ts'
import { type Phase, readScript, updatePhase } from './script-schema.ts'

export function editPhase(board: Y.Doc, id: string, change: Partial<Omit<Phase, 'id'>>): void {
  board.transact(() => {
    const before = readScript(board).find((p) => p.id === id)
    updatePhase(board, id, change)
    if (!before || change.rules === undefined || readFacilitation(board).phaseId !== id) return
    // The rules as stored (validated), not as asked for.
    const after = readScript(board).find((p) => p.id === id)
    if (after) applyRules(board, after.rules, before.rules)
  })
}
