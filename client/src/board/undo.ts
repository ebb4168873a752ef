/**
 * Per-person undo and redo: a Y.UndoManager on the document this screen writes (the board for a
 * facilitator, the desk for everyone else), tracking only transactions of this screen's own origin
 * (LOCAL_ORIGIN, set by the board model). Remote changes (other people, the server, other tabs) are
 * never tracked, so undo never takes back what someone else did.
 *
 * Undoing a deletion brings the deleted card's own fields back. A board card also carries fields
 * only the server writes (author, group, edit record); a client that wrote them back would be
 * refused, so those are left out of every undo step and the server stamps them again.
 */
import { type Accessor, createSignal } from 'solid-js'
import * as Y from 'yjs'
import { movesOf, notesOf } from '../../../shared/board/schema.ts'
import { DESK_CARD_FIELDS, SERVER_CARD_FIELDS } from '../../../shared/policy/board-registry.ts'

/** The origin of this screen's own card changes: what undo tracks. */
export const LOCAL_ORIGIN: unique symbol = Symbol('local card change')

/** Changes within this time join one undo step (a burst of typing). */
const CAPTURE_MS = 500

export interface Undo {
  canUndo: Accessor<boolean>
  canRedo: Accessor<boolean>
  undo(): void
  redo(): void
  /** The next change starts a new undo step (a gesture or command begins). */
  boundary(): void
  /** While held (a drag), every change joins the current step, however slow the hand. */
  hold(on: boolean): void
  /** The newest undo step, to be undone later only while it is still the newest. */
  top(): unknown
  /** Undoes `step` if it is still the newest; false otherwise. */
  undoStep(step: unknown): boolean
  destroy(): void
}

type Ranges = Map<number, { clock: number; len: number }[]>
type DeleteSet = ReturnType<typeof Y.createDeleteSet>
// biome-ignore lint/suspicious/noExplicitAny: Yjs types its shared types' events this way.
type AnyType = Y.AbstractType<any>

/**
 * A copy of `ds` without the items that are card fields this screen may not write (`keep` says
 * which it may). The transaction's own delete set is left alone: Yjs still encodes it.
 */
function withoutForeignFields(doc: Y.Doc, ds: DeleteSet, notes: AnyType, keep: (f: string) => boolean) {
  const foreign = (struct: Y.Item | Y.GC) => {
    if (!(struct instanceof Y.Item) || struct.parentSub === null || keep(struct.parentSub)) return false
    const parent = struct.parent
    return parent instanceof Y.Map && parent._item?.parent === notes
  }
  const next = Y.createDeleteSet()
  const clients = next.clients as unknown as Ranges
  for (const [client, ranges] of ds.clients as unknown as Ranges) {
    const structs = doc.store.clients.get(client)
    const out: { clock: number; len: number }[] = []
    for (const { clock, len } of ranges) {
      const end = clock + len
      let cursor = clock
      if (structs) {
        for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
          const struct = structs[i] as Y.Item | Y.GC
          if (struct.id.clock >= end) break
          if (!foreign(struct)) continue
          const from = Math.max(struct.id.clock, clock)
          if (from > cursor) out.push({ clock: cursor, len: from - cursor })
          cursor = Math.min(struct.id.clock + struct.length, end)
        }
      }
      if (end > cursor) out.push({ clock: cursor, len: end - cursor })
    }
    if (out.length > 0) clients.set(client, out)
  }
  return next
}

export function createUndo(doc: Y.Doc, kind: 'board' | 'desk'): Undo {
  const notes = notesOf(doc)
  const scope: AnyType[] = kind === 'desk' ? [notes, movesOf(doc)] : [notes]
  const manager = new Y.UndoManager(scope, {
    trackedOrigins: new Set([LOCAL_ORIGIN]),
    captureTimeout: CAPTURE_MS,
  })
  const keep =
    kind === 'board' ? (f: string) => !SERVER_CARD_FIELDS.has(f) : (f: string) => DESK_CARD_FIELDS.has(f)
  const [canUndo, setCanUndo] = createSignal(false)
  const [canRedo, setCanRedo] = createSignal(false)
  const refresh = () => {
    setCanUndo(manager.undoStack.length > 0)
    setCanRedo(manager.redoStack.length > 0)
  }
  const strip = (event: { stackItem: { deletions: DeleteSet } }) => {
    event.stackItem.deletions = withoutForeignFields(doc, event.stackItem.deletions, notes, keep)
    refresh()
  }
  manager.on('stack-item-added', strip)
  manager.on('stack-item-updated', strip)
  manager.on('stack-item-popped', refresh)
  manager.on('stack-cleared', refresh)

  return {
    canUndo,
    canRedo,
    undo: () => {
      manager.stopCapturing()
      manager.undo()
      refresh()
    },
    redo: () => {
      manager.stopCapturing()
      manager.redo()
      refresh()
    },
    boundary: () => manager.stopCapturing(),
    hold(on) {
      manager.captureTimeout = on ? Number.POSITIVE_INFINITY : CAPTURE_MS
      if (!on) manager.stopCapturing()
    },
    top: () => manager.undoStack.at(-1) ?? null,
    undoStep(step) {
      if (step === null || manager.undoStack.at(-1) !== step) return false
      manager.stopCapturing()
      manager.undo()
      refresh()
      return true
    },
    destroy: () => manager.destroy(),
  }
}
