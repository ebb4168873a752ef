/**
 * One card on the canvas: drag to move, edit text, recolour, delete, all by keyboard too.
 * A card is a composite widget (a focusable group holding its own controls), which is why
 * biome.json allows tabIndex on its group element here.
 */
import { createEffect, createSignal, For, type JSX, onMount, Show, untrack } from 'solid-js'
import { setSpotlight } from '../../../shared/board/facilitation.ts'
import { frameOf } from '../../../shared/board/frames.ts'
import { CARD_COLORS, type CardColor } from '../../../shared/board/schema.ts'
import { type Group, isRole } from '../../../shared/policy/roles.ts'
import { api } from '../api/http.ts'
import { messageOf } from '../components/ErrorMessage.tsx'
import { t } from '../i18n/i18n.ts'
import type { BoardModel, CardView } from './board-model.ts'
import { CardEditorSheet } from './CardEditorSheet.tsx'
import { CardProvenance } from './CardProvenance.tsx'
import { CardStatusBadges, RECORDS, showsStatus, statusText } from './CardStatusBadges.tsx'
import { ConnectHandle } from './ConnectHandle.tsx'
import { useUnsentChanges } from './unsent-changes.ts'
import type { Viewport } from './viewport.ts'
import type { Voting } from './voting.ts'

const KEY_STEP = 20

