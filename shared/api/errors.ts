/**
 * The error half of the HTTP contract: every error answer is `{error:{code,message}}`, and these
 * are the codes it may carry. The server's `HttpError` takes only these codes, so a new code is
 * added here first, where the client sees it too.
 */
import type { CardRefusal } from '../board/validate-card.ts'
import type { Refusal } from '../policy/permissions.ts'

/** A refused ballot or vote reveal; the client has its own words for each (`voteErrors`). */
export type VoteErrorCode =
  | 'forbidden'
  | 'no-vote'
  | 'vote-rule-invalid'
  | 'no-card'
  | 'card-hidden'
  | 'over-budget'
  | 'over-cap'
  | 'revealed'

/** Why a waiting card could not be placed on approval (`409`): the desk rules' refusals. */
export type PlacementRefusal = Refusal | CardRefusal | `${CardRefusal}:${string}` | 'desk-full'

/** Refusals of `POST /api/join`. */
export type JoinErrorCode = 'joining-closed' | 'workshop-full' | 'removed'

/** Every code the server answers with. */
export type ServerErrorCode =
  | 'invalid-request'
  | 'invalid-json'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'unauthenticated'
  | 'forbidden'
  | 'cross-origin'
  | 'not-found'
  | 'conflict'
  | 'rate-limited'
  | HealthErrorCode
  | 'account-deactivated'
  | 'internal'
  | 'http-error'
  | 'setup-code-required'
  | 'invalid-setup-code'
  | 'invalid-credentials'
  | 'already-hidden'
  | 'export-altered'
  | 'workshop-closed'
  | JoinErrorCode
  | VoteErrorCode
  | PlacementRefusal

/** Codes the browser client makes up itself: no answer at all, or one without a JSON error. */
export type ClientErrorCode = 'network' | 'http-error'

/** Every code an `ApiError` in the client can carry. */
export type ErrorCode = ServerErrorCode | ClientErrorCode

/** The body of every error answer. */
export interface ErrorBody {
  error: { code: ServerErrorCode; message: string }
}

/** `GET /api/health`. */
export type HealthResponse = { ok: true } | { ok: false; error: { code: HealthErrorCode; message: string } }

/** Why `/api/health` answers 503: edits not stored, the database unreadable, the event loop stalled. */
export type HealthErrorCode = 'storage-failing' | 'database-unreadable' | 'event-loop-stalled'
