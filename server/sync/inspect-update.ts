/**
 * Reads an incoming update against the room it is meant for, before it touches that room: what
 * root types it writes and deletes in, which keys of card maps (the values of the root `notes`)
 * it writes or deletes, which cards of the room it deletes or replaces, whose text it writes,
 * and whether it adds anything at all. Where an item sits is
 * often known only from the room (an edit next to existing content names its neighbour, not its
 * parent; a deletion names only ids), so the check resolves every reference in the room's own
 * store. It also refuses what Yjs would accept but cannot integrate safely: references to content
 * that does not exist (anywhere, or later in the same client's stream), gaps that would leave
 * structs pending in the room forever, deletions of content nobody has seen, structs written as
 * the server's own client, a parent that is not a type, neighbours in different parents or the same
 * position on both sides, map values longer than one position that are not deleted, and
 * sub-documents. Whatever passes applies to the room in one transaction; the room re-encodes it
 * (its `update` event) before it is stored or sent on, so no peer ever receives the raw bytes.
 */
import * as Y from 'yjs'
import { FIELD, ROOT_NOTES } from '../../shared/board/schema.ts'

export type Inspection =
  | {
      ok: true
      /** Root types the update writes or deletes in. */
      roots: Set<string>
      /**
       * Keys of card maps (each a value of the root `notes`) the update writes, overwrites or
       * deletes, new cards' keys included. Deleting a whole card is a write to `notes` only.
       */
      cardFields: Set<string>
      /**
       * Ids of cards in the room (live entries of `notes`) the update deletes, or replaces by
       * setting a new value under the same id.
       */
      removedCards: Set<string>
      /**
       * Ids of cards whose text the update writes: inside the card's `text`, or the `text` field
       * itself set or deleted. New cards' ids too (a new card under a room card's id replaces it).
       */
      cardTexts: Set<string>
      /** False when everything in it is already in the room (an echo, a read-only handshake). */
      adds: boolean
    }
  | {
      ok: false
      error: string
      /**
       * True when the update only builds on content the room does not have yet. An honest client
       * can send that: a browser's tabs share edits with each other (BroadcastChannel), so one
       * tab's edit can build on another tab's that has not reached the server. It can be asked to resync.
       */
      missing: boolean
    }

type Struct = Y.Item | Y.GC
// biome-ignore lint/suspicious/noExplicitAny: Yjs itself types every shared type's events this way.
type YType = Y.AbstractType<Y.YEvent<any>>
/** A type items land in: one of the room, a root not created yet (its name), or one this update creates. */
type Parent = YType | string | Y.Item
/**
 * Where an item lands, or null where Yjs discards it (its neighbour or parent was garbage-collected).
 * `card`: the id of the card whose map is the parent (a value of the root `notes`), else null.
 * `text`: the id of the card whose `text` is the parent, else null.
 */
type Place = {
  parent: Parent
  sub: string | null
  root: string
  card: string | null
  text: string | null
} | null

class Refused extends Error {}
/** The update refers to content that neither the room nor the update has. */
class Missing extends Refused {}

export function inspectUpdate(doc: Y.Doc, update: Uint8Array): Inspection {
  try {
    return new Inspector(doc).run(update)
  } catch (err) {
    return {
      ok: false,
      error: err instanceof Error ? err.message : String(err),
      missing: err instanceof Missing,
    }
  }
}

class Inspector {
  /** The update's structs by client, in clock order without gaps. */
  private readonly incoming = new Map<number, Struct[]>()
  private readonly places = new Map<Y.Item, Place>()
  private readonly resolving = new Set<Y.Item>()
  private readonly roots = new Set<string>()
  private readonly cardFields = new Set<string>()
  private readonly removedCards = new Set<string>()
  private readonly cardTexts = new Set<string>()
  private deletions: ReturnType<typeof Y.decodeUpdate>['ds'] | null = null
  /** This update's deleted ranges by client, sorted by clock; filled on first use. */
  private readonly sortedDeletions = new Map<number, { clock: number; len: number }[]>()
  private adds = false

