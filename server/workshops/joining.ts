/**
 * Who may join a workshop, and as whom: one person, one voice. A guest who joins again from
 * the device of an earlier join (its session) under the same name is the same participant,
 * with the same desk and ballots; another name from that device is a new participant (a
 * shared tablet). New participants need joining to be open and, for guests, room under the
 * workshop's guest cap; people already in keep their place when joining closes. Each join is
 * decided and written in one transaction, so two joins at once cannot both take the last place.
 */
import type { ParticipantRole, SessionGuest, SessionUser } from '../auth/session-store.ts'
import type { Participant, Workshop, WorkshopStore } from './workshop-store.ts'

export type JoinRefusal = 'joining-closed' | 'workshop-full' | 'removed'

export type JoinOutcome =
  | { ok: true; participant: Participant; returning: boolean }
  | { ok: false; reason: JoinRefusal }

const refuse = (reason: JoinRefusal): JoinOutcome => ({ ok: false, reason })

/** Names as people retype them: case, surrounding and repeated spaces do not matter. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('de')
  return norm(a) === norm(b)
}

/** The cap that applies: the workshop's own, else the server's default (0: none). */
export function guestCapOf(workshop: Workshop, serverDefault: number): number | null {
  if (workshop.guestCap !== null) return workshop.guestCap
  return serverDefault > 0 ? serverDefault : null
}

export function joinAsGuest(
  store: WorkshopStore,
  workshop: Workshop,
  input: { name: string; role: ParticipantRole; earlier: SessionGuest | null; defaultGuestCap: number },
): Promise<JoinOutcome> {
  return store.transaction<JoinOutcome>(async (tx) => {
    // Only a session of this workshop says which device this is; any other starts a new one.
    const device =
      input.earlier && input.earlier.workshopId === workshop.id
        ? await store.deviceOf(input.earlier.id, tx)
        : null
    if (device) {
      const same = (await store.guestsOnDevice(workshop.id, device, tx)).find((p) =>
        sameName(p.name, input.name),
      )
      // The role stays what it is now: a facilitator may have changed it since.
      if (same) return same.removed ? refuse('removed') : { ok: true, participant: same, returning: true }
    }
    // The doors as they are now, not as the caller read them.
    const current = (await store.byId(workshop.id, tx)) ?? workshop
    if (!current.joining) return refuse('joining-closed')
    const cap = guestCapOf(current, input.defaultGuestCap)
    if (cap !== null && (await store.guestCount(workshop.id, tx)) >= cap) return refuse('workshop-full')
    const participant = await store.addGuest(workshop.id, input.name, input.role, device ?? undefined, tx)
    return { ok: true, participant, returning: false }
  })
}

export function joinAsAccount(
  store: WorkshopStore,
  workshop: Workshop,
  user: SessionUser,
): Promise<JoinOutcome> {
  return store.transaction<JoinOutcome>(async (tx) => {
    const existing = await store.memberByUser(workshop.id, user.id, tx)
    if (existing)
      return existing.removed ? refuse('removed') : { ok: true, participant: existing, returning: true }
    const owner = workshop.ownerId === user.id
    const current = (await store.byId(workshop.id, tx)) ?? workshop
    if (!owner && !current.joining) return refuse('joining-closed')
    // An account keeps its role; a facilitator account joins someone else's workshop as staff.
    const role: ParticipantRole = owner ? 'facilitator' : user.role === 'facilitator' ? 'staff' : user.role
    return { ok: true, participant: await store.ensureMember(workshop.id, user, role, tx), returning: false }
  })
}
