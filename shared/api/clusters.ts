/** The HTTP contract of cluster suggestions (issue 14): suggest on the server, accept as a frame. */
import type { Frame } from '../board/frames.ts'

/** `POST /api/workshops/:id/clusters/suggest`: when `phaseId` is given it must be the current phase. */
export interface ClusterSuggestRequest {
  phaseId?: string
}

export interface ClusterSuggestion {
  title: string
  /** The words that tie the cards together, most telling first. */
  words: string[]
  cardIds: string[]
}

export interface ClusterSuggestResponse {
  suggestions: ClusterSuggestion[]
  /** How many cards were considered: the visible cards in no frame. */
  cards: number
}

/** `POST /api/workshops/:id/clusters/accept`. */
export interface ClusterAcceptRequest {
  title: string
  cardIds: string[]
}

export interface ClusterAcceptResponse {
  frame: Frame
  moved: string[]
}
