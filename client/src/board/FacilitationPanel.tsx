/**
 * Facilitator controls on the board: who may move cards, private writing with the count of
 * held-back cards and their reveal, and the board lock. Settings live in the board document,
 * which only facilitators write.
 */
import { createResource, createSignal, For, type JSX, onCleanup, Show } from 'solid-js'
import type * as Y from 'yjs'
import {
  type Flag,
  setFacilitation,
  setMinGroupSize,
  setSpotlight,
} from '../../../shared/board/facilitation.ts'
import { api } from '../api/http.ts'
import { ErrorMessage, messageOf } from '../components/ErrorMessage.tsx'
import { t } from '../i18n/i18n.ts'
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
  const [status, setStatus] = createSignal<string | null>(null)
  const [error, setError] = createSignal<string | null>(null)

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
      setStatus(t('facilitation.revealed', { count: res.revealed }))
      setCount(0)
    } catch (err) {
      setError(messageOf(err))
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

/** New cards waiting for the facilitator's approval, with who wrote them; read when the count changes. */
function ApprovalQueue(props: { workshopId: string; waiting: number; onDecided: () => void }): JSX.Element {
  const [pending, { refetch }] = createResource(
    () => [props.workshopId, props.waiting] as const,
    ([id]) => api<{ pending: PendingCard[] }>('GET', `/api/workshops/${id}/pending`).then((r) => r.pending),
  )
  const [reasons, setReasons] = createSignal<Record<string, string>>({})
  const decide = async (card: PendingCard, action: 'approve' | 'reject') => {
    const reason = reasons()[card.id]?.trim()
    if (action === 'reject' && !reason) return
    await api('POST', `/api/workshops/${props.workshopId}/pending/${action}`, {
      participantId: card.participantId,
      cardId: card.id,
      ...(action === 'reject' ? { reason } : {}),
    })
    await refetch()
    props.onDecided()
  }
  return (
    <div>
      <h3>{t('facilitation.pending')}</h3>
      <ul class="pending-list">
        <For each={pending()}>
          {(card) => (
            <li>
              <span>
                {card.text} <span class="hint">({card.name})</span>
              </span>
              <button type="button" onClick={() => void decide(card, 'approve')}>
                {t('facilitation.approve')}
              </button>
              <input
                class="short"
                aria-label={t('facilitation.rejectReason', { text: card.text })}
                maxLength={300}
                value={reasons()[card.id] ?? ''}
                onInput={(e) => setReasons({ ...reasons(), [card.id]: e.currentTarget.value })}
              />
              <button
                type="button"
                disabled={!reasons()[card.id]?.trim()}
                onClick={() => void decide(card, 'reject')}
              >
                {t('facilitation.reject')}
              </button>
            </li>
          )}
        </For>
      </ul>
    </div>
  )
}
