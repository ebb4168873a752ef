/**
 * Cluster suggestions over HTTP (facilitators only): parse, authorize, answer. Which cards are
 * clustered, and how a suggestion becomes a frame, is the clusters domain's (server/clusters/).
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type {
  ClusterAcceptRequest,
  ClusterAcceptResponse,
  ClusterSuggestRequest,
  ClusterSuggestResponse,
} from '../../shared/api/contract.ts'
import type { AppDeps, AppEnv } from '../app-context.ts'
import { requireFacilitatorOf } from '../auth/require.ts'
import { ClusterService, MAX_CLUSTER_CARDS } from '../clusters/cluster-service.ts'
import { bodySchema } from '../http/body-schema.ts'
import { badRequest, HttpError, notFound } from '../http/http-error.ts'
import { readJson } from '../http/read-json.ts'

/** Most cards one accepted suggestion may move. */
const MAX_ACCEPT_CARDS = 500

const suggestBody = bodySchema<ClusterSuggestRequest>()(
  z.object({ phaseId: z.string().min(1).max(64).optional() }).strict(),
)
const acceptBody = bodySchema<ClusterAcceptRequest>()(
  z
    .object({
      title: z.string().trim().min(1, 'Bitte einen Titel angeben.').max(120),
      cardIds: z
        .array(z.string().min(1).max(64))
        .min(1)
        .max(MAX_ACCEPT_CARDS)
        .refine((ids) => new Set(ids).size === ids.length, 'Each card only once.'),
    })
    .strict(),
)

export function clusterRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const clusters = new ClusterService(deps.sync)

  app.post('/:id/clusters/suggest', async (c) => {
    const access = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const { phaseId } = await readJson(c, suggestBody)
    const started = performance.now()
    const result = await clusters.suggest(access.workshop.id, phaseId)
    if (!result.ok && result.reason === 'phase-changed') {
      throw new HttpError(409, 'phase-changed', 'The phase has changed: compute the suggestions again.')
    }
    if (!result.ok)
      throw badRequest(
        `More than ${MAX_CLUSTER_CARDS} cards outside frames: too many to cluster.`,
        'too-many-to-cluster',
      )
    deps.logger.info(
      {
        workshop: access.workshop.id,
        cards: result.cards,
        suggestions: result.suggestions.length,
        ms: Math.round(performance.now() - started),
      },
      'clusters suggested',
    )
    return c.json({ suggestions: result.suggestions, cards: result.cards } satisfies ClusterSuggestResponse)
  })

  app.post('/:id/clusters/accept', async (c) => {
    const access = await requireFacilitatorOf(c, deps.workshops, c.req.param('id'))
    const { title, cardIds } = await readJson(c, acceptBody)
    const result = await clusters.accept(access.workshop.id, title, cardIds)
    if (!result.ok && result.reason === 'no-card') throw notFound(`No such card: ${result.cardId}.`)
    if (!result.ok) throw new HttpError(409, 'card-hidden', `The card ${result.cardId} is hidden.`)
    deps.logger.info({ workshop: access.workshop.id, cards: result.moved.length }, 'cluster accepted')
    return c.json({ frame: result.frame, moved: result.moved } satisfies ClusterAcceptResponse)
  })

  return app
}