  constructor(private readonly doc: Y.Doc) {}

  run(update: Uint8Array): Inspection {
    const { structs, ds } = Y.decodeUpdate(update)
    let section: Struct[] | null = null
    for (const struct of structs) {
      if (!(struct instanceof Y.Item || struct instanceof Y.GC)) throw new Refused('update has gaps')
      const client = struct.id.client
      if (section === null || section[0]?.id.client !== client) {
        // Yjs keeps only the last section of a client listed twice: what it applies must be what we read.
        if (this.incoming.has(client)) throw new Refused(`client ${client} listed twice`)
        section = []
        this.incoming.set(client, section)
      }
      const previous = section.at(-1)
      if (previous && previous.id.clock + previous.length !== struct.id.clock)
        throw new Refused('structs out of order')
      section.push(struct)
    }
    this.deletions = ds
    for (const [client, list] of this.incoming) this.checkClient(client, list)
    for (const [client, ranges] of ds.clients) {
      for (const { clock, len } of ranges) this.checkDeletion(client, clock, len)
    }
    return {
      ok: true,
      roots: this.roots,
      cardFields: this.cardFields,
      removedCards: this.removedCards,
      cardTexts: this.cardTexts,
      adds: this.adds,
    }
  }

  private checkClient(client: number, list: Struct[]): void {
    const known = Y.getState(this.doc.store, client)
    const first = list[0] as Struct
    if (first.id.clock > known) throw new Missing(`update needs content of client ${client} not yet here`)
    for (const struct of list) {
      if (struct.id.clock + struct.length <= known) {
        // Yjs skips what it has, but only after looking up its references: they must exist too.
        if (struct instanceof Y.Item) this.references(struct)
        continue
      }
      if (client === this.doc.clientID) throw new Refused('structs written as the server')
      this.adds = true
      if (!(struct instanceof Y.Item)) continue
      const place = this.placeOf(struct)
      if (struct.id.clock < known) {
        // Yjs puts the new part of a partly known item next to the stored part: both must be in one place.
        const before = this.stored(Y.createID(client, known - 1))
        const beside = before instanceof Y.Item ? this.placeOfStored(before) : null
        if (!samePlace(place, beside)) throw new Refused('continues stored content elsewhere')
      }
      // A map value of more than one position holds older values left of the current one: Yjs
      // expects those deleted (honest merges of overwritten values are), or it cannot collect them.
      if (place?.sub != null && struct.length > 1 && !this.deletedHere(struct))
        throw new Refused('map value longer than one, not deleted')
      if (place) {
        this.roots.add(place.root)
        this.noteWrite(place)
        // A value under a card id the room holds replaces that card (or, set concurrently, loses).
        if (place.root === ROOT_NOTES && place.sub !== null && this.isLiveCard(place.parent, place.sub))
          this.removedCards.add(place.sub)
      }
    }
  }

  /** Records a write or deletion at `place` in a card's map or text. */
  private noteWrite(place: NonNullable<Place>): void {
    if (place.card !== null && place.sub !== null) {
      this.cardFields.add(place.sub)
      if (place.sub === FIELD.text) this.cardTexts.add(place.card)
    } else if (place.text !== null) this.cardTexts.add(place.text)
  }

  /** True when the room's root `parent` (resolved) holds a live value under `key`. */
  private isLiveCard(parent: Parent, key: string): boolean {
    if (!(parent instanceof Y.AbstractType) || parent._item !== null) return false
    const current = parent._map.get(key)
    return current !== undefined && !current.deleted
  }

  /** True when this update's own delete set covers all of `struct`. */
  private deletedHere(struct: Y.Item): boolean {
    return this.covered(struct.id.client, struct.id.clock, struct.id.clock + struct.length)
  }

  /** True when this update's own delete set covers the clocks [at, end) of `client`. */
  private covered(client: number, at: number, end: number): boolean {
    let ranges = this.sortedDeletions.get(client)
    if (!ranges) {
      ranges = [...(this.deletions?.clients.get(client) ?? [])].sort((a, b) => a.clock - b.clock)
      this.sortedDeletions.set(client, ranges)
    }
    for (const range of ranges) {
      if (range.clock > at) break
      at = Math.max(at, range.clock + range.len)
      if (at >= end) return true
    }
    return false
  }

