/** Guards for handlers: each returns what it checked or throws the fitting HttpError. */
import type { Context } from 'hono'
import type { AppEnv } from '../app-context.ts'
import { forbidden, notFound, unauthenticated } from '../http/http-error.ts'
import { resolveAccess, type WorkshopAccess } from '../workshops/workshop-access.ts'
import type { Workshop, WorkshopStore } from '../workshops/workshop-store.ts'
import type { Principal, SessionUser } from './session-store.ts'

export function requirePrincipal(c: Context<AppEnv>): Principal {
  const principal = c.get('principal')
  if (!principal) throw unauthenticated()
  return principal
}

export function requireUser(c: Context<AppEnv>): SessionUser {
  const principal = requirePrincipal(c)
  if (principal.kind !== 'user') throw forbidden('This needs an account.')
  return principal.user
}

export function requireAdmin(c: Context<AppEnv>): SessionUser {
  const user = requireUser(c)
  if (!user.isAdmin) throw forbidden('Only an administrator can do this.')
  return user
}

export function requireFacilitatorAccount(c: Context<AppEnv>): SessionUser {
  const user = requireUser(c)
  if (user.role !== 'facilitator') throw forbidden('Only a facilitator can do this.')
  return user
}

/** The caller's access to a workshop; unknown workshops and non-members get the same 404. */
export async function requireMember(
  c: Context<AppEnv>,
  workshops: WorkshopStore,
  workshopId: string,
): Promise<WorkshopAccess> {
  const principal = requirePrincipal(c)
  const workshop = await workshops.byId(workshopId)
  const access = workshop ? await resolveAccess(principal, workshop, workshops) : null
  if (!access) throw notFound('No such workshop.')
  return access
}

export async function requireFacilitatorOf(
  c: Context<AppEnv>,
  workshops: WorkshopStore,
  workshopId: string,
): Promise<WorkshopAccess> {
  const access = await requireMember(c, workshops, workshopId)
  if (!access.isFacilitator) throw forbidden('Only the workshop’s facilitator can do this.')
  return access
}

/**
 * The records of a workshop (snapshots, minutes, verification, history): its facilitators, and
 * administrators, who need not be members. `access` is null for an administrator from outside.
 */
export async function requireRecordsOf(
  c: Context<AppEnv>,
  workshops: WorkshopStore,
  workshopId: string,
): Promise<{ workshop: Workshop; access: WorkshopAccess | null }> {
  const principal = requirePrincipal(c)
  if (principal.kind === 'user' && principal.user.isAdmin) {
    const workshop = await workshops.byId(workshopId)
    if (!workshop) throw notFound('No such workshop.')
    const access = await resolveAccess(principal, workshop, workshops)
    return { workshop, access: access?.isFacilitator ? access : null }
  }
  const access = await requireFacilitatorOf(c, workshops, workshopId)
  return { workshop: access.workshop, access }
}
