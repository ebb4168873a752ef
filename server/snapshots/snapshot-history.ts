/**
 * History over a workshop's snapshots: the phase names of the list, a snapshot loaded as a board,
 * the difference of two, and a new workshop continued from one. The board of a continued
 * workshop is the snapshot's state as it was (cards keep their authors, the script and phase
 * stay) less the raised hands, which were people of the old room, and with a running timer
 * paused at what was left; desks start empty. Its log
 * starts like any new workshop's, and its `workshop.created` entry names the origin workshop,
 * snapshot and the snapshot's SHA-256, which the origin's own log vouches for.
 */
import * as Y from 'yjs'
import type { SnapshotInfo as SnapshotRow } from '../../shared/api/workshops.ts'
import { readFacilitation, setTimer } from '../../shared/board/facilitation.ts'
import { NO_HANDS, readHands, writeHands } from '../../shared/board/hands.ts'
import { diffBoards, type SnapshotDiff } from '../../shared/history/snapshot-diff.ts'
import { readScript } from '../../shared/script/script-schema.ts'
import type { AppDeps } from '../app-context.ts'
import { participantActor } from '../audit/audit-service.ts'
import { snapshotDigest } from '../audit/chain.ts'
import type { SessionUser } from '../auth/session-store.ts'
import type { Workshop } from '../workshops/workshop-store.ts'
import type { Snapshot } from './snapshot-store.ts'

type HistoryDeps = Pick<AppDeps, 'sql' | 'workshops' | 'snapshots' | 'sync' | 'audit'>

/** A snapshot's state in a fresh document; the caller destroys it. */
export function loadBoard(state: Uint8Array): Y.Doc {
  const board = new Y.Doc()
  Y.applyUpdate(board, state)
  return board
}

/** Snapshot id → the name of the phase it records (snapshots never change, so neither does this). */
const recordedPhase = new Map<string, string | null>()
const RECORDED_PHASE_LIMIT = 10_000

/**
 * The list with the name of the phase each snapshot records: the phase a transition closed, or
 * for one taken by hand the phase the board was in (read from its state). The name comes from
 * the snapshot's own script, so a phase renamed or removed later keeps the name it had.
 */
export async function listWithPhaseNames(deps: HistoryDeps, workshopId: string): Promise<SnapshotRow[]> {
  const rows: SnapshotRow[] = []
  for (const info of await deps.snapshots.list(workshopId)) {
    let phaseName = recordedPhase.get(info.id)
    if (phaseName === undefined) {
      const state = (await deps.snapshots.get(workshopId, info.id))?.state
      phaseName = null
      if (state) {
        const board = loadBoard(state)
        const phaseId = info.phase ?? readFacilitation(board).phaseId
        phaseName = readScript(board).find((p) => p.id === phaseId)?.name ?? null
        board.destroy()
      }
      if (recordedPhase.size >= RECORDED_PHASE_LIMIT) recordedPhase.clear()
      recordedPhase.set(info.id, phaseName)
    }
    rows.push({ ...info, phaseName })
  }
  return rows
}

export function diffSnapshots(from: Snapshot, to: Snapshot): SnapshotDiff {
  const a = loadBoard(from.state)
  const b = loadBoard(to.state)
  try {
    return diffBoards(a, b)
  } finally {
    a.destroy()
    b.destroy()
  }
}

/** A new workshop owned by `user` whose board is the snapshot's; its id and join code. */
export async function continueFromSnapshot(
  deps: HistoryDeps,
  origin: Workshop,
  snapshot: Snapshot,
  user: Pick<SessionUser, 'id' | 'username'>,
  title: string,
): Promise<{ id: string; joinCode: string }> {
  const workshop = await deps.sql.transaction(async (tx) => {
    const created = await deps.workshops.create({ title, template: origin.template, ownerId: user.id }, tx)
    const owner = await deps.workshops.ensureMember(created.id, user, 'facilitator', tx)
    await deps.audit.record(
      created.id,
      'workshop.created',
      participantActor(owner),
      {
        template: created.template,
        // Not under `snapshots`: that key vouches for this workshop's own snapshots.
        origin: { workshop: origin.id, snapshot: snapshot.id, sha256: snapshotDigest(snapshot.state) },
      },
      tx,
    )
    return created
  })
  await deps.sync.changeBoard(workshop.id, (board) => {
    Y.applyUpdate(board, snapshot.state)
    const hands = readHands(board)
    if (hands.queue.length > 0 || hands.speaker) writeHands(board, NO_HANDS)
    // A timer that ran then resumes paused at what was left, not long run out.
    const { timer } = readFacilitation(board)
    if (timer.status === 'running')
      setTimer(board, {
        status: 'paused',
        remainingMs: Math.max(0, timer.endsAt - snapshot.createdAt),
        durationMs: timer.durationMs,
      })
  })
  return { id: workshop.id, joinCode: workshop.joinCode }
}
