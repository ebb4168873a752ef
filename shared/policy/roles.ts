/**
 * The one vocabulary of roles and groups. A role is what someone may do in a workshop; a group
 * is whose voice a card or ballot counts for in results and minutes (citizens, councillors,
 * administration staff). Facilitators, assistants and observers belong to no group: an
 * assistant enters the paper cards of people in the room, and each such card carries the group
 * of the person who wrote it, never the assistant's.
 */
export const ROLES = ['facilitator', 'councillor', 'staff', 'citizen', 'assistant', 'observer'] as const
export type Role = (typeof ROLES)[number]

/** Roles an account may hold in a workshop. */
export const ACCOUNT_ROLES: readonly Role[] = ROLES
/**
 * Roles a guest (no account) may hold: guests never facilitate or speak for the council. A
 * facilitator may make a guest an assistant (a helper at the paper wall without an account).
 */
export const GUEST_ROLES: readonly Role[] = ['citizen', 'assistant', 'observer']
/** Roles a guest may pick when joining (an assistant is appointed, never self-chosen). */
export const GUEST_JOIN_ROLES = ['citizen', 'observer'] as const satisfies readonly Role[]
/** Roles an account is created with (an instance's own people; citizens join as guests). */
export const USER_ROLES = ['facilitator', 'councillor', 'staff'] as const satisfies readonly Role[]
export type UserRole = (typeof USER_ROLES)[number]

export const GROUPS = ['citizen', 'councillor', 'staff'] as const
export type Group = (typeof GROUPS)[number]

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

export function isGroup(value: unknown): value is Group {
  return typeof value === 'string' && (GROUPS as readonly string[]).includes(value)
}

/** The group a role's voice counts for, or null (facilitators, observers). */
export function groupOf(role: Role): Group | null {
  return isGroup(role) ? role : null
}
