/**
 * The error half of the HTTP contract: every error answer is `{error:{code,message}}`, and these
 * are the codes it may carry. The server's `HttpError` takes only these codes, so a new code is
 * added here first, where the client sees it too. The lists are values, not only types: the
 * client's language files must have words for each (tests/unit/i18n-keys.test.ts checks both).
 */
import type { CardRefusal } from '../board/validate-card.ts'
import type { Refusal } from '../policy/permissions.ts'

/** A refused ballot or vote reveal; the client has its own words for each (`voteErrors`). */
export const VOTE_ERROR_CODES = [
  'forbidden',
  'no-vote',
  'vote-rule-invalid',
  'no-card',
  'card-hidden',
  'over-budget',
  'over-cap',
  'revealed',
] as const
export type VoteErrorCode = (typeof VOTE_ERROR_CODES)[number]

/** Why a waiting card could not be placed on approval (`409`): the desk rules' refusals. */
export const PLACEMENT_REFUSALS = [
  'read-only',
  'board-locked',
  'creation-closed',
  'not-your-card',
  'moves-not-allowed',
  'card-hidden',
  'card-deleted',
  'card-rejected',
  'participant-quota',
  'board-full',
  'bad-id',
  'unknown-field',
  'bad-text',
  'text-too-long',
  'bad-coordinate',
  'bad-color',
  'bad-created-at',
  'bad-group',
  'bad-frame',
  'not-a-card',
  'desk-full',
] as const
type PlacementRefusalWord = (typeof PLACEMENT_REFUSALS)[number]
/** A card refusal may name its field after a colon (`unknown-field:x`). */
export type PlacementRefusal = PlacementRefusalWord | `${CardRefusal}:${string}`
// The list above names every refusal of the desk rules: a new one fails the typecheck here.
const placementListComplete: [Exclude<Refusal | CardRefusal | 'desk-full', PlacementRefusalWord>] extends [
  never,
]
  ? true
  : false = true
void placementListComplete

/** Refusals of `POST /api/join`. */
export const JOIN_ERROR_CODES = ['joining-closed', 'workshop-full', 'removed'] as const
export type JoinErrorCode = (typeof JOIN_ERROR_CODES)[number]

/** Why `/api/health` answers 503: edits not stored, the database unreadable, the event loop stalled. */
export const HEALTH_ERROR_CODES = ['storage-failing', 'database-unreadable', 'event-loop-stalled'] as const
export type HealthErrorCode = (typeof HEALTH_ERROR_CODES)[number]

/**
 * Every code the server answers with. The generic ones (`forbidden`, `not-found`, `conflict`,
 * `invalid-request`) stay for refusals a person cannot mend; a refusal the UI shows with its own
 * words has a code of its own.
 */
export const SERVER_ERROR_CODES = [
  'invalid-request',
  'invalid-json',
  'unsupported-media-type',
  'payload-too-large',
  'unauthenticated',
  'forbidden',
  'cross-origin',
  'not-found',
  'conflict',
  'rate-limited',
  ...HEALTH_ERROR_CODES,
  'account-deactivated',
  'internal',
  'http-error',
  'setup-code-required',
  'invalid-setup-code',
  'already-set-up',
  'invalid-credentials',
  'wrong-password',
  'username-taken',
  'self-deactivation',
  'already-hidden',
  'export-altered',
  'already-imported',
  'workshop-closed',
  'unknown-join-code',
  'owner-keeps-role',
  'owner-data',
  'observer-hand',
  'hand-for-others',
  'queue-full',
  'empty-name',
  'timer-no-time-left',
  'timer-not-running',
  'phase-changed',
  'too-many-to-cluster',
  'photo-empty',
  'photo-unreadable',
  ...JOIN_ERROR_CODES,
  ...VOTE_ERROR_CODES,
] as const

/** Every code the server answers with: the list above and the placement refusals. */
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number] | PlacementRefusal

/** Codes the browser client makes up itself: no answer at all, or one without a JSON error. */
export const CLIENT_ERROR_CODES = ['network', 'http-error'] as const
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number]

/** Every code an `ApiError` in the client can carry. */
export type ErrorCode = ServerErrorCode | ClientErrorCode

/** The body of every error answer. */
export interface ErrorBody {
  error: { code: ServerErrorCode; message: string }
}

/** `GET /api/health`. */
export type HealthResponse = { ok: true } | { ok: false; error: { code: HealthErrorCode; message: string } }
