/**
 * Facilitator controls on the board: who may move cards, private writing with the count of
 * held-back cards and their reveal, the board lock, the approval queue, and who may still join
 * (joining open or closed, a new join code). Board settings live in the board document, which
 * only facilitators write; joining is the workshop's, changed through the HTTP API.
 */
import { createResource, createSignal, For, type JSX, onCleanup, Show } from 'solid-js'
import type * as Y from 'yjs'
import {
  type Flag,
  setFacilitation,
  setMinGroupSize,
  setSpotlight,
} from '../../../shared/board/facilitation.ts'
import { api, type WorkshopDetails } from '../api/http.ts'
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
  workshop: WorkshopDetails
  board: Y.Doc
  model: BoardModel
}): JSX.Element {
  const workshopId = props.workshop.id
  const [queued, setQueued] = createSignal(0)
  const [count, setCount] = createSignal<number | null>(null)
  const [status, setStatus] = createSignal<string | null>(null)
  const [error, setError] = createSignal<string | null>(null)

  const refresh = async () => {
    if (!props.model.facilitation().privateWriting && count() === 0) return
    try {
      const res = await api<{ count: number }>('GET', `/api/workshops/${workshopId}/private`)
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
      const res = await api<{ revealed: number }>('POST', `/api/workshops/${workshopId}/reveal`)
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
      {/* Cards already waiting stay in the queue when approval is switched off. */}
      <Show
        when={
          (props.model.facilitation().approval && !props.model.facilitation().privateWriting) || queued() > 0
        }
      >
        <ApprovalQueue workshopId={workshopId} onCount={setQueued} onError={setError} />
      </Show>
      <p role="status">{status()}</p>
      <ErrorMessage message={error()} />
      <JoiningControls workshop={props.workshop} />
    </section>
  )
}

/** "ABCD2345" as people read it, "ABCD-2345"; anything else as it came. */
function displayCode(code: string): string {
  return /^[A-Z0-9]{8}$/.test(code) ? `${code.slice(0, 4)}-${code.slice(4)}` : code
}

/**
 * Joining open or closed, and a new join code (the old one then stops working). Older servers
 * without these routes answer with an error, shown here; the switch then stays as it was.
 */
function JoiningControls(props: { workshop: WorkshopDetails }): JSX.Element {
  // Null until known: a server that does not say (older ones) shows the switch without a claim.
  const initial = (props.workshop as WorkshopDetails & { joining?: boolean }).joining
  const [joining, setJoining] = createSignal<boolean | null>(typeof initial === 'boolean' ? initial : null)
  const [code, setCode] = createSignal(
    props.workshop.joinCodeDisplay ?? (props.workshop.joinCode ? displayCode(props.workshop.joinCode) : ''),
  )
  const [status, setStatus] = createSignal<string | null>(null)
  const [error, setError] = createSignal<string | null>(null)

  const toggle = async (next: boolean, input: HTMLInputElement) => {
    setError(null)
    try {
      await api('PATCH', `/api/workshops/${props.workshop.id}`, { joining: next })
      setJoining(next)
    } catch (err) {
      input.checked = joining() !== false
      setError(messageOf(err))
    }
  }
  const renew = async () => {
    if (!window.confirm(t('facilitation.newCodeConfirm'))) return
    setError(null)
    try {
      const res = await api<{ joinCode: string }>('POST', `/api/workshops/${props.workshop.id}/join-code`)
      setCode(displayCode(res.joinCode))
      setStatus(t('facilitation.newCodeDone', { code: displayCode(res.joinCode) }))
    } catch (err) {
      setError(messageOf(err))
    }
  }

  return (
    <div class="joining">
      <label class="switch">
        <input
          type="checkbox"
          checked={joining() !== false}
          onChange={(e) => void toggle(e.currentTarget.checked, e.currentTarget)}
        />{' '}
        {t('facilitation.joining')}
      </label>
      <Show when={joining() !== null}>
        <p class="hint">{joining() ? t('facilitation.joiningOpen') : t('facilitation.joiningClosed')}</p>
      </Show>
      <Show when={code()}>
        <p>{t('facilitation.joinCode', { code: code() })}</p>
      </Show>
      <button type="button" onClick={() => void renew()}>
        {t('facilitation.newCode')}
      </button>
      <p role="status">{status()}</p>
      <ErrorMessage message={error()} />
    </div>
  )
}

interface PendingCard {
  participantId: string
  name: string
  id: string
  text: string
}

/** New cards waiting for the facilitator's approval, with who wrote them. */
function ApprovalQueue(props: {
  workshopId: string
  onCount: (count: number) => void
  onError: (message: string | null) => void
}): JSX.Element {
  const [pending, { refetch }] = createResource(
    () => props.workshopId,
    (id) =>
      api<{ pending: PendingCard[] }>('GET', `/api/workshops/${id}/pending`).then((r) => {
        props.onCount(r.pending.length)
        return r.pending
      }),
  )
  const timer = setInterval(() => void refetch(), 2000)
  onCleanup(() => clearInterval(timer))
  const decide = async (action: 'approve' | 'reject', card: PendingCard, reason?: string) => {
    props.onError(null)
    try {
      await api('POST', `/api/workshops/${props.workshopId}/pending/${action}`, {
        participantId: card.participantId,
        cardId: card.id,
        ...(reason !== undefined ? { reason } : {}),
      })
    } catch (err) {
      props.onError(messageOf(err))
    }
    await refetch()
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
              <span class="pending-actions">
                <button type="button" onClick={() => void decide('approve', card)}>
                  {t('facilitation.approve')}
                </button>
                <button
                  type="button"
                  onClick={() => {
                    const reason = window.prompt(t('facilitation.rejectReason'))?.trim()
                    if (reason) void decide('reject', card, reason)
                  }}
                >
                  {t('facilitation.reject')}
                </button>
              </span>
            </li>
          )}
        </For>
      </ul>
    </div>
  )
}
