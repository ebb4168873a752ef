/**
 * Every incoming update is applied to an empty scratch document and re-encoded before it
 * touches a room; the scratch document also tells which root types it writes. yjs 13 accepts a few crafted updates that later make a document impossible
 * to encode; catching them here keeps one bad frame from locking every late joiner out.
 */
import * as Y from 'yjs'

export type SanitizeResult = { ok: true; update: Uint8Array; roots: string[] } | { ok: false; error: string }

export function sanitizeUpdate(update: Uint8Array): SanitizeResult {
  // A fixed guid: a random one costs a crypto call per update and is never read.
  const scratch = new Y.Doc({ gc: false, guid: 'scratch' })
  try {
    Y.applyUpdate(scratch, update)
    const reencoded = Y.encodeStateAsUpdate(scratch)
    // A second decode proves the re-encoded form is itself well-formed.
    Y.decodeUpdate(reencoded)
    // Root types the update writes to. Items placed next to existing content (parent known only
    // from the room) can only extend a root that was already accepted, so this is complete.
    return { ok: true, update: reencoded, roots: [...scratch.share.keys()] }
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) }
  } finally {
    scratch.destroy()
  }
}

/**
 * True when an update adds nothing to `doc`: every struct is already known and every
 * deletion already applied. Read-only peers send such updates as their half of the sync
 * handshake; anything more is an attempted write.
 */
export function isNoOpFor(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update)
  const known = Y.decodeStateVector(Y.encodeStateVector(doc))
  for (const struct of structs) {
    const clock = known.get(struct.id.client) ?? 0
    if (struct.id.clock + struct.length > clock) return false
  }
  const existing = Y.createDeleteSetFromStructStore(doc.store)
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      const start = Y.createID(client, range.clock)
      const end = Y.createID(client, range.clock + range.len - 1)
      if (!Y.isDeleted(existing, start) || !Y.isDeleted(existing, end)) return false
    }
  }
  return true
}
