/**
 * The phases domain: moving through the script and running the shared timer. A transition ends
 * the phase's private writing (the held cards are revealed through the same path as POST
 * /reveal, so none is stranded), stores the snapshot of the board as the ending phase left it,
 * and only then applies the next phase's rules: no transition without its snapshot.
 */
import { applyPhase, readFacilitation, setTimer, type TimerState } from '../../shared/board/facilitation.ts'
import { type Phase, readScript } from '../../shared/script/script-schema.ts'
import type { AuditActor, AuditService } from '../audit/audit-service.ts'
import type { Logger } from '../logger.ts'
import type { SnapshotStore } from '../snapshots/snapshot-store.ts'
import type { WorkshopSync } from '../sync/workshop-sync.ts'
import { nextTimer, type TimerAction, type TimerRefusal } from './next-timer.ts'

export type PhaseRefusal = 'no-such-phase' | 'storage-failing'

export type PhasesSync = Pick<
  WorkshopSync,
  'readBoard' | 'changeBoard' | 'reveal' | 'boardState' | 'storageFailure'
>

export class PhaseService {
  constructor(
    private readonly sync: PhasesSync,
    private readonly snapshots: SnapshotStore,
    private readonly logger: Logger,
    private readonly audit?: Pick<AuditService, 'record'>,
  ) {}

  async change(
    workshopId: string,
    phaseId: string,
    by: string,
    actor: AuditActor = { role: 'facilitator', name: by },
  ): Promise<{ ok: true; from: Phase | null; to: Phase } | { ok: false; reason: PhaseRefusal }> {
    const found = await this.sync.readBoard(workshopId, (board) => {
      const script = readScript(board)
      const to = script.find((p) => p.id === phaseId)
      const from = script.find((p) => p.id === readFacilitation(board).phaseId) ?? null
      return to ? { from, to } : null
    })
    if (!found) return { ok: false, reason: 'no-such-phase' }
    const { from, to } = found
    await this.sync.reveal(workshopId)
    const state = await this.sync.boardState(workshopId)
    // The phase stays as it is until the server can store its snapshot.
    if (!state) return { ok: false, reason: 'storage-failing' }
    await this.snapshots.create({
      workshopId,
      label: from ? from.name : `Vor ${to.name}`,
      phase: from?.id ?? null,
      createdBy: by,
      state,
      actor,
    })
    await this.sync.changeBoard(workshopId, (board) => applyPhase(board, to))
    await this.audit?.record(workshopId, 'phase.changed', actor, { from: from?.id ?? null, to: to.id })
    this.logger.info({ workshop: workshopId, from: from?.id ?? null, to: to.id }, 'phase changed')
    return { ok: true, from, to }
  }

  timer(
    workshopId: string,
    action: TimerAction,
    seconds: number | undefined,
    now: number,
  ): Promise<TimerState | TimerRefusal> {
    return this.sync.changeBoard(workshopId, (board) => {
      const next = nextTimer(readFacilitation(board).timer, action, seconds, now)
      if (typeof next !== 'string') setTimer(board, next)
      return next
    })
  }
}
