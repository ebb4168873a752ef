/** The HTTP contract of accounts and sessions: setup, login, "who am I", accounts, passwords. */
import type { Role } from '../policy/roles.ts'

/** The roles an account can have (a workshop may give it another one). */
export type AccountRole = Extract<Role, 'facilitator' | 'councillor' | 'staff'>

export interface User {
  id: string
  username: string
  role: AccountRole
  isAdmin: boolean
}

/** A guest participant, as its session knows it. */
export interface Guest {
  id: string
  workshopId: string
  name: string
  role: Role
}

/** `GET /api/setup`. */
export interface SetupStatus {
  needed: boolean
  /** This caller must send the one-time code from the server's log. */
  codeRequired: boolean
}

/** `POST /api/setup`. */
export interface SetupRequest {
  username: string
  password: string
  setupCode?: string
}

/** `POST /api/login`. */
export interface LoginRequest {
  username: string
  password: string
}

/** The answer of setup and login. `token` is for non-browser clients; the browser drops it. */
export interface SessionResponse {
  user: User
  token: string
}

/** `GET /api/me`. */
export type Me = { kind: 'user'; user: User } | { kind: 'guest'; guest: Guest }

/** `POST /api/users` (administrator). */
export interface NewUserRequest {
  username: string
  password: string
  role: AccountRole
}

export interface NewUserResponse {
  user: User
}

/** `POST /api/password`. */
export interface PasswordChangeRequest {
  currentPassword: string
  newPassword: string
}

export interface PasswordChangeResponse {
  token: string
}
