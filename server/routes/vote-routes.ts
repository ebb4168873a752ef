/**
 * Voting in the current phase over HTTP. The routes parse, check membership and answer; the
 * voting domain (server/votes/vote-service.ts) decides who may cast what and computes the
 * results once, at the first reveal. Each person reads only their own allocation; the
 * facilitator sees how many have voted against how many could, never what.
 */
import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'
import type {
  CastRequest,
  CastResponse,
  MyVoteResponse,
  VoteCount,
  VoteErrorCode,
  VoteRevealResponse,
} from '../../shared/api/contract.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { actorOf } from '../audit/audit-service.ts'
import { requireFacilitatorOf, requireMember } from '../auth/require.ts'
import { bodySchema } from '../http/body-schema.ts'
import { HttpError } from '../http/http-error.ts'
import { readJson } from '../http/read-json.ts'
import type { Refused, VoteRefusal } from '../votes/vote-service.ts'

const ballotBody = bodySchema<CastRequest>()(
  z.object({ cardId: z.string().min(1).max(64), points: z.number().int().min(0).max(1000) }).strict(),
)

/**
 * Status, code and words of each refusal; the browser client shows its own words for the code.
 * The codes of public interface v1 stay as they were (a non-voter still gets `403 forbidden`).
 */
type RefusalAnswer = { status: ContentfulStatusCode; code: VoteErrorCode; message: string }

const REFUSALS: Record<VoteRefusal, RefusalAnswer> = {
  'not-a-voter': {
    status: 403,
    code: 'forbidden',
    message:
      'Citizens, councillors and staff vote; facilitators, assistants and observers do not (assistants enter the dots counted on paper).',
  },
  'no-vote': {
    status: 400,
    code: 'no-vote',
    message: 'There is no vote in this phase.',
  },
  'vote-rule-invalid': {
    status: 400,
    code: 'vote-rule-invalid',
    message: 'This phase’s vote rule is invalid; the facilitator has to set it again.',
  },
  'no-card': {
    status: 400,
    code: 'no-card',
    message: 'No such card on the board.',
  },
  'card-hidden': {
    status: 400,
    code: 'card-hidden',
    message: 'The card was hidden by the facilitator and takes no votes.',
  },
  'over-budget': {
    status: 400,
    code: 'over-budget',
    message: 'Not enough left in your budget.',
  },
  'over-cap': {
    status: 400,
    code: 'over-cap',
    message: 'That is more than one card may get from you.',
  },
  revealed: { status: 409, code: 'revealed', message: 'Voting has ended.' },
  'not-an-assistant': {
    status: 403,
    code: 'forbidden',
    message: 'Hand-counted dots are entered by assistants and facilitators.',
  },
}

export const refused = ({ reason }: Refused) => {
  const { status, code, message } = REFUSALS[reason]
  return new HttpError(status, code, message)
}

export function voteRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  app.get('/:id/votes/mine', async (c) => {
    const access = await requireMember(c, deps.workshops, c.req.param('id'))
    return c.json({
      vote: await deps.votes.mine(access.workshop.id, access.participantId),
    } satisfies MyVoteResponse)
  })

  app.post('/:id/votes', async (c) => {
    const access = await requireMember(c, deps.workshops, c.req.param('id'))
    const body = await readJson(c, ballotBody)
    const result = await deps.votes.cast(access.workshop.id, access, body.cardId, body.points)
    if (!result.ok) throw refused(result)
    return c.json({ ...result.mine, remaining: result.remaining } satisfies CastResponse)
  })

  app.get('/:id/votes/count', async (c) => {
    const access = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    return c.json((await deps.votes.count(access.workshop.id)) satisfies VoteCount)
  })

  app.post('/:id/votes/reveal', async (c) => {
    const access = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const result = await deps.votes.reveal(access.workshop.id, actorOf(access))
    if (!result.ok) throw refused(result)
    return c.json({ results: result.results } satisfies VoteRevealResponse)
  })

  return app
}
