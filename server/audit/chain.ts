/**
 * The rules of the tamper-evident log, as pure functions over entries: how an entry is hashed,
 * how a chain and a workshop's snapshots are checked against each other. The store (SQLite) and
 * the import (a file) both check through here, so a log verifies the same wherever it lies.
 *
 * An entry's hash is the SHA-256 of the canonical JSON of {seq, at, kind, actor, data, prevHash};
 * `prevHash` is the previous entry's hash (64 zeros for the first). The workshop id is not hashed,
 * so a log survives export and import under a new id; instead the first entry (`log.started`)
 * names the workshop, and `workshop.imported` names the new one, and the chain must end at the
 * workshop it is stored under.
 *
 * Snapshots: any entry whose `data.snapshots` lists `{id, sha256}` vouches for those snapshots'
 * stored state (`snapshot.taken` for one, `log.started` for those older than the log, a redaction
 * by the retention job for a rewritten state); the latest such entry counts. `data.snapshotsRemoved`
 * lists snapshots deleted on purpose.
 */
import type { BrokenLink } from '../../shared/api/records.ts'
import type { Role } from '../../shared/policy/roles.ts'
import { hashOf, sha256Hex } from './canonical.ts'

export const GENESIS_HASH = '0'.repeat(64)

/** What the log records. Other modules add theirs here (one word each, dot-separated). */
export const AUDIT_KINDS = [
  'log.started',
  'workshop.created',
  'workshop.imported',
  'workshop.exported',
  'workshop.closed',
  'workshop.deleted',
  'participant.joined',
  'participant.role-changed',
  'participant.removed',
  'participant.data-deleted',
  'phase.changed',
  'cards.revealed',
  'votes.revealed',
  'card.hidden',
  'card.approved',
  'card.rejected',
  'card.deleted',
  'snapshot.taken',
  'snapshot.redacted',
  'retention.run',
] as const
export type AuditKind = (typeof AUDIT_KINDS)[number]

/**
 * Who did it, with no more personal data than the record needs: a participant by their
 * pseudonymous id and role; an administrator by account id; the server itself as `system`.
 * `name` only where the board already shows it (a facilitator's moderation carries their name).
 */
export interface AuditActor {
  role: Role | 'administrator' | 'system'
  participant?: string
  account?: string
  name?: string
}

export const SYSTEM_ACTOR: AuditActor = { role: 'system' }

/** A snapshot as an entry vouches for it. */
export interface SnapshotRef {
  id: string
  sha256: string
}

export type EntryData = Record<string, unknown> & {
  snapshots?: SnapshotRef[]
  snapshotsRemoved?: string[]
}

export interface LogEntry {
  seq: number
  at: number
  kind: string
  actor: AuditActor
  data: EntryData
  prevHash: string
  hash: string
}

export type UnsealedEntry = Omit<LogEntry, 'hash'>

export function entryHash(entry: UnsealedEntry): string {
  const { seq, at, kind, actor, data, prevHash } = entry
  return hashOf({ seq, at, kind, actor, data, prevHash })
}

/** The hash a snapshot's stored state is vouched for by. */
export const snapshotDigest = (state: Uint8Array): string => sha256Hex(state)

export const snapshotRef = (id: string, state: Uint8Array): SnapshotRef => ({
  id,
  sha256: snapshotDigest(state),
})

/**
 * The first entry that does not match, or null. An edited entry no longer hashes to its stored
 * hash; an edit that also rewrote that hash breaks the next entry's `prevHash`; a deleted entry
 * leaves a gap in the sequence. `workshopId`: the chain must end naming this workshop.
 */
export function checkChain(entries: readonly LogEntry[], workshopId: string): BrokenLink | null {
  let prev = GENESIS_HASH
  let owner: string | null = null
  for (const [i, entry] of entries.entries()) {
    const expected = i + 1
    if (entry.seq !== expected) return { kind: 'entry', id: expected, reason: 'missing' }
    if (entry.prevHash !== prev) return { kind: 'entry', id: entry.seq, reason: 'prev-hash-mismatch' }
    if (entryHash(entry) !== entry.hash) return { kind: 'entry', id: entry.seq, reason: 'hash-mismatch' }
    const named = entry.data.workshop
    if ((entry.kind === 'log.started' || entry.kind === 'workshop.imported') && typeof named === 'string')
      owner = named
    prev = entry.hash
  }
  const last = entries.at(-1)
  if (last && owner !== workshopId) return { kind: 'entry', id: last.seq, reason: 'other-workshop' }
  return null
}

/** Each snapshot's vouching entry: the latest that lists it (and did not remove it since). */
export function attestations(entries: readonly LogEntry[]): Map<string, { sha256: string; entry: LogEntry }> {
  const vouched = new Map<string, { sha256: string; entry: LogEntry }>()
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
  for (const entry of entries) {
    for (const ref of list(entry.data.snapshots) as Partial<SnapshotRef>[]) {
      if (typeof ref?.id === 'string' && typeof ref.sha256 === 'string')
        vouched.set(ref.id, { sha256: ref.sha256, entry })
    }
    for (const id of list(entry.data.snapshotsRemoved)) if (typeof id === 'string') vouched.delete(id)
  }
  return vouched
}

/**
 * The first snapshot whose stored state does not hash to what the log vouches for (in the order
 * given: by time taken), or that the log does not know; then the first the log vouches for that
 * is gone. Null when all match.
 */
export function checkSnapshots(
  snapshots: readonly { id: string; state: Uint8Array }[],
  entries: readonly LogEntry[],
): BrokenLink | null {
  const vouched = attestations(entries)
  for (const snapshot of snapshots) {
    const attested = vouched.get(snapshot.id)
    if (!attested) return { kind: 'snapshot', id: snapshot.id, reason: 'not-in-log' }
    if (attested.sha256 !== snapshotDigest(snapshot.state))
      return { kind: 'snapshot', id: snapshot.id, reason: 'hash-mismatch' }
  }
  const stored = new Set(snapshots.map((s) => s.id))
  for (const id of vouched.keys()) {
    if (!stored.has(id)) return { kind: 'snapshot', id, reason: 'missing' }
  }
  return null
}
