/**
 * Voting in the current phase. Ballots go to the server, which enforces budget and cap in a
 * transaction and tells each person only their own allocation; the facilitator sees how many
 * have voted, never what. The reveal computes the results and puts them on the board for all.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { readFacilitation } from '../../shared/board/facilitation.ts'
import { notesOf } from '../../shared/board/schema.ts'
import { computeResults, GROUPS, resultsOf } from '../../shared/votes/results.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { requireFacilitatorOf, requireMember } from '../auth/require.ts'
import { badRequest, forbidden, HttpError } from '../http/http-error.ts'
import { readJson } from '../http/read-json.ts'

const ballotBody = z
  .object({ cardId: z.string().min(1).max(64), points: z.number().int().min(0).max(1000) })
  .strict()

const REFUSAL_MESSAGES = {
  'over-budget': 'Ihr Budget reicht dafür nicht. / Not enough left in your budget.',
  'over-cap':
    'So viele Punkte darf eine Karte von Ihnen nicht bekommen. / That is more than one card may get from you.',
  revealed: 'Die Abstimmung ist beendet. / Voting has ended.',
} as const

export function voteRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  /** The current phase's vote, read from the board, or null. */
  const currentVote = (workshopId: string) =>
    deps.sync.rooms.withBoard(workshopId, (board) => {
      const { phaseId, vote, minGroupSize } = readFacilitation(board.doc)
      return phaseId && vote ? { phaseId, rule: vote, minGroupSize } : null
    })

  app.get('/:id/votes/mine', (c) => {
    const access = requireMember(c, deps.workshops, c.req.param('id'))
    const vote = currentVote(access.workshop.id)
    if (!vote) return c.json({ vote: null })
    const mine = deps.votes.mine(access.workshop.id, vote.phaseId, access.participantId)
    return c.json({
      vote: {
        phaseId: vote.phaseId,
        rule: vote.rule,
        ...mine,
        remaining: vote.rule.budget - mine.used,
        revealed: deps.votes.isRevealed(access.workshop.id, vote.phaseId),
      },
    })
  })

  app.post('/:id/votes', async (c) => {
    const access = requireMember(c, deps.workshops, c.req.param('id'))
    const body = await readJson(c, ballotBody)
    if (!(GROUPS as readonly string[]).includes(access.role)) {
      throw forbidden('Citizens, councillors and staff vote; facilitators and observers do not.')
    }
    const vote = currentVote(access.workshop.id)
    if (!vote) throw badRequest('There is no vote in this phase.', 'no-vote')
    const onBoard = deps.sync.rooms.withBoard(access.workshop.id, (board) =>
      notesOf(board.doc).has(body.cardId),
    )
    if (!onBoard) throw badRequest('No such card on the board.', 'no-card')
    const result = deps.votes.cast(
      access.workshop.id,
      vote.phaseId,
      access.participantId,
      body.cardId,
      body.points,
      vote.rule,
    )
    if (!result.ok)
      throw new HttpError(
        result.reason === 'revealed' ? 409 : 400,
        result.reason,
        REFUSAL_MESSAGES[result.reason],
      )
    return c.json({ ...result.mine, remaining: vote.rule.budget - result.mine.used })
  })

  app.get('/:id/votes/count', (c) => {
    const access = requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const vote = currentVote(access.workshop.id)
    return c.json({ voters: vote ? deps.votes.voterCount(access.workshop.id, vote.phaseId) : 0 })
  })

  app.post('/:id/votes/reveal', (c) => {
    const access = requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const workshopId = access.workshop.id
    const vote = currentVote(workshopId)
    if (!vote) throw badRequest('There is no vote in this phase.', 'no-vote')
    const revealedAt = Date.now()
    deps.votes.markRevealed(workshopId, vote.phaseId, revealedAt)
    const results = computeResults(
      deps.votes.ballots(workshopId, vote.phaseId),
      { phaseId: vote.phaseId, method: vote.rule.method, revealedAt },
      vote.minGroupSize,
    )
    deps.sync.rooms.withBoard(workshopId, (board) => resultsOf(board.doc).set(vote.phaseId, results))
    deps.logger.info(
      { workshop: workshopId, phase: vote.phaseId, voters: results.voters.total },
      'votes revealed',
    )
    return c.json({ results })
  })

  return app
}
