/** The HTTP contract of voting: one's own ballot, casting, the facilitator's count, the reveal. */
import type { VoteRule } from '../script/script-schema.ts'
import type { VoteResults } from '../votes/results.ts'

/** Points per card id, and their sum. */
export interface Allocation {
  allocations: Record<string, number>
  used: number
}

/** One's own ballot in the current vote. */
export interface MyBallot extends Allocation {
  phaseId: string
  rule: VoteRule
  remaining: number
  revealed: boolean
}

/** `GET /api/workshops/:id/votes/mine`. */
export interface MyVoteResponse {
  vote: MyBallot | null
}

/** `POST /api/workshops/:id/votes`; 0 points takes them back. */
export interface CastRequest {
  cardId: string
  points: number
}

export interface CastResponse extends Allocation {
  remaining: number
}

/** `GET /api/workshops/:id/votes/count`: how many voted, of how many could; nothing about what. */
export interface VoteCount {
  voters: number
  eligible: number
}

/** `POST /api/workshops/:id/votes/reveal`. */
export interface VoteRevealResponse {
  results: VoteResults
}
