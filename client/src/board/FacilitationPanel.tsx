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
  const [status, setStatus] = createSignal<string | null>(null)
  const [error, setError] = createSignal<string | null>(null)

  const refresh = async () => {
    if (!props.model.facilitation().privateWriting && count() === 0) return
    try {
      const res = await api<{ count: number }>('GET', `/api/workshops/${props.workshopId}/private`)
      setCount(res.count)
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
          min="1"
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
      <Show when={props.model.facilitation().approval && !props.model.facilitation().privateWriting}>
        <ApprovalQueue workshopId={props.workshopId} />
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

/** New cards waiting for the facilitator's approval, with who wrote them. */
function ApprovalQueue(props: { workshopId: string }): JSX.Element {
  const [pending, { refetch }] = createResource(
    () => props.workshopId,
    (id) => api<{ pending: PendingCard[] }>('GET', `/api/workshops/${id}/pending`).then((r) => r.pending),
  )
  const timer = setInterval(() => void refetch(), 2000)
  onCleanup(() => clearInterval(timer))
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
              <button
                type="button"
                onClick={async () => {
                  await api('POST', `/api/workshops/${props.workshopId}/pending/approve`, {
                    participantId: card.participantId,
                    cardId: card.id,
                  })
                  await refetch()
                }}
              >
                {t('facilitation.approve')}
              </button>
            </li>
          )}
        </For>
      </ul>
    </div>
  )
}
