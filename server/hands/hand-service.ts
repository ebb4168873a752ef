/**
 * The raised-hands domain: who may raise a hand (their own, or for someone in the room without a
 * device), the queue on the board (root `hands`, written here only, in server transactions), the
 * facilitator calling the next speaker, and the speaking times recorded (async) for the minutes.
 *
 * Names in the record: a speech keeps the speaker's name only if the phase showed authors when
 * the floor was given (`showAuthors`); otherwise only the role or group. The queue on the board
 * always shows names: raising a hand is a public act in the room, as it is on paper.
 */
import { readFacilitation } from '../../shared/board/facilitation.ts'
import {
  cleanHandName,
  HAND_LIMITS,
  type HandEntry,
  type HandsState,
  readHands,
  sameHandName,
  writeHands,
} from '../../shared/board/hands.ts'
import type { MinutesSpeech } from '../../shared/minutes/minutes-data.ts'
import { type Actor, mayFacilitate, mayRaiseHand, mayRaiseHandFor } from '../../shared/policy/permissions.ts'
import type { Group, Role } from '../../shared/policy/roles.ts'
import { readScript } from '../../shared/script/script-schema.ts'
import { newId } from '../ids.ts'
import type { Logger } from '../logger.ts'
import type { WorkshopSync } from '../sync/workshop-sync.ts'
import type { SpeakingStore, SpeechRow } from './speaking-store.ts'

export type HandsSync = Pick<WorkshopSync, 'readBoard' | 'changeBoard'>

/**
 * A participant as they are now (role changes and removals count at once); asked inside board
 * transactions, so synchronous: the workshop's participants are loaded with its board.
 */
export type ParticipantLookup = (
  workshopId: string,
  participantId: string,
) => { role: string; removed: boolean } | null

/** Who raises: the caller's identity in the workshop. */
export interface HandActor extends Actor {
  name: string
}

export interface HandChange {
  raised: boolean
  /** The name of someone in the room without a device. */
  for?: string
  group?: Group
  /** Lowers this entry of the queue (facilitators any, assistants those raised for others). */
  id?: string
}

export type HandRefusal = 'observer' | 'not-for-others' | 'queue-full' | 'empty-name'

export type HandResult = { ok: true; hands: HandsState } | { ok: false; reason: HandRefusal }

export class HandService {
  /** Per workshop, the end of the last speaker change under way. */
  private readonly turns = new Map<string, Promise<void>>()

  constructor(
    private readonly store: SpeakingStore,
    private readonly sync: HandsSync,
    private readonly participant: ParticipantLookup,
    private readonly logger: Logger,
  ) {}

  state(workshopId: string): Promise<HandsState> {
    return this.sync.readBoard(workshopId, readHands)
  }

  async raise(workshopId: string, actor: HandActor, change: HandChange, now: number): Promise<HandResult> {
    if (change.id !== undefined) return this.lowerEntry(workshopId, actor, change.id)
    const behalf = change.for !== undefined
    if (behalf && !mayRaiseHandFor(actor)) return { ok: false, reason: 'not-for-others' }
    if (!behalf && !mayRaiseHand(actor)) return { ok: false, reason: 'observer' }
    const name = behalf ? cleanHandName(change.for ?? '') : actor.name
    if (behalf && name === '') return { ok: false, reason: 'empty-name' }
    return this.sync.changeBoard(workshopId, (board): HandResult => {
      const hands = readHands(board)
      const existing = hands.queue.find((e) =>
        behalf
          ? e.for === true && sameHandName(e.name, name)
          : !e.for && e.participantId === actor.participantId,
      )
      // Raising a raised hand keeps its place; lowering a lowered one changes nothing.
      if (change.raised === (existing !== undefined)) return { ok: true, hands }
      let queue: HandEntry[]
      if (change.raised) {
        if (hands.queue.length >= HAND_LIMITS.queue) return { ok: false, reason: 'queue-full' }
        const entry: HandEntry = behalf
          ? { id: newId(), participantId: null, name, role: change.group ?? null, raisedAt: now, for: true }
          : { id: newId(), participantId: actor.participantId, name, role: actor.role, raisedAt: now }
        queue = [...hands.queue, entry]
      } else {
        queue = hands.queue.filter((e) => e !== existing)
      }
      const next = { queue, speaker: hands.speaker }
      writeHands(board, next)
      return { ok: true, hands: next }
    })
  }

  /** Takes one entry down by its id: a facilitator any, an assistant one raised for someone else. */
  private async lowerEntry(workshopId: string, actor: HandActor, id: string): Promise<HandResult> {
    if (!mayFacilitate(actor) && !mayRaiseHandFor(actor)) return { ok: false, reason: 'not-for-others' }
    return this.sync.changeBoard(workshopId, (board): HandResult => {
      const hands = readHands(board)
      const entry = hands.queue.find((e) => e.id === id)
      if (!entry) return { ok: true, hands }
      if (!mayFacilitate(actor) && !entry.for) return { ok: false, reason: 'not-for-others' }
      const next = { queue: hands.queue.filter((e) => e !== entry), speaker: hands.speaker }
      writeHands(board, next)
      return { ok: true, hands: next }
    })
  }

