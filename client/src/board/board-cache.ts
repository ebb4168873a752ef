/**
 * The browser's copy of the board as this person last saw it, and of what they changed that
 * the server has not had yet, so a reload without network still shows the board (and marks
 * what is unsent). One IndexedDB database per workshop and person, named under the desk
 * caches' prefix so that leaving, logging out and removal delete it with the desk
 * (desk-cache.ts). It keeps the board's current state only (`encodeStateAsUpdate` of a
 * garbage-collecting doc: a hidden card's deleted text is not in it), written a moment after
 * the board last changed, never its history of updates.
 */
import * as Y from 'yjs'

const STORE = 'board'
/**
 * The copy is written once the board has been quiet this long, or at the latest after MAX_WAIT_MS
 * of steady changes. Writing encodes the whole board (tens of ms for thousands of cards), so it
 * waits for a pause rather than landing between someone's keystrokes.
 */
const SAVE_DELAY_MS = 1000
const MAX_WAIT_MS = 10_000

export function boardCacheName(workshopId: string, participantId: string): string {
  return `rw-desk-board-${workshopId}-${participantId}`
}

export interface BoardCacheContents {
  state: Uint8Array | null
  unsent: string[]
}

function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1)
    request.onupgradeneeded = () => request.result.createObjectStore(STORE)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

function read(db: IDBDatabase): Promise<BoardCacheContents> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, 'readonly')
    const store = tx.objectStore(STORE)
    const state = store.get('state')
    const unsent = store.get('unsent')
    tx.oncomplete = () =>
      resolve({
        state: state.result instanceof Uint8Array ? state.result : null,
        unsent: Array.isArray(unsent.result) ? unsent.result.filter((v) => typeof v === 'string') : [],
      })
    tx.onerror = () => reject(tx.error)
  })
}

function write(db: IDBDatabase, contents: BoardCacheContents): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite')
    tx.objectStore(STORE).put(contents.state, 'state')
    tx.objectStore(STORE).put(contents.unsent, 'unsent')
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
  })
}

export interface BoardCache {
  /** What was kept on the last visit (already applied to the board). */
  loaded: Promise<BoardCacheContents>
  /** Keeps the board and the unsent keys once the board is quiet (it changes many times a second). */
  save(): void
  /** Keeps them at once (this person's own offline edit: a reload may follow any moment). */
  saveNow(): void
  close(): void
}

/**
 * Applies the kept board (if any) to `board` and keeps it up to date from now on. The kept
 * state is a part of what the server has (the same updates, some later deleted), so applying
 * it sends the server nothing new when the board connects.
 */
export function openBoardCache(name: string, board: Y.Doc, unsent: () => readonly string[]): BoardCache {
  const database = openDatabase(name).catch(() => null)
  let timer: ReturnType<typeof setTimeout> | null = null
  /** When the oldest change not yet written came. */
  let firstPending = 0
  let closed = false
  const flush = async () => {
    timer = null
    firstPending = 0
    const db = await database
    if (!db || closed) return
    await write(db, { state: Y.encodeStateAsUpdate(board), unsent: [...unsent()] }).catch(() => undefined)
  }
  const save = () => {
    if (closed) return
    const now = Date.now()
    if (timer) {
      // Still changing: wait for the pause, unless changes have kept coming for too long.
      if (now - firstPending >= MAX_WAIT_MS) return
      clearTimeout(timer)
    } else firstPending = now
    timer = setTimeout(() => void flush(), Math.min(SAVE_DELAY_MS, firstPending + MAX_WAIT_MS - now))
  }
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin !== database) save()
  }
  const loaded = database.then(async (db) => {
    const contents = db ? await read(db).catch(() => null) : null
    if (contents?.state && !closed) Y.applyUpdate(board, contents.state, database)
    board.on('update', onUpdate)
    return contents ?? { state: null, unsent: [] }
  })
  // Another tab deleting the database (its person logged out): stop writing into it.
  void database.then((db) => {
    if (db)
      db.onversionchange = () => {
        closed = true
        db.close()
      }
  })
  return {
    loaded,
    save,
    saveNow() {
      if (timer) clearTimeout(timer)
      void flush()
    },
    close() {
      board.off('update', onUpdate)
      // What changed in the last moment is still written before the database closes.
      const pending = timer
      if (pending) clearTimeout(pending)
      void (pending ? flush() : Promise.resolve()).then(async () => {
        closed = true
        ;(await database)?.close()
      })
    },
  }
}