export function CardItem(props: {
  card: CardView
  model: BoardModel
  viewport: Viewport
  voting?: Voting
  /** The canvas's one tab stop (canvas-focus.ts); the others are reached by arrow keys. */
  tabStop?: boolean
  /** Part of this person's multi-selection. */
  selected?: boolean
}): JSX.Element {
  const [editing, setEditing] = createSignal(false)
  let textarea: HTMLTextAreaElement | undefined
  const editable = () => props.model.canEdit(props.card)
  const deletable = () => props.model.canDelete(props.card)
  const movable = () => props.model.canMove(props.card)

  // Keep the textarea in step with remote edits, but never under the writer's cursor.
  createEffect(() => {
    const text = props.card.text
    if (textarea && document.activeElement !== textarea && textarea.value !== text) textarea.value = text
  })

  let drag: { pointerId: number; startX: number; startY: number; cardX: number; cardY: number } | null = null
  let frame = 0
  let pending: { x: number; y: number } | null = null
  // Where this screen is dragging the card to: shown at once, until the board agrees.
  const [localPos, setLocalPos] = createSignal<{ x: number; y: number } | null>(null)
  const [dragging, setDragging] = createSignal(false)
  let releaseTimer: ReturnType<typeof setTimeout> | undefined
  createEffect(() => {
    const pos = localPos()
    if (pos && !dragging() && props.card.x === pos.x && props.card.y === pos.y) setLocalPos(null)
  })
  const position = () => localPos() ?? { x: props.card.x, y: props.card.y }

  const onPointerDown = (event: PointerEvent) => {
    if (!movable() || editing() || event.button !== 0) return
    if ((event.target as HTMLElement).closest('button, textarea, select')) return
    event.stopPropagation()
    // No text selection while dragging; keep keyboard focus on the card being moved.
    event.preventDefault()
    const element = event.currentTarget as HTMLElement
    element.focus({ preventScroll: true })
    element.setPointerCapture(event.pointerId)
    setDragging(true)
    drag = {
      pointerId: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      cardX: props.card.x,
      cardY: props.card.y,
    }
  }
  const onPointerMove = (event: PointerEvent) => {
    if (!drag || drag.pointerId !== event.pointerId) return
    const scale = props.viewport.view().scale
    pending = {
      x: Math.round(drag.cardX + (event.clientX - drag.startX) / scale),
      y: Math.round(drag.cardY + (event.clientY - drag.startY) / scale),
    }
    setLocalPos(pending)
    if (!frame) {
      frame = requestAnimationFrame(() => {
        frame = 0
        if (pending) props.model.move(props.card.id, pending.x, pending.y)
      })
    }
  }
  const onPointerUp = (event: PointerEvent) => {
    if (!drag || drag.pointerId !== event.pointerId) return
    drag = null
    setDragging(false)
    if (pending) props.model.move(props.card.id, pending.x, pending.y)
    pending = null
    // If the board never confirms (refused, offline), fall back to what the board says.
    clearTimeout(releaseTimer)
    releaseTimer = setTimeout(() => setLocalPos(null), 3000)
  }

  // Controls inside a card are tab stops only while the card is the canvas's tab stop.
  const innerTabIndex = () => (props.tabStop === false ? -1 : 0)
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return
    // Plain arrows move the focus between cards (canvas-focus.ts); with Shift they move the card.
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-KEY_STEP, 0],
      ArrowRight: [KEY_STEP, 0],
      ArrowUp: [0, -KEY_STEP],
      ArrowDown: [0, KEY_STEP],
    }
    const delta = event.shiftKey && movable() ? moves[event.key] : undefined
    if (delta) {
      event.preventDefault()
      props.model.move(props.card.id, props.card.x + delta[0], props.card.y + delta[1])
    } else if (event.key === 'Enter' && editable()) {
      event.preventDefault()
      startEditing()
    } else if (event.key === 'Delete' && deletable()) {
      event.preventDefault()
      removeCard()
    }
  }

  let element: HTMLDivElement | undefined
  // The card leaves the canvas with its focus: hand it to a neighbouring card (or the page's
  // main region) so a keyboard user is not dropped back to the top of the page.
  const removeCard = () => {
    const cards = [...document.querySelectorAll<HTMLElement>('.canvas .card')]
    const at = element ? cards.indexOf(element) : -1
    const neighbour = at >= 0 ? (cards[at + 1] ?? cards[at - 1]) : undefined
    props.model.remove(props.card.id)
    ;(neighbour ?? document.getElementById('main'))?.focus({ preventScroll: true })
  }

  // The control that opened this new card's editor ("Karte hinzufügen"): focus goes back there.
  let opener: HTMLElement | null = null
  const startEditing = () => {
    setEditing(true)
    // The card was placed in view: focusing must not scroll the canvas element itself.
    queueMicrotask(() => textarea?.focus({ preventScroll: true }))
  }
  /** `returnFocus`: closed by Escape or "Fertig", not by focus moving elsewhere. */
  const stopEditing = (returnFocus: boolean) => {
    if (!editing()) return
    const dropped = props.model.settle(props.card.id, textarea?.value ?? props.card.text)
    setEditing(false)
    // Only the editor a new card opened with goes back to its opener; later ones to the card.
    const from = opener
    opener = null
    if (!returnFocus) return
    const back = from?.isConnected ? from : dropped ? document.getElementById('main') : element
    back?.focus({ preventScroll: true })
  }
  onMount(() => {
    // Only a new (empty) card opens: switching back from the list view re-mounts the cards.
    if (props.model.justAdded() !== props.card.id || props.card.text !== '') return
    const active = document.activeElement
    opener =
      active instanceof HTMLElement && active !== document.body && !element?.contains(active) ? active : null
    startEditing()
  })

  // With names hidden in this phase, a card shows no author, except to its own author.
  const author = () =>
    props.model.facilitation().showAuthors || props.card.mine ? (props.card.authorName ?? '—') : ''
  // A paper card was written by someone in the room: its author field names the assistant, who
  // only entered it, so it says so rather than passing the assistant off as the author.
  const paperGroup = () => (props.card.enteredBy !== null ? props.card.authorGroup : null)
  const byline = () => {
    const name = author()
    return name && paperGroup() ? t('board.enteredByName', { name }) : name
  }
  // The author's role beside the name (a councillor's card reads differently from a citizen's);
  // hidden with the name when this phase hides authors, and not claimed for a paper card's assistant.
  const role = () => {
    const r = props.card.authorRole
    return author() && !paperGroup() && r && isRole(r) ? t(`roles.${r}`) : null
  }
  const status = () => statusText(props.card)
  const unsentChanges = useUnsentChanges()
  const unsent = () => unsentChanges?.cards().has(props.card.id) ?? false
  // A refusal explains a card still waiting better than "waiting" does; records always show.
  const showStatus = () => showsStatus(props.card)
  // Where the card sits and whether it is selected are said with its name: a screen reader on the
  // canvas has no other way to know the cluster or the selection (the list view shows both too).
  const inFrame = () => frameOf(props.card, props.model.frames())
  const label = () => {
    const place = inFrame()
    const parts = [cardName()]
    if (place) parts.push(t('board.cardInFrame', { title: place.title || t('listView.untitledFrame') }))
    if (props.selected) parts.push(t('board.cardSelected'))
    return parts.join(', ')
  }
  const cardName = () =>
    showStatus()
      ? t('board.cardLabelState', { author: byline(), text: props.card.text, state: status() ?? '' })
      : paperGroup()
        ? t('board.cardLabelPaper', { group: t(`groups.${paperGroup() as Group}`), text: props.card.text })
        : t('board.cardLabel', { author: author(), text: props.card.text })
  return (
    <div
      ref={element}
      role="group"
      class="card"
      // The colour is in classList too: a changing `class` would wipe the classList's classes.
      classList={{
        [`card-${props.card.color}`]: true,
        movable: movable(),
        // Its editor may be elsewhere (a phone's sheet, CardEditorSheet.tsx): the card says so.
        editing: editing(),
        selected: !!props.selected,
        pending: props.card.pending,
        unsent: unsent(),
        refused: !!props.card.refusal,
        'hidden-card': RECORDS.has(props.card.status ?? ''),
        spotlit: props.model.facilitation().spotlight === props.card.id,
        dimmed:
          !!props.model.facilitation().spotlight && props.model.facilitation().spotlight !== props.card.id,
      }}
      style={{ transform: `translate(${position().x}px, ${position().y}px)` }}
      tabIndex={props.tabStop === false ? -1 : 0}
      aria-roledescription={t('board.card')}
      aria-label={label()}
      data-card-id={props.card.id}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      onDblClick={(e) => {
        if (!editable()) return
        e.stopPropagation()
        startEditing()
      }}
    >
      <Show
        when={editing()}
        fallback={
          <p class="card-text" aria-hidden="true">
            {props.card.text}
          </p>
        }
      >
        <CardEditorSheet onDone={() => stopEditing(true)}>
          <textarea
            ref={textarea}
            class="card-input"
            aria-label={t('board.cardText')}
            maxLength={1000}
            placeholder={t('board.newCardText')}
            // Set once: while focused, the textarea is the truth; the effect above syncs it otherwise.
            value={untrack(() => props.card.text)}
            onInput={(e) => props.model.setText(props.card.id, e.currentTarget.value)}
            onBlur={() => stopEditing(false)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault()
                // Back to the control that opened it (or the card), not to the top of the page.
                stopEditing(true)
              }
            }}
          />
        </CardEditorSheet>
      </Show>
      <CardProvenance card={props.card} workshopId={props.model.workshopId} />
      <footer class="card-footer">
        <span class="card-author">{byline()}</span>
        <Show when={role()}>{(r) => <span class="card-role">{r()}</span>}</Show>
        <Show when={props.card.editedBy}>
          {(editor) => <span class="card-edited">{t('board.editedBy', { name: editor() })}</span>}
        </Show>
        <CardStatusBadges card={props.card} />
        <Show when={unsent()}>
          <span class="badge unsent" data-unsent="true">
            {t('connection.unsentCard')}
          </span>
        </Show>
      </footer>
      <Show when={props.model.isFacilitator && props.model.canWrite && !props.card.pending}>
        <ConnectHandle
          cardId={props.card.id}
          text={props.card.text}
          model={props.model}
          viewport={props.viewport}
        />
      </Show>
      {/* Points go to cards on the board: not to a draft, a waiting card or a moderation record. */}
      <Show
        when={
          props.voting?.active() &&
          !props.card.pending &&
          !props.card.hidden &&
          !RECORDS.has(props.card.status ?? '')
        }
      >
        <div class="vote-controls">
          <button
            type="button"
            tabIndex={innerTabIndex()}
            disabled={(props.voting?.pointsOn(props.card.id) ?? 0) === 0}
            onClick={() =>
              props.voting?.cast(props.card.id, (props.voting?.pointsOn(props.card.id) ?? 0) - 1)
            }
          >
            {/* Named by content, the symbol hidden: label in name (WCAG 2.5.3). */}
            <span aria-hidden="true">−</span>
            <span class="visually-hidden">{t('vote.less')}</span>
          </button>
          <span class="vote-count">
            {t('vote.onCard', { points: props.voting?.pointsOn(props.card.id) ?? 0 })}
          </span>
          <button
            type="button"
            tabIndex={innerTabIndex()}
            onClick={() =>
              props.voting?.cast(props.card.id, (props.voting?.pointsOn(props.card.id) ?? 0) + 1)
            }
          >
            <span aria-hidden="true">+</span>
            <span class="visually-hidden">{t('vote.more')}</span>
          </button>
        </div>
      </Show>
      <Show when={editable()}>
        <div class="card-tools">
          <button
            type="button"
            // Pressing "Fertig" must not first blur the editor, which would close it and reopen it.
            onMouseDown={(e) => editing() && e.preventDefault()}
            onClick={() => (editing() ? stopEditing(true) : startEditing())}
          >
            {editing() ? t('board.done') : t('board.edit')}
          </button>
          <label class="visually-hidden" for={`color-${props.card.id}`}>
            {t('board.color')}
          </label>
          <select
            id={`color-${props.card.id}`}
            value={props.card.color}
            onChange={(e) => props.model.recolor(props.card.id, e.currentTarget.value as CardColor)}
          >
            <For each={CARD_COLORS}>{(color) => <option value={color}>{t(`colors.${color}`)}</option>}</For>
          </select>
          <Show when={deletable()}>
            <button type="button" class="danger" onClick={removeCard}>
              {t('board.delete')}
            </button>
          </Show>
          <Show when={props.model.isFacilitator && !props.card.hidden && !props.card.pending}>
            <button type="button" onClick={() => setSpotlight(props.model.board, props.card.id)}>
              {t('board.spotlight')}
            </button>
            <button
              type="button"
              onClick={() => {
                const reason = window.prompt(t('board.hideReason'))?.trim()
                if (!reason) return
                // A refusal (the card is gone, the session ended) is said, not dropped silently.
                api('POST', `/api/workshops/${props.model.workshopId}/cards/${props.card.id}/hide`, {
                  reason,
                }).catch((err: unknown) => window.alert(messageOf(err)))
              }}
            >
              {t('board.hide')}
            </button>
          </Show>
        </div>
      </Show>
    </div>
  )
}