  /**
   * Runs one workshop's speaker changes one after another: each writes the record first (async),
   * then the board, and two at once must not both hand the floor over from the same queue.
   */
  private inTurn<T>(workshopId: string, work: () => Promise<T>): Promise<T> {
    const before = this.turns.get(workshopId) ?? Promise.resolve()
    const run = before.then(work)
    // The next change waits for this one, whether it failed or not; the last one clears up.
    const settled: Promise<void> = run.then(
      () => this.leaveTurn(workshopId, settled),
      () => this.leaveTurn(workshopId, settled),
    )
    this.turns.set(workshopId, settled)
    return run
  }

  private leaveTurn(workshopId: string, turn: Promise<void>): void {
    if (this.turns.get(workshopId) === turn) this.turns.delete(workshopId)
  }

  /**
   * Gives the floor to the first in the queue: the current speaker's time ends now, the next one's
   * begins. With an empty queue it only ends the current speaker. The record comes first: if the
   * database refuses, the board stays as it was.
   */
  next(workshopId: string, now: number): Promise<HandsState> {
    return this.inTurn(workshopId, async () => {
      const plan = await this.sync.readBoard(workshopId, (board) => {
        const settings = readFacilitation(board)
        return {
          first: readHands(board).queue.find((e) => this.waits(workshopId, e)),
          settings,
          phase: readScript(board).find((p) => p.id === settings.phaseId) ?? null,
        }
      })
      const { first, settings, phase } = plan
      if (!first) {
        await this.store.end(workshopId, now)
        return this.sync.changeBoard(workshopId, (board) => {
          const hands = readHands(board)
          // Someone removed, or made an observer, since raising their hand is dropped.
          const state: HandsState = {
            queue: hands.queue.filter((e) => this.waits(workshopId, e)),
            speaker: null,
          }
          if (hands.speaker || state.queue.length !== hands.queue.length) writeHands(board, state)
          return state
        })
      }
      await this.store.handOver({
        workshopId,
        participantId: first.participantId,
        name: settings.showAuthors ? first.name : null,
        role: first.role,
        onBehalf: first.for === true,
        phaseId: phase?.id ?? settings.phaseId,
        phaseName: phase?.name ?? null,
        startedAt: now,
      })
      // The queue as it is now: hands raised or lowered while the record was written stay so.
      const state = await this.sync.changeBoard(workshopId, (board) => {
        const next: HandsState = {
          queue: readHands(board).queue.filter((e) => e.id !== first.id && this.waits(workshopId, e)),
          speaker: {
            participantId: first.participantId,
            name: first.name,
            role: first.role,
            since: now,
            ...(first.for ? { for: true } : {}),
          },
        }
        writeHands(board, next)
        return next
      })
      this.logger.info({ workshopId, waited: now - first.raisedAt }, 'hands: next speaker')
      return state
    })
  }

  /** An entry still waits: raised for someone in the room, or by someone who may still ask. */
  private waits(workshopId: string, entry: HandEntry): boolean {
    return entry.participantId === null || this.mayStillAsk(workshopId, entry.participantId)
  }

  private mayStillAsk(workshopId: string, participantId: string): boolean {
    const p = this.participant(workshopId, participantId)
    if (!p || p.removed) return false
    return mayRaiseHand({ participantId, role: p.role as Role, isFacilitator: p.role === 'facilitator' })
  }

  /** Ends the current speaker's time; the queue stays. */
  done(workshopId: string, now: number): Promise<HandsState> {
    return this.inTurn(workshopId, async () => {
      await this.store.end(workshopId, now)
      return this.sync.changeBoard(workshopId, (board) => {
        const hands = readHands(board)
        const state: HandsState = { queue: hands.queue, speaker: null }
        if (hands.speaker) writeHands(board, state)
        return state
      })
    })
  }

  /**
   * The speeches for minutes taken at `until`: those begun by then; one still running then (or
   * now) has no end and no duration, so the minutes never state a time that came later.
   */
  async speeches(workshopId: string, until: number): Promise<MinutesSpeech[]> {
    return speechesUntil(await this.store.list(workshopId, until), until)
  }
}

/** The stored speeches as the minutes taken at `until` show them (HandService.speeches). */
export function speechesUntil(rows: readonly SpeechRow[], until: number): MinutesSpeech[] {
  return rows.map((row) => {
    const ended = row.endedAt !== null && row.endedAt <= until
    return {
      phaseId: row.phaseId,
      phaseName: row.phaseName,
      name: row.name,
      role: row.role,
      onBehalf: row.onBehalf,
      startedAt: row.startedAt,
      endedAt: ended ? row.endedAt : null,
      durationMs: ended ? row.durationMs : null,
    }
  })
}
