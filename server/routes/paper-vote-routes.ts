/**
 * Hand-counted dots over HTTP: assistants and facilitators enter the points counted on the wall
 * per card and group, and how many people voted on paper, and read back what was entered. The
 * rules (who, which card, until the reveal) are the voting domain's (server/votes/paper-votes.ts).
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { PaperEntryRequest, PaperVotersRequest, PaperVotesResponse } from '../../shared/api/contract.ts'
import { GROUPS } from '../../shared/policy/roles.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { requireMember } from '../auth/require.ts'
import { bodySchema } from '../http/body-schema.ts'
import { readJson } from '../http/read-json.ts'
import { refused } from './vote-routes.ts'

/** More than any wall holds, so a typo of a few digits is refused rather than counted. */
const MAX_COUNT = 10_000

const entryBody = bodySchema<PaperEntryRequest>()(
  z
    .object({
      cardId: z.string().min(1).max(64),
      group: z.enum(GROUPS),
      points: z.number().int().min(0).max(MAX_COUNT),
    })
    .strict(),
)

const votersBody = bodySchema<PaperVotersRequest>()(
  z.object({ group: z.enum(GROUPS), voters: z.number().int().min(0).max(MAX_COUNT) }).strict(),
)

export function paperVoteRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  app.get('/:id/votes/paper', async (c) => {
    const access = await requireMember(c, deps.workshops, c.req.param('id'))
    const result = await deps.votes.paper.read(access.workshop.id, access)
    if ('ok' in result) throw refused(result)
    return c.json(result satisfies PaperVotesResponse)
  })

  app.post('/:id/votes/paper', async (c) => {
    const access = await requireMember(c, deps.workshops, c.req.param('id'))
    const body = await readJson(c, entryBody)
    const result = await deps.votes.paper.enter(access.workshop.id, access, body)
    if ('ok' in result) throw refused(result)
    return c.json(result satisfies PaperVotesResponse)
  })

  app.post('/:id/votes/paper/voters', async (c) => {
    const access = await requireMember(c, deps.workshops, c.req.param('id'))
    const body = await readJson(c, votersBody)
    const result = await deps.votes.paper.enterVoters(access.workshop.id, access, body.group, body.voters)
    if ('ok' in result) throw refused(result)
    return c.json(result satisfies PaperVotesResponse)
  })

  return app
}