  /** Deletions may name only content the room has or this update brings. */
  private checkDeletion(client: number, clock: number, len: number): void {
    const end = clock + len
    const known = Y.getState(this.doc.store, client)
    const stored = this.doc.store.clients.get(client)
    if (stored && clock < known) {
      for (let i = Y.findIndexSS(stored, clock); i < stored.length; i++) {
        const struct = stored[i] as Struct
        if (struct.id.clock >= end) break
        if (struct instanceof Y.Item && !struct.deleted) {
          this.adds = true
          const place = this.placeOfStored(struct)
          if (!place) throw new Refused('deletes content outside any type')
          this.roots.add(place.root)
          if (place.card === null) {
            // A stored value of `notes` not yet deleted is the card under that id.
            if (place.root === ROOT_NOTES && place.sub !== null && isRoot(place.parent))
              this.removedCards.add(place.sub)
            if (place.text !== null) this.cardTexts.add(place.text)
          } else if (!this.cardGoes(place.parent)) this.noteWrite(place)
        }
      }
    }
    for (let at = Math.max(clock, known); at < end; ) {
      const struct = this.incomingAt(client, at)
      if (!struct) throw new Missing('deletes content nobody has')
      this.adds = true
      at = struct.id.clock + struct.length
    }
  }

  /**
   * True when a stored card map is deleted already or by this update: deleting a card deletes
   * its fields too, and that is a deletion in `notes`, not of the fields.
   */
  private cardGoes(card: Parent): boolean {
    const holder = card instanceof Y.AbstractType ? card._item : null
    if (!holder) return false
    return holder.deleted || this.covered(holder.id.client, holder.id.clock, holder.id.clock + 1)
  }

  private stored(id: Y.ID): Struct {
    const structs = this.doc.store.clients.get(id.client) as Struct[]
    return structs[Y.findIndexSS(structs, id.clock)] as Struct
  }

  private incomingAt(client: number, clock: number): Struct | null {
    const list = this.incoming.get(client)
    if (!list) return null
    let low = 0
    let high = list.length - 1
    while (low <= high) {
      const mid = (low + high) >> 1
      const struct = list[mid] as Struct
      if (clock < struct.id.clock) high = mid - 1
      else if (clock >= struct.id.clock + struct.length) low = mid + 1
      else return struct
    }
    return null
  }

  private isIncoming(struct: Struct): boolean {
    return struct.id.clock + struct.length > Y.getState(this.doc.store, struct.id.client)
  }

  /**
   * A struct an item refers to (parent, left or right neighbour): it must exist in the room or in
   * this update, and from the item's own client only earlier in its stream (Yjs does not look).
   */
  private reference(item: Y.Item, id: Y.ID): Struct {
    if (id.client === item.id.client && id.clock >= item.id.clock)
      throw new Refused('reference ahead of itself')
    if (id.clock < Y.getState(this.doc.store, id.client)) return this.stored(id)
    const struct = this.incomingAt(id.client, id.clock)
    if (!struct) throw new Missing(`reference to missing content of client ${id.client}`)
    return struct
  }

  private references(item: Y.Item): Struct[] {
    const { parent, origin, rightOrigin } = item
    if (parent instanceof Y.ID) return [this.reference(item, parent)]
    const refs: Struct[] = []
    if (origin) refs.push(this.reference(item, origin))
    if (rightOrigin) refs.push(this.reference(item, rightOrigin))
    return refs
  }

