/**
 * The voting domain: who may cast, on which cards, under which rule; the count the facilitator
 * sees; and the reveal, which computes the results once, stores them and puts them on the board.
 * Routes only parse, authorize membership and answer; every rule about ballots lives here (and
 * in the store's transaction, for budget, cap and the closed vote). Everything that reads or
 * writes ballots is async.
 */
import * as Y from 'yjs'
import { readFacilitation, voteRuleInvalid } from '../../shared/board/facilitation.ts'
import { FIELD, notesOf } from '../../shared/board/schema.ts'
import { type Actor, mayVote } from '../../shared/policy/permissions.ts'
import { groupOf } from '../../shared/policy/roles.ts'
import type { VoteRule } from '../../shared/script/script-schema.ts'
import { computeResults, resultsOf, type VoteResults } from '../../shared/votes/results.ts'
import type { AuditActor, AuditService } from '../audit/audit-service.ts'
import type { Logger } from '../logger.ts'
import type { WorkshopSync } from '../sync/workshop-sync.ts'
import type { WorkshopStore } from '../workshops/workshop-store.ts'
import type { PaperStore } from './paper-store.ts'
import { PaperVotes } from './paper-votes.ts'
import type { Allocation, VoteStore } from './vote-store.ts'

/** Why a ballot or a reveal is refused; each code has its words in the client's dictionaries. */
export type VoteRefusal =
  | 'not-a-voter'
  | 'no-vote'
  | 'vote-rule-invalid'
  | 'no-card'
  | 'card-hidden'
  | 'over-budget'
  | 'over-cap'
  | 'revealed'
  | 'not-an-assistant'

export type Refused = { ok: false; reason: VoteRefusal }

export interface CurrentVote {
  phaseId: string
  rule: VoteRule
  minGroupSize: number
}

export interface MyBallot extends Allocation {
  phaseId: string
  rule: VoteRule
  remaining: number
  revealed: boolean
}

/** The part of the sync service voting needs: the board, and who is connected. */
export type VotingSync = Pick<WorkshopSync, 'readBoard' | 'changeBoard' | 'connectionCounts'>

const refuse = (reason: VoteRefusal): Refused => ({ ok: false, reason })

/** The ids of the cards a facilitator hid on the board. */
function hiddenCards(board: Y.Doc): Set<string> {
  const hidden = new Set<string>()
  notesOf(board).forEach((card, id) => {
    if (card instanceof Y.Map && card.get(FIELD.hidden) != null) hidden.add(id)
  })
  return hidden
}

export class VoteService {
  /** Hand-counted dots of the current vote (entered by assistants and facilitators). */
  readonly paper: PaperVotes

  constructor(
    private readonly store: VoteStore,
    private readonly sync: VotingSync,
    private readonly workshops: WorkshopStore,
    private readonly logger: Logger,
    paperStore: PaperStore,
    private readonly audit?: Pick<AuditService, 'record'>,
  ) {
    this.paper = new PaperVotes(
      paperStore,
      (id) => this.current(id),
      (id, phaseId) => this.store.isRevealed(id, phaseId),
      sync,
    )
  }

  /**
   * The current phase's vote as the board holds it. `facilitation.vote` is written by
   * facilitators' clients, so it is read through the script's validator: a malformed rule is no
   * vote (`vote-rule-invalid`), never a rule with a budget nobody checked.
   */
  current(workshopId: string): Promise<CurrentVote | Refused> {
    return this.sync.readBoard(workshopId, (board) => {
      const { phaseId, vote, minGroupSize } = readFacilitation(board)
      if (!phaseId) return refuse('no-vote')
      if (vote) return { phaseId, rule: vote, minGroupSize }
      return refuse(voteRuleInvalid(board) ? 'vote-rule-invalid' : 'no-vote')
    })
  }

  /** One's own ballot in the current vote, or null when there is none. */
  async mine(workshopId: string, participantId: string): Promise<MyBallot | null> {
    const vote = await this.current(workshopId)
    if ('ok' in vote) return null
    const mine = await this.store.mine(workshopId, vote.phaseId, participantId)
    return {
      phaseId: vote.phaseId,
      rule: vote.rule,
      ...mine,
      remaining: vote.rule.budget - mine.used,
      revealed: await this.store.isRevealed(workshopId, vote.phaseId),
    }
  }

