/**
 * The workshop script (Drehbuch) on the board: an ordered list of phases, each a set of rules
 * for the same board. Only facilitators write the board, so only they edit the script; the
 * server applies a phase's rules to the facilitation settings when the phase starts.
 */
import * as Y from 'yjs'

export const ROOT_SCRIPT = 'script'

export type VoteMethod = 'dots' | 'points'

export interface VoteRule {
  method: VoteMethod
  /** Dots per person, or points to allocate (100 for the points method). */
  budget: number
  /** Most a person may give one card. */
  cap: number
}

export interface PhaseRules {
  /** Participants may create cards. */
  createCards: boolean
  /** New cards stay private until the facilitator reveals them. */
  privateWriting: boolean
  /** Author names are shown on cards. */
  showAuthors: boolean
  /** Participants may move and cluster everyone's cards. */
  participantMoves: boolean
  vote: VoteRule | null
}

export interface Phase {
  id: string
  name: string
  prompt: string
  /** Suggested duration for the timer, in minutes (0: none). */
  minutes: number
  rules: PhaseRules
}

export const OPEN_RULES: PhaseRules = {
  createCards: true,
  privateWriting: false,
  showAuthors: true,
  participantMoves: false,
  vote: null,
}

export function scriptOf(board: Y.Doc): Y.Array<Y.Map<unknown>> {
  return board.getArray<Y.Map<unknown>>(ROOT_SCRIPT)
}

/** Highest budget, and highest cap, a vote rule may have (a ballot gives at most 1000 points). */
export const MAX_VOTE_BUDGET = 1000

/**
 * The one validator of a vote rule, wherever it is read: a phase of the script, and the current
 * vote in `facilitation` (which a facilitator's board connection writes directly). Returns a clean
 * copy, or null for anything malformed: the server treats that as no vote at all.
 */
export function parseVoteRule(value: unknown): VoteRule | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const v = value as Record<string, unknown>
  const { method, budget, cap } = v
  if (method !== 'dots' && method !== 'points') return null
  if (typeof budget !== 'number' || !Number.isInteger(budget) || budget < 1 || budget > MAX_VOTE_BUDGET)
    return null
  if (typeof cap !== 'number' || !Number.isInteger(cap) || cap < 1 || cap > MAX_VOTE_BUDGET) return null
  return { method, budget, cap }
}

/** Reads a phase defensively: anything malformed falls back to the open rules. */
export function readPhase(map: Y.Map<unknown>): Phase {
  const rules = (map.get('rules') ?? {}) as Partial<PhaseRules>
  const flag = (key: Exclude<keyof PhaseRules, 'vote'>) =>
    typeof rules[key] === 'boolean' ? (rules[key] as boolean) : OPEN_RULES[key]
  const id = map.get('id')
  const name = map.get('name')
  const prompt = map.get('prompt')
  const minutes = map.get('minutes')
  return {
    id: typeof id === 'string' ? id : '',
    name: typeof name === 'string' ? name : '',
    prompt: typeof prompt === 'string' ? prompt : '',
    minutes: typeof minutes === 'number' && Number.isFinite(minutes) && minutes >= 0 ? minutes : 0,
    rules: {
      createCards: flag('createCards'),
      privateWriting: flag('privateWriting'),
      showAuthors: flag('showAuthors'),
      participantMoves: flag('participantMoves'),
      vote: parseVoteRule(rules.vote),
    },
  }
}

export function readScript(board: Y.Doc): Phase[] {
  return scriptOf(board)
    .toArray()
    .filter((m): m is Y.Map<unknown> => m instanceof Y.Map)
    .map(readPhase)
    .filter((p) => p.id !== '')
}

function phaseMap(phase: Phase): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  map.set('id', phase.id)
  map.set('name', phase.name)
  map.set('prompt', phase.prompt)
  map.set('minutes', phase.minutes)
  map.set('rules', { ...phase.rules })
  return map
}

export function insertPhase(board: Y.Doc, index: number, phase: Phase): void {
  const script = scriptOf(board)
  script.insert(Math.max(0, Math.min(index, script.length)), [phaseMap(phase)])
}

export function replaceScript(board: Y.Doc, phases: Phase[]): void {
  board.transact(() => {
    const script = scriptOf(board)
    script.delete(0, script.length)
    script.insert(0, phases.map(phaseMap))
  })
}

function indexOfPhase(board: Y.Doc, id: string): number {
  return scriptOf(board)
    .toArray()
    .findIndex((m) => m instanceof Y.Map && m.get('id') === id)
}

export function removePhase(board: Y.Doc, id: string): void {
  const index = indexOfPhase(board, id)
  if (index >= 0) scriptOf(board).delete(index, 1)
}

/** Moves a phase up (-1) or down (+1) in the agenda. */
export function movePhase(board: Y.Doc, id: string, delta: -1 | 1): void {
  const index = indexOfPhase(board, id)
  const target = index + delta
  const script = scriptOf(board)
  if (index < 0 || target < 0 || target >= script.length) return
  const phase = readPhase(script.get(index))
  board.transact(() => {
    script.delete(index, 1)
    script.insert(target, [phaseMap(phase)])
  })
}

export function updatePhase(board: Y.Doc, id: string, change: Partial<Omit<Phase, 'id'>>): void {
  const index = indexOfPhase(board, id)
  if (index < 0) return
  const map = scriptOf(board).get(index)
  board.transact(() => {
    if (change.name !== undefined) map.set('name', change.name.slice(0, 120))
    if (change.prompt !== undefined) map.set('prompt', change.prompt.slice(0, 500))
    if (change.minutes !== undefined)
      map.set('minutes', Math.max(0, Math.min(600, Math.round(change.minutes))))
    if (change.rules !== undefined) map.set('rules', { ...change.rules })
  })
}
