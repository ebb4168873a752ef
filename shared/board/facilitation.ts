/**
 * Facilitator state on the board: the current phase and the settings that decide what
 * participants' desks may do, and the shared timer. Only facilitators and the server write the
 * board, so only they change these; the server reads them at every projection.
 */
import type * as Y from 'yjs'
import { type Phase, type PhaseRules, parseVoteRule, type VoteRule } from '../script/script-schema.ts'
import { MIN_GROUP_SIZE_FLOOR } from '../votes/results.ts'
import { ROOT_FACILITATION } from './schema.ts'

/** The timer counts in server time (ms since epoch), so every screen shows the same. */
export type TimerState =
  | { status: 'idle'; durationMs: number }
  | { status: 'running'; endsAt: number; durationMs: number }
  | { status: 'paused'; remainingMs: number; durationMs: number }

export interface Facilitation {
  /** Participants may move and cluster other people's cards. */
  participantMoves: boolean
  /** New participant cards stay on their desks until the facilitator reveals them. */
  privateWriting: boolean
  /** Nothing from desks reaches the board. */
  locked: boolean
  /** Participants may create cards. */
  createCards: boolean
  /** Author names are shown on cards. */
  showAuthors: boolean
  phaseId: string | null
  /** The vote of the current phase, if any. */
  vote: VoteRule | null
  timer: TimerState
  /**
   * Results are split by group only for groups with at least this many voters; never below
   * MIN_GROUP_SIZE_FLOOR (3), whatever the board holds.
   */
  minGroupSize: number
  /** The card everyone's attention is on, or null. */
  spotlight: string | null
  /** Participants' views follow the facilitator's. */
  follow: boolean
  /** New participant cards wait for the facilitator's approval before they reach the board. */
  approval: boolean
}

export type Flag =
  | 'participantMoves'
  | 'privateWriting'
  | 'locked'
  | 'createCards'
  | 'showAuthors'
  | 'follow'
  | 'approval'

export const DEFAULT_FACILITATION: Facilitation = {
  participantMoves: false,
  privateWriting: false,
  locked: false,
  createCards: true,
  showAuthors: true,
  phaseId: null,
  vote: null,
  timer: { status: 'idle', durationMs: 0 },
  minGroupSize: MIN_GROUP_SIZE_FLOOR,
  spotlight: null,
  follow: false,
  approval: false,
}

export function facilitationOf(board: Y.Doc): Y.Map<unknown> {
  return board.getMap(ROOT_FACILITATION)
}

function readTimer(value: unknown): TimerState {
  const t = value as Partial<TimerState> & Record<string, unknown>
  if (typeof t !== 'object' || t === null) return DEFAULT_FACILITATION.timer
  const durationMs = typeof t.durationMs === 'number' ? t.durationMs : 0
  if (t.status === 'running' && typeof t.endsAt === 'number')
    return { status: 'running', endsAt: t.endsAt, durationMs }
  if (t.status === 'paused' && typeof t.remainingMs === 'number') {
    return { status: 'paused', remainingMs: t.remainingMs, durationMs }
  }
  return { status: 'idle', durationMs }
}

export function readFacilitation(board: Y.Doc): Facilitation {
  const map = facilitationOf(board)
  const flag = (key: Flag) => {
    const value = map.get(key)
    return typeof value === 'boolean' ? value : DEFAULT_FACILITATION[key]
  }
  const phaseId = map.get('phaseId')
  return {
    participantMoves: flag('participantMoves'),
    privateWriting: flag('privateWriting'),
    locked: flag('locked'),
    createCards: flag('createCards'),
    showAuthors: flag('showAuthors'),
    phaseId: typeof phaseId === 'string' ? phaseId : null,
    // Written by facilitators' clients: validated like the script's rules; malformed is no vote.
    vote: parseVoteRule(map.get('vote')),
    timer: readTimer(map.get('timer')),
    minGroupSize: readMinGroupSize(map.get('minGroupSize')),
    spotlight: typeof map.get('spotlight') === 'string' ? (map.get('spotlight') as string) : null,
    follow: flag('follow'),
    approval: flag('approval'),
  }
}

/**
 * A vote rule is on the board but malformed (readFacilitation reads it as no vote): the server
 * then refuses ballots with a reason the facilitator can act on.
 */
export function voteRuleInvalid(board: Y.Doc): boolean {
  const raw = facilitationOf(board).get('vote')
  return raw !== null && raw !== undefined && parseVoteRule(raw) === null
}

export const MAX_MIN_GROUP_SIZE = 50

/** A stored setting below the floor reads as the floor; anything malformed as the default. */
function readMinGroupSize(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_FACILITATION.minGroupSize
  return Math.min(MAX_MIN_GROUP_SIZE, Math.max(MIN_GROUP_SIZE_FLOOR, Math.round(value)))
}

export function setSpotlight(board: Y.Doc, cardId: string | null): void {
  facilitationOf(board).set('spotlight', cardId)
}

export function setMinGroupSize(board: Y.Doc, size: number): void {
  facilitationOf(board).set('minGroupSize', readMinGroupSize(Math.round(size)))
}

export function setFacilitation(board: Y.Doc, key: Flag, value: boolean): void {
  facilitationOf(board).set(key, value)
}

/** Starts a phase: its rules become the settings, its duration the idle timer. */
export function applyPhase(board: Y.Doc, phase: Phase): void {
  const map = facilitationOf(board)
  board.transact(() => {
    map.set('phaseId', phase.id)
    applyRules(board, phase.rules)
    map.set('timer', { status: 'idle', durationMs: phase.minutes * 60_000 })
  })
}

/** The settings a phase's rules decide, as they are in force on the board. */
const RULE_KEYS = ['createCards', 'privateWriting', 'showAuthors', 'participantMoves', 'vote'] as const

/**
 * Puts rules into force (not the timer): all of a phase's rules when it starts, or, with
 * `before`, only those that differ from it, when the running phase's rules are edited; a switch
 * the facilitator set by hand meanwhile stays as it is unless that very rule changed.
 */
export function applyRules(board: Y.Doc, rules: PhaseRules, before?: PhaseRules): void {
  const map = facilitationOf(board)
  board.transact(() => {
    for (const key of RULE_KEYS) {
      if (before && JSON.stringify(before[key]) === JSON.stringify(rules[key])) continue
      map.set(key, key === 'vote' ? parseVoteRule(rules.vote) : rules[key])
    }
  })
}

export function setTimer(board: Y.Doc, timer: TimerState): void {
  facilitationOf(board).set('timer', { ...timer })
}

/** Milliseconds left on the timer at server time `now`. */
export function timerRemainingMs(timer: TimerState, now: number): number {
  if (timer.status === 'running') return Math.max(0, timer.endsAt - now)
  if (timer.status === 'paused') return timer.remainingMs
  return timer.durationMs
}
