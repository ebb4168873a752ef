/**
 * The HTTP contract of hand-counted dots: assistants and facilitators enter the points counted on
 * the wall per card and group, and how many people voted on paper; they (and nobody else) read
 * the entries back until the reveal. Never any device ballot.
 */
import type { Group } from '../policy/roles.ts'

/** `POST /api/workshops/:id/votes/paper`; 0 points removes the entry. */
export interface PaperEntryRequest {
  cardId: string
  group: Group
  points: number
}

/** `POST /api/workshops/:id/votes/paper/voters`; 0 removes the count. */
export interface PaperVotersRequest {
  group: Group
  voters: number
}

export interface PaperEntry {
  cardId: string
  group: Group
  points: number
  /** The participant id of who entered it, and when (server milliseconds). */
  enteredBy: string
  enteredAt: number
}

/** The answer of all three endpoints: the current vote's paper entries. */
export interface PaperVotesResponse {
  phaseId: string
  revealed: boolean
  entries: PaperEntry[]
  /** People who voted on paper per group, as entered; null where none was entered. */
  voters: Record<Group, number | null>
}