  /** Sets the actor's points on a card; the ballot counts for the actor's group now. */
  async cast(
    workshopId: string,
    actor: Actor,
    cardId: string,
    points: number,
  ): Promise<{ ok: true; mine: Allocation; remaining: number } | Refused> {
    const group = groupOf(actor.role)
    if (!mayVote(actor) || !group) return refuse('not-a-voter')
    const vote = await this.current(workshopId)
    if ('ok' in vote) return vote
    // Points already given may always be taken back, also from a card since hidden or deleted;
    // new points only go to a card on the board that is not hidden.
    if (points > 0) {
      const card = await this.sync.readBoard(workshopId, (board) => notesOf(board).get(cardId))
      if (!(card instanceof Y.Map)) return refuse('no-card')
      if (card.get(FIELD.hidden) != null) return refuse('card-hidden')
    }
    const result = await this.store.cast(
      { workshopId, phaseId: vote.phaseId, participantId: actor.participantId, group },
      cardId,
      points,
      vote.rule,
    )
    if (!result.ok) return refuse(result.reason)
    return { ok: true, mine: result.mine, remaining: vote.rule.budget - result.mine.used }
  }

  /**
   * A facilitator hid a card: a hidden card takes no votes, so the points already on it go back
   * to their voters (an open vote only; revealed results stay as published).
   */
  async withdrawCard(workshopId: string, cardId: string): Promise<number> {
    const vote = await this.current(workshopId)
    if ('ok' in vote) return 0
    const dropped = await this.store.dropCard(workshopId, vote.phaseId, cardId)
    if (dropped > 0)
      this.logger.info(
        { workshop: workshopId, card: cardId, ballots: dropped },
        'points on a hidden card withdrawn',
      )
    return dropped
  }

  /**
   * How many have voted in the current vote, against how many could: participants of the
   * voting groups connected now. Counts only, nothing about what anyone chose.
   */
  async count(workshopId: string): Promise<{ voters: number; eligible: number }> {
    const participants = await this.workshops.participants(workshopId)
    const connected = this.sync.connectionCounts(workshopId)
    const eligible = participants.filter(
      (p) => !p.removed && groupOf(p.role) !== null && connected.has(p.id),
    ).length
    const vote = await this.current(workshopId)
    return { voters: 'ok' in vote ? 0 : await this.store.voterCount(workshopId, vote.phaseId), eligible }
  }

  /**
   * Closes the current vote and publishes its results. The first reveal computes and stores
   * them (with the groups the ballots were cast in and the threshold of that moment); every
   * later reveal returns the stored results unchanged.
   */
  async reveal(
    workshopId: string,
    actor: AuditActor = { role: 'facilitator' },
  ): Promise<{ ok: true; results: VoteResults } | Refused> {
    const vote = await this.current(workshopId)
    if ('ok' in vote) return vote
    const at = Date.now()
    // Hidden cards take no votes: whatever is still on one (paper counts, a ballot from before
    // the hide took effect) stays out of the results.
    const hidden = await this.sync.readBoard(workshopId, hiddenCards)
    // `compute` runs inside the reveal's transaction: the paper counts read are the final ones.
    const { results, first } = await this.store.reveal(workshopId, vote.phaseId, at, async (ballots, tx) => {
      const paper = await this.paper.input({ workshopId, phaseId: vote.phaseId }, vote.rule, tx)
      return computeResults(
        ballots.filter((b) => !hidden.has(b.cardId)),
        { phaseId: vote.phaseId, method: vote.rule.method, revealedAt: at },
        vote.minGroupSize,
        paper && { ...paper, counts: paper.counts.filter((c) => !hidden.has(c.cardId)) },
      )
    })
    await this.sync.changeBoard(workshopId, (board) => {
      // Only if the board lacks them (e.g. results of an older version): no update for nothing.
      const onBoard = resultsOf(board)
      if (JSON.stringify(onBoard.get(vote.phaseId)) !== JSON.stringify(results))
        onBoard.set(vote.phaseId, results)
    })
    if (first) {
      await this.audit?.record(workshopId, 'votes.revealed', actor, {
        phase: vote.phaseId,
        voters: results.voters.total,
      })
      this.logger.info(
        { workshop: workshopId, phase: vote.phaseId, voters: results.voters.total },
        'votes revealed',
      )
    }
    return { ok: true, results }
  }
}
