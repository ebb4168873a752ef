/**
 * The canvas tools of one screen: multi-select (shift/ctrl-click, lasso, Space), group move,
 * recolour and delete of the selection, undo and redo of one's own changes, the delete toast,
 * search with jump-to-card, and the pointer gestures and keyboard shortcuts that drive them.
 * Cards and the canvas get a model whose move and remove act on the whole selection.
 */
import { createEffect, createSignal, onCleanup } from 'solid-js'
import type { CardColor } from '../../../shared/board/schema.ts'
import type { BoardModel, CardView } from './board-model.ts'
import { cardsInRect, createSelection, groupMoves, type Rect } from './selection.ts'
import { createUndo, type Undo } from './undo.ts'
import type { Viewport } from './viewport.ts'

/** How long the "deleted — undo" toast stays. */
export const TOAST_MS = 8000
/** A press that moves less than this (px) is a click, not a drag. */
const CLICK_SLOP = 4

export interface Toast {
  count: number
  /** The undo step that brings the cards back; null when they cannot come back by undo. */
  step: unknown
}

const isTextField = (el: Element | null) =>
  !!el && (el.matches('input, textarea, select, [contenteditable]') || !!el.closest('[contenteditable]'))

export function createCanvasTools(model: BoardModel, viewport: Viewport) {
  const selection = createSelection()
  const undo: Undo | null = model.target
    ? createUndo(model.target, model.isFacilitator ? 'board' : 'desk')
    : null
  onCleanup(() => undo?.destroy())
  const [selectMode, setSelectMode] = createSignal(false)
  const [lasso, setLasso] = createSignal<Rect | null>(null)
  const [toast, setToast] = createSignal<Toast | null>(null)
  const [confirming, setConfirming] = createSignal<string[] | null>(null)
  const [searchOpen, setSearchOpen] = createSignal(false)
  let toastTimer: ReturnType<typeof setTimeout> | undefined
  onCleanup(() => clearTimeout(toastTimer))

  const byId = (id: string) => model.cards.find((c) => c.id === id)
  const selectedCards = () => [...selection.ids()].map(byId).filter((c): c is CardView => !!c)
  // Cards that leave the board (deleted, here or elsewhere) leave the selection.
  createEffect(() => selection.keep(new Set(model.cards.map((c) => c.id))))

  /** Where the selection was when the current drag began: the group moves from there. */
  let dragBase: Map<string, { x: number; y: number }> | null = null
  const baseOf = (cards: CardView[]) => new Map(cards.map((c) => [c.id, { x: c.x, y: c.y }]))

  const move = (id: string, x: number, y: number) => {
    if (!selection.has(id) || selection.ids().size < 2) return model.move(id, x, y)
    const base = dragBase ?? baseOf(selectedCards().filter((c) => model.canMove(c)))
    model.moveAll(groupMoves(base, id, x, y))
  }

  const deleteNow = (ids: string[]) => {
    const cards = ids.map(byId).filter((c): c is CardView => !!c && model.canDelete(c))
    if (cards.length === 0) return
    undo?.boundary()
    const before = undo?.top() ?? null
    model.removeAll(cards.map((c) => c.id))
    const after = undo?.top() ?? null
    undo?.boundary()
    clearTimeout(toastTimer)
    setToast({ count: cards.length, step: after !== before ? after : null })
    toastTimer = setTimeout(() => setToast(null), TOAST_MS)
  }
  /** Deletes cards; more than one only after the person confirms. */
  const requestDelete = (ids: string[]) => {
    const deletable = ids.filter((id) => {
      const c = byId(id)
      return !!c && model.canDelete(c)
    })
    if (deletable.length > 1) setConfirming(deletable)
    else deleteNow(deletable)
  }
  const remove = (id: string) =>
    selection.has(id) && selection.ids().size > 1 ? requestDelete([...selection.ids()]) : deleteNow([id])

  const recolorSelection = (color: CardColor) => {
    const ids = selectedCards()
      .filter((c) => model.canEdit(c))
      .map((c) => c.id)
    if (ids.length === 0) return
    undo?.boundary()
    model.recolorAll(ids, color)
    undo?.boundary()
  }

  const undoToast = () => {
    const t = toast()
    if (t?.step) undo?.undoStep(t.step)
    clearTimeout(toastTimer)
    setToast(null)
  }

  /** Centres the view on the card (at a readable zoom) and gives it the keyboard focus. */
  const jumpTo = (card: CardView, canvas: HTMLElement | null) => {
    const { width, height } = viewport.size()
    const scale = viewport.view().scale < 0.5 ? 1 : viewport.view().scale
    viewport.centreOn(card.x + 90, card.y + 60, scale, width, height)
    requestAnimationFrame(() =>
      canvas
        ?.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(card.id)}"]`)
        ?.focus({ preventScroll: true }),
    )
  }

  /** A model for the canvas's cards: moving or deleting a selected card acts on the selection. */
  const canvasModel: BoardModel = Object.assign(Object.create(model) as BoardModel, { move, remove })

  /** Pointer gestures on the canvas element (capture phase: before the cards' own handlers). */
  const attach = (canvas: HTMLElement) => {
    let press: { id: number; x: number; y: number; background: boolean } | null = null
    let lassoFrom: { pointerId: number; x: number; y: number } | null = null
    const local = (e: PointerEvent) => {
      const r = canvas.getBoundingClientRect()
      return { x: e.clientX - r.left, y: e.clientY - r.top }
    }
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0) return
      const target = e.target as HTMLElement
      if (target.closest('.canvas-tools, button, textarea, select, input, a')) return
      const card = target.closest<HTMLElement>('.card[data-card-id]')
      const additive = e.shiftKey || e.ctrlKey || e.metaKey
      if (card) {
        const id = card.dataset.cardId as string
        if (additive) {
          e.preventDefault()
          e.stopPropagation()
          selection.toggle(id)
          card.focus({ preventScroll: true })
          return
        }
        // No text selection from a press on a card, also one this person may not move; the
        // focus still goes to the card, as a click would have put it there.
        e.preventDefault()
        if (!card.contains(document.activeElement)) card.focus({ preventScroll: true })
        if (!selection.has(id)) selection.clear()
        else dragBase = baseOf(selectedCards().filter((c) => model.canMove(c)))
        undo?.boundary()
        undo?.hold(true)
        document.body.classList.add('canvas-dragging')
        return
      }
      const background = target === canvas || target.matches('.canvas-layer, .frame')
      if (!background) return
      document.body.classList.add('canvas-dragging')
      if (e.shiftKey || selectMode()) {
        e.preventDefault()
        e.stopPropagation()
        canvas.setPointerCapture(e.pointerId)
        const p = local(e)
        lassoFrom = { pointerId: e.pointerId, ...p }
        setLasso({ x1: p.x, y1: p.y, x2: p.x, y2: p.y })
        return
      }
      press = { id: e.pointerId, x: e.clientX, y: e.clientY, background: true }
    }
    const onMove = (e: PointerEvent) => {
      if (!lassoFrom || lassoFrom.pointerId !== e.pointerId) return
      const p = local(e)
      setLasso({ x1: lassoFrom.x, y1: lassoFrom.y, x2: p.x, y2: p.y })
    }
    const onUp = (e: PointerEvent) => {
      document.body.classList.remove('canvas-dragging')
      if (dragBase || undo) {
        dragBase = null
        undo?.hold(false)
      }
      const rect = lasso()
      if (lassoFrom && lassoFrom.pointerId === e.pointerId && rect) {
        lassoFrom = null
        setLasso(null)
        const a = viewport.toCanvas(rect.x1, rect.y1)
        const b = viewport.toCanvas(rect.x2, rect.y2)
        selection.set(cardsInRect(model.cards, { x1: a.x, y1: a.y, x2: b.x, y2: b.y }), e.shiftKey)
        return
      }
      // A click (not a pan) on the empty canvas lets go of the selection.
      if (press?.background && Math.hypot(e.clientX - press.x, e.clientY - press.y) < CLICK_SLOP)
        selection.clear()
      press = null
    }
    // Chrome still starts a text selection after a cancelled pointerdown: refuse it during drags.
    const onSelectStart = (e: Event) => {
      if (document.body.classList.contains('canvas-dragging')) e.preventDefault()
    }
    // Each key command on a card (a step of a move, a delete) and each editing session is one undo step.
    const onCommand = (e: Event) => {
      if ((e.target as HTMLElement).matches('.card[data-card-id], .card-input')) undo?.boundary()
    }
    // (The canvas element's own scroll is kept at 0 by canvas-focus.ts.)
    document.addEventListener('selectstart', onSelectStart)
    canvas.addEventListener('keydown', onCommand, true)
    canvas.addEventListener('focusin', onCommand)
    canvas.addEventListener('pointerdown', onDown, true)
    canvas.addEventListener('pointermove', onMove)
    window.addEventListener('pointerup', onUp)
    window.addEventListener('pointercancel', onUp)
    const onKey = (e: KeyboardEvent) => onKeyDown(e, canvas)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('selectstart', onSelectStart)
      canvas.removeEventListener('keydown', onCommand, true)
      canvas.removeEventListener('focusin', onCommand)
      canvas.removeEventListener('pointerdown', onDown, true)
      canvas.removeEventListener('pointermove', onMove)
      window.removeEventListener('pointerup', onUp)
      window.removeEventListener('pointercancel', onUp)
      document.removeEventListener('keydown', onKey)
      document.body.classList.remove('canvas-dragging')
    }
  }

  const onKeyDown = (e: KeyboardEvent, canvas: HTMLElement) => {
    if (e.defaultPrevented) return
    const active = document.activeElement
    const mod = e.ctrlKey || e.metaKey
    const key = e.key.toLowerCase()
    if (mod && !e.altKey && (key === 'z' || key === 'y')) {
      if (isTextField(active) || !undo) return
      e.preventDefault()
      if (key === 'y' || e.shiftKey) undo.redo()
      else undo.undo()
      return
    }
    if (mod && !e.altKey && key === 'f') {
      // The board's own search, when the board (not another page part or a dialog) has the focus.
      if (active && active !== document.body && !active.closest('.board-page')) return
      e.preventDefault()
      setSearchOpen(true)
      return
    }
    if (e.key === ' ' && !mod && active instanceof HTMLElement && active.matches('.card[data-card-id]')) {
      if (!canvas.contains(active) || e.target !== active) return
      e.preventDefault()
      selection.toggle(active.dataset.cardId as string)
      return
    }
    if (e.key === 'Escape' && selection.ids().size > 0 && !isTextField(active) && !searchOpen()) {
      selection.clear()
    }
  }

  return {
    model: canvasModel,
    selection,
    selectedCards,
    undo,
    selectMode,
    setSelectMode,
    lasso,
    toast,
    undoToast,
    confirming,
    setConfirming,
    deleteNow,
    requestDelete,
    recolorSelection,
    searchOpen,
    setSearchOpen,
    jumpTo,
    attach,
  }
}

export type CanvasTools = ReturnType<typeof createCanvasTools>
