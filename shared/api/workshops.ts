/**
 * The HTTP contract of workshops: creating and listing them, their details, the facilitator's
 * doors (joining, guest cap, join code), joining, participants and snapshots.
 */
import type { Role } from '../policy/roles.ts'
import type { ScriptLang, TemplateId } from '../script/templates.ts'

/** `POST /api/workshops`. */
export interface NewWorkshopRequest {
  title: string
  template?: TemplateId
  lang?: ScriptLang
}

export interface NewWorkshopResponse {
  id: string
  joinCode: string
}

/** One row of `GET /api/workshops`. */
export interface WorkshopSummary {
  id: string
  title: string
  createdAt: number
  facilitating: boolean
  /** Only for workshops the caller facilitates. */
  joinCode?: string
}

export interface WorkshopListResponse {
  workshops: WorkshopSummary[]
}

/** Who may come in (`PATCH /api/workshops/:id`, and part of the facilitator's details). */
export interface WorkshopDoors {
  /** New people may join. */
  joining: boolean
  /** The workshop's own cap; null means the server's `MAX_GUESTS_PER_WORKSHOP`. */
  guestCap: number | null
  /** The cap that applies; null for none. */
  effectiveGuestCap: number | null
  guests: number
}

/** `POST /api/workshops/:id/join-code`, and part of the facilitator's details. */
export interface JoinCodeResponse {
  joinCode: string
  joinCodeDisplay: string
  joinUrl: string
}

/** The caller inside a workshop. */
export interface WorkshopMe {
  participantId: string
  name: string
  role: Role
  isFacilitator: boolean
}

/** `GET /api/workshops/:id`: the code and doors only for the facilitator. */
export interface WorkshopDetails extends Partial<JoinCodeResponse>, Partial<Omit<WorkshopDoors, 'joining'>> {
  id: string
  title: string
  /** The template it was created from (a `TemplateId` when made by this version). */
  template: string | null
  createdAt: number
  /** New people may join. */
  joining: boolean
  /** When it was closed: read-only for everyone from then on; null while open. */
  closedAt: number | null
  me: WorkshopMe
}

/** `PATCH /api/workshops/:id`; at least one of the two. */
export interface WorkshopSettingsRequest {
  joining?: boolean
  guestCap?: number | null
}

/** `GET /api/join/:code`. */
export interface JoinInfo {
  title: string
  joining: boolean
}

/** `POST /api/join`. */
export interface JoinRequest {
  code: string
  name: string
  role?: Extract<Role, 'citizen' | 'observer'>
}

export interface JoinResponse {
  workshopId: string
  participantId: string
  role: Role
  /** A guest's new session, for non-browser clients; never for an account. */
  token?: string
}

/** One row of `GET /api/workshops/:id/participants`. */
export interface ParticipantRow {
  id: string
  name: string
  role: Role
  account: boolean
  owner: boolean
  removed: boolean
  /** Open sync connections. */
  connections: number
}

export interface ParticipantsResponse {
  participants: ParticipantRow[]
}

/** `PATCH /api/workshops/:id/participants/:pid`. */
export interface RoleChangeRequest {
  role: Role
}

export interface RoleChangeResponse {
  id: string
  role: Role
}

/** `POST /api/workshops/:id/snapshots`. */
export interface NewSnapshotRequest {
  label: string
}

export interface NewSnapshotResponse {
  id: string
  label: string
  createdAt: number
}

/** One row of `GET /api/workshops/:id/snapshots`, newest first. */
export interface SnapshotInfo {
  id: string
  workshopId: string
  label: string
  /** The phase whose end the snapshot records (phase changes); null for one taken by hand. */
  phase: string | null
  /**
   * The name (in the snapshot's own script) of the phase it records: the phase a transition
   * closed, or for one taken by hand the phase the board was in; null without one.
   */
  phaseName: string | null
  createdBy: string
  createdAt: number
}

export interface SnapshotListResponse {
  snapshots: SnapshotInfo[]
}
