/**
 * The HTTP contract of running a workshop: private writing and its reveal, phases, the timer,
 * hiding cards and the approval queue.
 */
import type { TimerState } from '../board/facilitation.ts'

/** `GET /api/time`: server time in ms. */
export interface TimeResponse {
  now: number
}

/** `GET /api/workshops/:id/private`: counted from the server's card records. */
export interface HeldCounts {
  /** Cards held for private writing. */
  count: number
  /** Cards waiting for approval. */
  waiting: number
}

/** `POST /api/workshops/:id/reveal`. */
export interface RevealResponse {
  revealed: number
}

/** `POST /api/workshops/:id/phase`. */
export interface PhaseRequest {
  phaseId: string
}

export interface PhaseResponse {
  phaseId: string
}

/** `POST /api/workshops/:id/timer`. */
export interface TimerRequest {
  action: 'start' | 'pause' | 'extend' | 'reset'
  seconds?: number
}

export interface TimerResponse {
  timer: TimerState
  now: number
}

/** `POST /api/workshops/:id/cards/:cardId/hide`. */
export interface HideRequest {
  reason: string
}

export interface HideResponse {
  cardId: string
  reason: string
}

/** One card waiting for approval. */
export interface PendingCard {
  participantId: string
  name: string
  id: string
  text: string
}

/** `GET /api/workshops/:id/pending`. */
export interface PendingResponse {
  pending: PendingCard[]
}

/** `POST /api/workshops/:id/pending/approve`. */
export interface ApproveRequest {
  participantId: string
  cardId: string
}

export interface ApproveResponse {
  approved: string
}

/** `POST /api/workshops/:id/pending/reject`. */
export interface RejectRequest {
  participantId: string
  cardId: string
  reason: string
}

export interface RejectResponse {
  rejected: string
  reason: string
}
