/**
 * One card in the list view: its text, author and role, its state (one's own cards), points in
 * the revealed result, measures made of it, and everything one may do with it on the canvas by
 * keyboard: edit, delete, put into a frame, vote. Focus stays with the person: Escape or "Fertig"
 * returns it to the button that opened the editor; a card moved to another frame takes it along.
 */
import { createEffect, createSignal, For, type JSX, onMount, Show, untrack } from 'solid-js'
import type { Frame } from '../../../shared/board/frames.ts'
import { isRole } from '../../../shared/policy/roles.ts'
import { t } from '../i18n/i18n.ts'
import type { BoardModel, CardView } from './board-model.ts'
import { CardStatusBadges, RECORDS } from './CardStatusBadges.tsx'
import type { Voting } from './voting.ts'

/** Statuses of a card still on its way to the board, or a moderation record. */

/** A control of a card to focus once the card shows in `frameId`'s section (null: no frame). */
export interface FocusRequest {
  id: string
  control: 'frame' | 'edit' | 'card'
  frameId: string | null
}

export function ListCard(props: {
  card: CardView
  model: BoardModel
  voting?: Voting
  frames: Frame[]
  /** The frame of the section this entry is shown in. */
  frameId: string | null
  focusRequest: () => FocusRequest | null
  requestFocus: (request: FocusRequest | null) => void
  /** Moves a card into a frame (null: out of every frame). */
  moveToFrame: (card: CardView, frameId: string | null) => void
  remove: (card: CardView) => void
  /** The place for the card's connections (wired by the connectors' feature). */
  connections?: (card: CardView) => JSX.Element
}): JSX.Element {
  const [editing, setEditing] = createSignal(false)
  let article: HTMLElement | undefined
  let editButton: HTMLButtonElement | undefined
  let frameSelect: HTMLSelectElement | undefined
  let textarea: HTMLTextAreaElement | undefined
  const id = () => props.card.id
  const textId = () => `list-card-text-${id()}`

  const startEditing = () => {
    setEditing(true)
    queueMicrotask(() => textarea?.focus())
  }
  const stopEditing = () => {
    setEditing(false)
    editButton?.focus()
  }
  onMount(() => {
    // A card just added from the toolbar opens for typing here as on the canvas.
    if (props.model.justAdded() === id() && props.card.text === '' && props.model.canEdit(props.card))
      startEditing()
  })
  createEffect(() => {
    const request = props.focusRequest()
    if (!request || request.id !== id() || request.frameId !== props.frameId) return
    props.requestFocus(null)
    const target =
      request.control === 'frame' ? frameSelect : request.control === 'edit' ? editButton : article
    ;(target ?? article)?.focus()
  })
  // Keep the text field in step with remote edits, but never under the writer's cursor.
  createEffect(() => {
    const text = props.card.text
    if (textarea && document.activeElement !== textarea && textarea.value !== text) textarea.value = text
  })

  const showsAuthor = () => props.model.facilitation().showAuthors || props.card.mine
  const paperGroup = () => (props.card.enteredBy !== null ? props.card.authorGroup : null)
  const byline = () => {
    const group = paperGroup()
    if (group) return t('assistant.forGroup', { group: t(`groups.${group}`) })
    if (!showsAuthor()) return ''
    const name = props.card.authorName ?? '—'
    const role = props.card.authorRole
    return isRole(role)
      ? t('listView.authorRole', { name, role: t(`roles.${role}`) })
      : t('listView.author', { name })
  }
  const result = () => {
    const latest = props.model.results().at(-1)
    if (!latest || latest.tooFewVoters) return null
    return latest.cards.find((c) => c.cardId === id()) ?? null
  }
  const measures = () => props.model.measures().filter((m) => m.cardId === id())
  const votable = () =>
    !!props.voting?.active() &&
    !props.card.pending &&
    !props.card.hidden &&
    !RECORDS.has(props.card.status ?? '')
  const points = () => props.voting?.pointsOn(id()) ?? 0
  const shortText = () => {
    const text = props.card.text.replace(/\s+/g, ' ').trim()
    return text.length > 60 ? `${text.slice(0, 59)}…` : text
  }

  return (
    <li class={`list-card list-card-${props.card.color}`} data-list-card={id()}>
      <article ref={article} tabIndex={-1} aria-labelledby={textId()}>
        <Show
          when={editing()}
          fallback={
            <p id={textId()} class="list-card-text">
              {props.card.text || (props.card.hidden ? t('listView.hiddenText') : t('listView.emptyText'))}
            </p>
          }
        >
          <label class="visually-hidden" for={`list-input-${id()}`}>
            {t('board.cardText')}
          </label>
          <textarea
            ref={textarea}
            id={`list-input-${id()}`}
            class="list-card-input"
            maxLength={1000}
            placeholder={t('board.newCardText')}
            value={untrack(() => props.card.text)}
            onInput={(e) => props.model.setText(id(), e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault()
                stopEditing()
              }
            }}
          />
          <p id={textId()} class="visually-hidden">
            {props.card.text}
          </p>
        </Show>
        <p class="list-card-meta">
          <Show when={byline()}>
            <span class="list-card-author">{byline()}</span>
          </Show>
          <Show when={props.card.editedBy}>
            {(editor) => <span>{t('board.editedBy', { name: editor() })}</span>}
          </Show>
          <CardStatusBadges card={props.card} />
        </p>
        <Show when={result()}>
          {(r) => (
            <p class="list-card-result">
              <strong>{t('listView.result', { total: r().total })}</strong>
              <Show when={Object.values(r().byGroup).some((v) => v !== null)}>
                {' '}
                <span class="hint">
                  (
                  {Object.entries(r().byGroup)
                    .filter(([, v]) => v !== null)
                    .map(([g, v]) => `${t(`groups.${g as 'citizen'}`)} ${v}`)
                    .join(' · ')}
                  )
                </span>
              </Show>
            </p>
          )}
        </Show>
        <For each={measures()}>
          {(m) => (
            <p class="list-card-measure">
              {t('listView.measure', { title: m.title })}
              <Show when={[m.owner, m.department, m.due].some(Boolean)}>
                {' '}
                <span class="hint">({[m.owner, m.department, m.due].filter(Boolean).join(' · ')})</span>
              </Show>
            </p>
          )}
        </For>
        {/* Connections to other cards: the connectors' feature renders them here. */}
        <div class="list-card-connections" data-connections-for={id()}>
          {props.connections?.(props.card)}
        </div>
        <div class="list-card-actions">
          <Show when={votable()}>
            <span class="list-card-vote">
              {/* Named by their content (symbol hidden, words for assistive technology only),
                  so the visible label is never at odds with the name (WCAG 2.5.3). */}
              <button
                type="button"
                disabled={points() === 0}
                onClick={() => props.voting?.cast(id(), points() - 1)}
              >
                <span aria-hidden="true">−</span>
                <span class="visually-hidden">{t('listView.voteLess', { text: shortText() })}</span>
              </button>
              <span class="vote-count" aria-live="polite">
                {t('vote.onCard', { points: points() })}
              </span>
              <button type="button" onClick={() => props.voting?.cast(id(), points() + 1)}>
                <span aria-hidden="true">+</span>
                <span class="visually-hidden">{t('listView.voteMore', { text: shortText() })}</span>
              </button>
            </span>
          </Show>
          <Show when={props.model.canEdit(props.card)}>
            <button
              type="button"
              ref={editButton}
              aria-describedby={textId()}
              aria-expanded={editing()}
              onClick={() => (editing() ? stopEditing() : startEditing())}
            >
              {editing() ? t('board.done') : t('board.edit')}
            </button>
          </Show>
          <Show when={props.model.canDelete(props.card)}>
            <button
              type="button"
              class="danger"
              aria-describedby={textId()}
              onClick={() => props.remove(props.card)}
            >
              {t('board.delete')}
            </button>
          </Show>
          <Show when={props.frames.length > 0 && props.model.canMove(props.card)}>
            <span class="list-card-frame">
              <label for={`list-frame-${id()}`}>{t('listView.frameSelect')}</label>
              <select
                ref={frameSelect}
                id={`list-frame-${id()}`}
                aria-describedby={textId()}
                value={props.frameId ?? ''}
                onChange={(e) => {
                  const target = e.currentTarget.value || null
                  props.requestFocus({ id: id(), control: 'frame', frameId: target })
                  props.moveToFrame(props.card, target)
                }}
              >
                <option value="" selected={props.frameId === null}>
                  {t('listView.noFrame')}
                </option>
                <For each={props.frames}>
                  {(frame) => (
                    <option value={frame.id} selected={frame.id === props.frameId}>
                      {frame.title || t('listView.untitledFrame')}
                    </option>
                  )}
                </For>
              </select>
            </span>
          </Show>
        </div>
      </article>
    </li>
  )
}
