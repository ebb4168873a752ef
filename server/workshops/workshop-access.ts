/**
 * Who someone is inside one workshop: their participant record and role, and whether they
 * facilitate it. The single place that decides membership, used by HTTP and sync alike (async:
 * an owner's participant record is created on first access).
 */
import type { ParticipantRole, Principal } from '../auth/session-store.ts'
import type { Workshop, WorkshopStore } from './workshop-store.ts'

export interface WorkshopAccess {
  workshop: Workshop
  participantId: string
  name: string
  role: ParticipantRole
  isFacilitator: boolean
}

export async function resolveAccess(
  principal: Principal,
  workshop: Workshop,
  store: WorkshopStore,
): Promise<WorkshopAccess | null> {
  if (principal.kind === 'guest') {
    const { guest } = principal
    if (guest.workshopId !== workshop.id) return null
    // The session row joins the participant, so a guest's role is always current.
    return { workshop, participantId: guest.id, name: guest.name, role: guest.role, isFacilitator: false }
  }
  const { user } = principal
  if (workshop.ownerId === user.id) {
    const member = await store.ensureMember(workshop.id, user, 'facilitator')
    return { workshop, participantId: member.id, name: member.name, role: 'facilitator', isFacilitator: true }
  }
  const member = await store.memberByUser(workshop.id, user.id)
  if (!member || member.removed) return null
  return {
    workshop,
    participantId: member.id,
    name: member.name,
    role: member.role,
    // Co-facilitation is granted per workshop by a facilitator, never by an account's role alone.
    isFacilitator: member.role === 'facilitator',
  }
}