  /**
   * Where an incoming item lands. Items of one update refer to each other in chains as long as
   * the update (a list typed one entry at a time), so this walks them with a stack, not recursion.
   */
  private placeOf(start: Y.Item): Place {
    const stack: Y.Item[] = [start]
    while (stack.length > 0) {
      const item = stack[stack.length - 1] as Y.Item
      if (this.places.has(item)) {
        stack.pop()
        continue
      }
      const unresolved = this.references(item).filter(
        (ref): ref is Y.Item => ref instanceof Y.Item && this.isIncoming(ref) && !this.places.has(ref),
      )
      if (unresolved.length === 0) {
        this.places.set(item, this.resolve(item))
        this.resolving.delete(item)
        stack.pop()
        continue
      }
      // Back at an item whose references are still open: they lead back to it.
      if (this.resolving.has(item)) throw new Refused('circular references')
      this.resolving.add(item)
      stack.push(...unresolved)
    }
    return this.places.get(start) ?? null
  }

  /** Resolves one item whose references are resolved, as Yjs will when integrating it. */
  private resolve(item: Y.Item): Place {
    if (item.content instanceof Y.ContentDoc) throw new Refused('sub-documents are not accepted')
    const { parent } = item
    if (typeof parent === 'string')
      return {
        parent: this.doc.share.get(parent) ?? parent,
        sub: item.parentSub,
        root: parent,
        card: null,
        text: null,
      }
    const [first, second] = this.references(item)
    if (parent instanceof Y.ID) {
      const holder = first as Struct
      if (holder instanceof Y.GC) return null
      if (!(holder.content instanceof Y.ContentType)) {
        // A type deleted and collected meanwhile leaves its holder empty; Yjs discards the item.
        if (holder.deleted) return null
        throw new Refused('parent is not a type')
      }
      const place = this.placeOfItem(holder)
      if (!place) return null
      const type = this.isIncoming(holder) ? holder : holder.content.type
      // The holder is a value of the root `notes`: the item is a field of a card.
      const card = place.root === ROOT_NOTES && place.sub !== null && isRoot(place.parent) ? place.sub : null
      // The holder is a card's `text`: the item is part of that card's text.
      const text = place.card !== null && place.sub === FIELD.text ? place.card : null
      return { parent: type, sub: item.parentSub, root: place.root, card, text }
    }
    if (item.origin && item.rightOrigin && Y.compareIDs(item.origin, item.rightOrigin))
      throw new Refused('an item between the same neighbour on both sides')
    const left = item.origin ? (first as Struct) : null
    const right = item.rightOrigin ? ((item.origin ? second : first) as Struct) : null
    if (left instanceof Y.GC || right instanceof Y.GC) return null
    const leftPlace = left ? this.placeOfItem(left) : null
    const rightPlace = right ? this.placeOfItem(right) : null
    if (left && right && !samePlace(leftPlace, rightPlace)) throw new Refused('neighbours in different types')
    return leftPlace ?? rightPlace
  }

  private placeOfItem(item: Y.Item): Place {
    return this.isIncoming(item) ? (this.places.get(item) ?? null) : this.placeOfStored(item)
  }

  private placeOfStored(item: Y.Item): Place {
    const parent = item.parent
    if (!(parent instanceof Y.AbstractType)) return null
    const root = rootKey(parent)
    const holder = parent._item
    let card: string | null = null
    let text: string | null = null
    if (root === ROOT_NOTES && holder !== null && holder.parent instanceof Y.AbstractType) {
      const above = holder.parent._item
      if (above === null) card = holder.parentSub
      else if (
        holder.parentSub === FIELD.text &&
        above.parent instanceof Y.AbstractType &&
        above.parent._item === null
      )
        text = above.parentSub
    }
    return { parent, sub: item.parentSub, root, card, text }
  }
}

function isRoot(parent: Parent): boolean {
  return typeof parent === 'string' || (parent instanceof Y.AbstractType && parent._item === null)
}

function samePlace(a: Place, b: Place): boolean {
  if (a === null || b === null) return a === b
  return a.parent === b.parent && a.sub === b.sub
}

function rootKey(type: YType): string {
  let current = type
  while (current._item !== null) {
    const parent = current._item.parent
    if (!(parent instanceof Y.AbstractType)) throw new Refused('type outside any root')
    current = parent
  }
  return Y.findRootTypeKey(current)
}
