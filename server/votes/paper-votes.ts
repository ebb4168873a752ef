/**
 * Hand-counted dots, the domain: who may enter them (assistants and facilitators), on which
 * cards (on the board, not hidden; taking points back is always allowed), in which vote (the
 * current one, until its reveal). The counts are secret until the reveal like ballots: only those
 * who may enter them read them back, and never a device ballot with them. How they enter the
 * results, and the secrecy rule they are held to, is shared/votes/results.ts.
 */
import * as Y from 'yjs'
import type { PaperVotesResponse } from '../../shared/api/paper-votes.ts'
import { FIELD, notesOf } from '../../shared/board/schema.ts'
import { type Actor, mayEnterPaperVotes } from '../../shared/policy/permissions.ts'
import type { Group } from '../../shared/policy/roles.ts'
import type { PaperInput } from '../../shared/votes/paper.ts'
import type { SqlQueries } from '../db/sql-database.ts'
import type { PaperKey, PaperStore } from './paper-store.ts'
import type { CurrentVote, Refused, VoteRefusal, VotingSync } from './vote-service.ts'

const refuse = (reason: VoteRefusal): Refused => ({ ok: false, reason })

export class PaperVotes {
  constructor(
    private readonly store: PaperStore,
    private readonly current: (workshopId: string) => Promise<CurrentVote | Refused>,
    private readonly isRevealed: (workshopId: string, phaseId: string) => Promise<boolean>,
    private readonly sync: Pick<VotingSync, 'readBoard'>,
  ) {}

  /** The current vote, if the actor may enter paper counts in it. */
  private async vote(workshopId: string, actor: Actor): Promise<(CurrentVote & PaperKey) | Refused> {
    if (!mayEnterPaperVotes(actor)) return refuse('not-an-assistant')
    const vote = await this.current(workshopId)
    if ('ok' in vote) return vote
    return { ...vote, workshopId }
  }

  /** The current vote's paper entries, for those who may enter them. */
  async read(workshopId: string, actor: Actor): Promise<PaperVotesResponse | Refused> {
    const vote = await this.vote(workshopId, actor)
    if ('ok' in vote) return vote
    return await this.answer(vote)
  }

  /** Sets one group's hand-counted points on one card; 0 removes them. */
  async enter(
    workshopId: string,
    actor: Actor,
    entry: { cardId: string; group: Group; points: number },
  ): Promise<PaperVotesResponse | Refused> {
    const vote = await this.vote(workshopId, actor)
    if ('ok' in vote) return vote
    if (await this.isRevealed(workshopId, vote.phaseId)) return refuse('revealed')
    if (entry.points > 0) {
      const card = await this.sync.readBoard(workshopId, (board) => notesOf(board).get(entry.cardId))
      if (!(card instanceof Y.Map)) return refuse('no-card')
      if (card.get(FIELD.hidden) != null) return refuse('card-hidden')
    }
    const written = await this.store.setPoints(vote, { ...entry, enteredBy: actor.participantId }, Date.now())
    if (!written.ok) return refuse(written.reason)
    return await this.answer(vote)
  }

  /** Sets how many people of a group voted on paper; 0 removes the count. */
  async enterVoters(
    workshopId: string,
    actor: Actor,
    group: Group,
    voters: number,
  ): Promise<PaperVotesResponse | Refused> {
    const vote = await this.vote(workshopId, actor)
    if ('ok' in vote) return vote
    const written = await this.store.setVoters(vote, group, voters, actor.participantId, Date.now())
    if (!written.ok) return refuse(written.reason)
    return await this.answer(vote)
  }

  /** What the results need: the counts, the entered voters and the vote's rule (read through `q`, the reveal's transaction). */
  async input(key: PaperKey, rule: PaperInput['rule'], q?: SqlQueries): Promise<PaperInput | undefined> {
    const counts = await this.store.entries(key, q)
    if (counts.length === 0) return undefined
    const voters: PaperInput['voters'] = {}
    for (const [group, n] of Object.entries(await this.store.voters(key, q)) as [Group, number | null][])
      if (n !== null) voters[group] = n
    return { counts, voters, rule }
  }

  private async answer(vote: CurrentVote & PaperKey): Promise<PaperVotesResponse> {
    return {
      phaseId: vote.phaseId,
      revealed: await this.isRevealed(vote.workshopId, vote.phaseId),
      entries: await this.store.entries(vote),
      voters: await this.store.voters(vote),
    }
  }
}
