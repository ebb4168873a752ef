/**
 * The desk owners as the sync layer needs them, from the workshop store's in-memory participant
 * directory (participant-directory.ts): loaded with a workshop's rooms, then answered
 * synchronously inside Yjs observers, following the store's joins, role changes and removals.
 */
import type { ParticipantDirectory } from '../workshops/participant-directory.ts'
import type { DeskOwner } from './desk-projection.ts'

export interface Owners {
  /** Reads the workshop's participants (once) before its rooms are used. */
  load(workshopId: string): Promise<void>
  /** The desk owner now: null once removed, or for an unknown id. */
  owner(workshopId: string, participantId: string): DeskOwner | null
  /** The workshop's participants were changed beside the store: read them again when next used. */
  forget(workshopId: string): void
}

export function ownersOf(directory: ParticipantDirectory): Owners {
  return {
    load: (workshopId) => directory.load(workshopId),
    owner: (workshopId, participantId) => {
      const p = directory.get(workshopId, participantId)
      return p && !p.removed ? { participantId: p.id, name: p.name, role: p.role } : null
    },
    forget: (workshopId) => directory.forget(workshopId),
  }
}

/** Fixed owners (tests and benchmarks): nothing to load. */
export function fixedOwners(lookup: (participantId: string) => DeskOwner | null): Owners {
  return {
    load: async () => {},
    owner: (_workshopId, participantId) => lookup(participantId),
    forget: () => {},
  }
}
