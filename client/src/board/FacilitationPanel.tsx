/**
 * Facilitator controls on the board: who may move cards, private writing with the count of
 * held-back cards and their reveal, and the board lock. Settings live in the board document,
 * which only facilitators write.
 */
import { createMemo, createResource, createSignal, For, type JSX, onCleanup, Show } from 'solid-js'
import type * as Y from 'yjs'
import {
  type Flag,
  setFacilitation,
  setMinGroupSize,
  setSpotlight,
} from '../../../shared/board/facilitation.ts'
import { api } from '../api/http.ts'
import { ErrorMessage, messageOf } from '../components/ErrorMessage.tsx'
import { countOf, t } from '../i18n/i18n.ts'
import { createLiveText } from '../i18n/live-text.ts'
import type { BoardModel } from './board-model.ts'

const SETTINGS: Flag[] = [
  'createCards',
  'privateWriting',
  'approval',
  'participantMoves',
  'showAuthors',
  'follow',
  'locked',
]

export function FacilitationPanel(props: {
  workshopId: string
  board: Y.Doc
  model: BoardModel
}): JSX.Element {
  const [count, setCount] = createSignal<number | null>(null)
  const [waiting, setWaiting] = createSignal(0)
  const [status, setStatus] = createLiveText()
  const [error, setError] = createLiveText()

  // The poll reads counts kept by the server's card records: cheap, and it loads no desk.
  const refresh = async () => {
    try {
      const res = await api<{ count: number; waiting: number }>(
        'GET',
        `/api/workshops/${props.workshopId}/private`,
      )
      setCount(res.count)
      setWaiting(res.waiting)
    } catch {
      // The next poll tries again.
    }
  }
  const timer = setInterval(refresh, 2000)
  onCleanup(() => clearInterval(timer))
  void refresh()

  const reveal = async () => {
    setError(null)
    try {
      const res = await api<{ revealed: number }>('POST', `/api/workshops/${props.workshopId}/reveal`)
      setStatus(() => t('facilitation.revealed', { cards: countOf('cards', res.revealed) }))
      setCount(0)
    } catch (err) {
      setError(() => messageOf(err))
    }
  }

  return (
    <section class="panel" aria-labelledby="facilitation-title">
      <h2 id="facilitation-title">{t('facilitation.title')}</h2>
      <For each={SETTINGS}>
        {(key) => (
          <label class="switch">
            <input
              type="checkbox"
              checked={props.model.facilitation()[key]}
              onChange={(e) => {
                setFacilitation(props.board, key, e.currentTarget.checked)
                if (key === 'privateWriting') void refresh()
              }}
            />{' '}
            {t(`facilitation.${key}`)}
          </label>
        )}
      </For>
      <label class="switch">
        {t('facilitation.minGroupSize')}{' '}
        <input
          class="short"
          type="number"
          min="3"
          max="50"
          value={props.model.facilitation().minGroupSize}
          onChange={(e) => setMinGroupSize(props.board, Number(e.currentTarget.value))}
        />
      </label>
      <Show when={props.model.facilitation().privateWriting || (count() ?? 0) > 0}>
        <p aria-live="polite">{t('facilitation.privateCount', { count: count() ?? 0 })}</p>
        <button type="button" class="primary" onClick={reveal}>
          {t('facilitation.reveal')}
        </button>
      </Show>
      <Show when={props.model.facilitation().spotlight}>
        <button type="button" onClick={() => setSpotlight(props.board, null)}>
          {t('facilitation.spotlightOff')}
        </button>
      </Show>
      {/* Waiting cards stay in the queue after approval is switched off, until decided. */}
      <Show when={props.model.facilitation().approval || waiting() > 0}>
        <ApprovalQueue workshopId={props.workshopId} waiting={waiting()} onDecided={refresh} />
      </Show>
      <p role="status">{status()}</p>
      <ErrorMessage message={error()} />
    </section>
  )
}

interface PendingCard {
  participantId: string
  name: string
  id: string
  text: string
}

/**
 * New cards waiting for the facilitator's approval, with who wrote them; read when the count
 * changes. Each card is a small form: Approve, or a reason and Reject (Enter in the reason
 * rejects). After a decision the focus goes to the next waiting card, or to the heading.
 */
function ApprovalQueue(props: { workshopId: string; waiting: number; onDecided: () => void }): JSX.Element {
  const [pending, { refetch }] = createResource(
    () => [props.workshopId, props.waiting] as const,
    ([id]) => api<{ pending: PendingCard[] }>('GET', `/api/workshops/${id}/pending`).then((r) => r.pending),
  )
  const [reasons, setReasons] = createSignal<Record<string, string>>({})
  const [error, setError] = createLiveText()
  // Keyed by participant and card, not by the fetched objects: a refetch keeps each row (and the
  // focus in it) instead of drawing the list anew.
  const keyOf = (card: PendingCard) => `${card.participantId}/${card.id}`
  const keys = createMemo(() => (pending() ?? []).map(keyOf))
  const cardOf = (key: string) => (pending() ?? []).find((c) => keyOf(c) === key)
  let list: HTMLUListElement | undefined
  let heading: HTMLHeadingElement | undefined
  const decide = async (card: PendingCard, action: 'approve' | 'reject') => {
    const reason = reasons()[card.id]?.trim()
    if (action === 'reject' && !reason) return
    const index = (pending() ?? []).findIndex((c) => c.id === card.id)
    setError(null)
    try {
      await api('POST', `/api/workshops/${props.workshopId}/pending/${action}`, {
        participantId: card.participantId,
        cardId: card.id,
        ...(action === 'reject' ? { reason } : {}),
      })
    } catch (err) {
      setError(() => messageOf(err))
      return
    }
    await refetch()
    props.onDecided()
    const items = list?.querySelectorAll<HTMLButtonElement>('.pending-approve') ?? []
    const next = items[Math.min(index, items.length - 1)]
    ;(next ?? heading)?.focus()
  }
  return (
    <div>
      <h3 ref={heading} tabIndex={-1}>
        {t('facilitation.pending')}
      </h3>
      <p id={`reject-hint-${props.workshopId}`} class="hint">
        {t('facilitation.rejectHint')}
      </p>
      <Show when={pending() && pending()?.length === 0}>
        <p class="hint">{t('facilitation.queueEmpty')}</p>
      </Show>
      <ul class="pending-list" ref={list}>
        <For each={keys()}>
          {(key) => (
            <Show when={cardOf(key)}>
              {(current) => {
                const card = current()
                return (
                  <li>
                    <span class="pending-card">
                      {card.text} <span class="hint">({card.name})</span>
                    </span>
                    <form
                      class="pending-decision"
                      onSubmit={(e) => {
                        e.preventDefault()
                        void decide(card, 'reject')
                      }}
                    >
                      <button
                        type="button"
                        class="pending-approve"
                        onClick={() => void decide(card, 'approve')}
                      >
                        {t('facilitation.approve')}
                      </button>
                      <input
                        aria-label={t('facilitation.rejectReason', { text: card.text })}
                        aria-describedby={`reject-hint-${props.workshopId}`}
                        required
                        placeholder={t('facilitation.reasonPlaceholder')}
                        maxLength={300}
                        value={reasons()[card.id] ?? ''}
                        onInput={(e) => setReasons({ ...reasons(), [card.id]: e.currentTarget.value })}
                      />
                      <button type="submit">{t('facilitation.reject')}</button>
                    </form>
                  </li>
                )
              }}
            </Show>
          )}
        </For>
      </ul>
      <ErrorMessage message={error()} />
    </div>
  )
}
