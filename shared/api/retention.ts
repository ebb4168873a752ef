/**
 * The HTTP contract of retention and data rights: closing a workshop, the instance's retention
 * settings, deleting a participant's data or a whole workshop, and the administrator's accounts.
 */
import type { AccountRole } from './auth.ts'

/** How a participant's cards fare when their data is deleted. */
export type ParticipantDeletion = 'pseudonymise' | 'remove'

/**
 * `GET/PUT /api/settings/retention`: days after a workshop is closed; null keeps for ever.
 * `guestDays`: guests' names, sessions and devices; `hiddenTextDays`: the original texts of
 * hidden cards; `workshopDays`: the whole workshop.
 */
export interface RetentionSettings {
  guestDays: number | null
  hiddenTextDays: number | null
  workshopDays: number | null
  participantDeletion: ParticipantDeletion
}

/** `POST /api/workshops/:id/close`. */
export interface CloseWorkshopResponse {
  closedAt: number
}

/** `DELETE /api/workshops/:id/participants/:pid/data`. */
export interface ParticipantDataDeletedResponse {
  mode: ParticipantDeletion
  /** Cards removed (mode remove) or whose authorship was pseudonymised. */
  cards: number
}

/** One account as the administrator page lists it. */
export interface Account {
  id: string
  username: string
  role: AccountRole
  isAdmin: boolean
  deactivated: boolean
}

/** `GET /api/users`. */
export interface AccountsResponse {
  accounts: Account[]
}

/** `PATCH /api/users/:id`: a new role, or deactivated (true) / reactivated (false). */
export interface AccountChangeRequest {
  role?: AccountRole
  deactivated?: boolean
}

/** `POST /api/users/:id/password`. */
export interface PasswordResetRequest {
  password: string
}
