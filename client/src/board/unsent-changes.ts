/**
 * What this person changed while not connected, until the server has it: a key per changed
 * entry of a root of the document they write (`notes:<cardId>`, `moves:<cardId>`,
 * `frames:<id>`, …). Only their own edits count (local transactions); what arrives from the
 * server or from the browser's copies never does. Once the connection is back and synced, the
 * provider has sent it all, and the list empties.
 */
import { type Accessor, createContext, createSignal, useContext } from 'solid-js'
import * as Y from 'yjs'
import { ROOT_MOVES, ROOT_NOTES } from '../../../shared/board/schema.ts'

// biome-ignore lint/suspicious/noExplicitAny: Yjs types carry their event type; any root or nested map or text will do here.
type AnyType = Y.AbstractType<any>

export interface UnsentChanges {
  keys: Accessor<readonly string[]>
  /** Cards with unsent changes (their text, place or colour, or the card itself). */
  cards: Accessor<ReadonlySet<string>>
  /** Keys kept from an earlier visit (an offline reload). */
  restore(keys: readonly string[]): void
  /** The server has everything (connected and synced). */
  clear(): void
  destroy(): void
}

/** Root name → the root types, for finding which root a change lies in. */
function rootNames(doc: Y.Doc): Map<AnyType, string> {
  const names = new Map<AnyType, string>()
  doc.share.forEach((type, name) => {
    names.set(type, name)
  })
  return names
}

/** The root and the key in it under which `type` lies (itself a root, or nested below one). */
function entryOf(type: AnyType, roots: Map<AnyType, string>): { root: string; key: string } | null {
  let child = type
  for (;;) {
    const parent = child._item?.parent
    if (!(parent instanceof Y.AbstractType)) return null
    const root = roots.get(parent)
    if (root !== undefined) {
      const key = child._item?.parentSub
      return key ? { root, key } : null
    }
    child = parent
  }
}

/** `synced`: the server has all this person's edits so far; `onChange`: the keys changed. */
export function trackUnsentChanges(doc: Y.Doc, synced: () => boolean, onChange: () => void): UnsentChanges {
  const [keys, setKeys] = createSignal<readonly string[]>([])
  const onTransaction = (tr: Y.Transaction) => {
    if (!tr.local || synced()) return
    const roots = rootNames(doc)
    const changed = new Set(keys())
    const before = changed.size
    tr.changed.forEach((entries, type) => {
      const root = roots.get(type)
      if (root !== undefined) {
        for (const key of entries) if (key !== null) changed.add(`${root}:${key}`)
        return
      }
      const entry = entryOf(type, roots)
      if (entry) changed.add(`${entry.root}:${entry.key}`)
    })
    if (changed.size !== before) {
      setKeys([...changed])
      onChange()
    }
  }
  doc.on('afterTransaction', onTransaction)
  const cardRoots = [ROOT_NOTES, ROOT_MOVES]
  return {
    keys,
    cards: () => {
      const ids = new Set<string>()
      for (const key of keys()) {
        const [root, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]
        if (cardRoots.includes(root)) ids.add(id)
      }
      return ids
    },
    restore(kept) {
      if (kept.length > 0) {
        setKeys([...new Set([...keys(), ...kept])])
        onChange()
      }
    },
    clear() {
      if (keys().length > 0) {
        setKeys([])
        onChange()
      }
    },
    destroy() {
      doc.off('afterTransaction', onTransaction)
    },
  }
}

/** The board page's unsent changes, for the cards to mark themselves. */
export const UnsentContext = createContext<UnsentChanges | null>(null)
export const useUnsentChanges = () => useContext(UnsentContext)
