/**
 * The browser's cache of a participant's desk: one IndexedDB database per workshop and
 * participant, so cards written offline survive a reload, and its deletion when that person
 * leaves the workshop or logs out (with their copy of the board, board-cache.ts, which shares
 * the prefix). On a shared device (a table tablet) a cache left behind is
 * someone's private drafts readable by the next person.
 */
import { IndexeddbPersistence } from 'y-indexeddb'
import type * as Y from 'yjs'
import { boardCacheName } from './board-cache.ts'

const PREFIX = 'rw-desk-'

export function deskCacheName(workshopId: string, participantId: string): string {
  return `${PREFIX}${workshopId}-${participantId}`
}

/** Caches open in this tab, by database name. */
const open = new Map<string, IndexeddbPersistence>()
/** Every desk database this tab opened, for browsers that cannot list their databases. */
const known = new Set<string>()

export function openDeskCache(name: string, doc: Y.Doc): IndexeddbPersistence {
  const cache = new IndexeddbPersistence(name, doc)
  open.set(name, cache)
  known.add(name)
  // Another tab deleting this database (its person logged out) closes our connection: stop
  // caching instead of writing into a closed database; the desk keeps syncing with the server.
  void cache._db.then((db) => {
    db.onversionchange = () => {
      db.close()
      closeDeskCache(name, cache)
    }
  })
  return cache
}

/** Stops caching (the board is closed); the database stays for the next visit. */
export function closeDeskCache(name: string, cache: IndexeddbPersistence): void {
  if (open.get(name) === cache) open.delete(name)
  void cache.destroy()
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name)
    // `blocked` only means another connection has not closed yet; success follows once it has.
    // Logging out must not hang on a tab that never lets go: the deletion still completes later.
    const timer = setTimeout(resolve, 3000)
    request.onsuccess = request.onerror = () => {
      clearTimeout(timer)
      resolve()
    }
  })
}

async function existingDeskDatabases(): Promise<string[]> {
  const names = new Set(known)
  try {
    for (const info of await indexedDB.databases()) {
      if (info.name?.startsWith(PREFIX)) names.add(info.name)
    }
  } catch {
    // No database listing in this browser: the ones this tab opened are all we know.
  }
  return [...names]
}

/**
 * Deletes the desk caches whose names pass `which` (all desks when omitted), closing the ones
 * open in this tab first.
 */
export async function deleteDeskCaches(which: (name: string) => boolean = () => true): Promise<void> {
  const names = (await existingDeskDatabases()).filter(which)
  await Promise.all(
    names.map(async (name) => {
      const cache = open.get(name)
      open.delete(name)
      await cache?.destroy()
      known.delete(name)
      await deleteDatabase(name)
    }),
  )
}

/** Deletes one participant's desk cache and board copy (leaving a workshop, being removed). */
export function deleteDeskCache(workshopId: string, participantId: string): Promise<void> {
  const names = [deskCacheName(workshopId, participantId), boardCacheName(workshopId, participantId)]
  return deleteDeskCaches((n) => names.includes(n))
}
