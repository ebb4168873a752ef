/**
 * The cluster-suggestion domain: which cards are clustered, and accepting a suggestion as a frame.
 *
 * Which cards: the visible cards with text that lie in no frame. In the method, clustering
 * follows the collecting phase, and each accepted suggestion moves its cards into a frame, so the
 * unframed cards are exactly the ones still to sort, whether they were written in this phase or
 * came over from the last one. The board keeps no start time of a phase (a transition stores the
 * ending phase's snapshot, not when the next began), so "written during this phase" could not be
 * decided reliably anyway. A given `phaseId` must be the current phase: a screen that missed a
 * phase change gets a conflict instead of suggestions for another phase's board.
 *
 * The text is read, clustered and answered in this process (server/clusters/suggest.ts): nothing
 * leaves the server.
 */

import { moveCard } from '../../shared/board/card-ops.ts'
import { readFacilitation } from '../../shared/board/facilitation.ts'
import { frameLayout, placeFrame } from '../../shared/board/frame-placement.ts'
import { type Frame, frameOf, readFrames, setCardFrame, setFrame } from '../../shared/board/frames.ts'
import { readCards } from '../../shared/board/schema.ts'
import { newId } from '../ids.ts'
import type { WorkshopSync } from '../sync/workshop-sync.ts'
import { type Suggestion, suggestClusters } from './suggest.ts'

/**
 * Most cards clustered at once, and the characters of each card read. Clustering runs on the
 * event loop, which also relays every room's edits: 1,000 cards of 300 characters take about a
 * second on the 2-core machine under heavy load (n² similarities, an SVD whose cost grows with
 * each card's 3-grams; docs/benchmarks.md); a card's first 300 characters carry its topic.
 */
export const MAX_CLUSTER_CARDS = 1000
export const CLUSTER_TEXT_CHARS = 300

export type ClusterSync = Pick<WorkshopSync, 'readBoard' | 'changeBoard'>

export type SuggestResult =
  | { ok: true; suggestions: Suggestion[]; cards: number }
  | { ok: false; reason: 'phase-changed' | 'too-many-cards' }

export type AcceptResult =
  | { ok: true; frame: Frame; moved: string[] }
  | { ok: false; reason: 'no-card' | 'card-hidden'; cardId: string }

export class ClusterService {
  constructor(private readonly sync: ClusterSync) {}

  async suggest(workshopId: string, phaseId?: string): Promise<SuggestResult> {
    const read = await this.sync.readBoard(workshopId, (board) => {
      if (phaseId !== undefined && readFacilitation(board).phaseId !== phaseId) return null
      const frames = readFrames(board)
      return readCards(board)
        .filter((c) => !c.hidden && c.text.trim() !== '' && frameOf(c, frames) === null)
        .map((c) => ({ id: c.id, text: c.text.slice(0, CLUSTER_TEXT_CHARS) }))
    })
    if (!read) return { ok: false, reason: 'phase-changed' }
    if (read.length > MAX_CLUSTER_CARDS) return { ok: false, reason: 'too-many-cards' }
    return { ok: true, suggestions: suggestClusters(read), cards: read.length }
  }

  /** One server transaction: the frame appears with its cards already in it. */
  accept(workshopId: string, title: string, cardIds: string[]): Promise<AcceptResult> {
    return this.sync.changeBoard(workshopId, (board): AcceptResult => {
      const cards = new Map(readCards(board).map((c) => [c.id, c]))
      for (const id of cardIds) {
        const card = cards.get(id)
        if (!card) return { ok: false, reason: 'no-card', cardId: id }
        if (card.hidden) return { ok: false, reason: 'card-hidden', cardId: id }
      }
      const moving = new Set(cardIds)
      const layout = frameLayout(cardIds.length)
      const staying = [...cards.values()].filter((c) => !moving.has(c.id))
      const spot = placeFrame(layout, readFrames(board), staying)
      const frame: Frame = { id: `cluster-${newId()}`, title, x: spot.x, y: spot.y, w: layout.w, h: layout.h }
      board.transact(() => {
        setFrame(board, frame)
        cardIds.forEach((id, i) => {
          const slot = layout.slots[i] as { dx: number; dy: number }
          moveCard(board, id, frame.x + slot.dx, frame.y + slot.dy)
          setCardFrame(board, id, frame.id)
        })
      })
      return { ok: true, frame, moved: cardIds }
    })
  }
}
