/**
 * The participant's raise/lower hand button, in the toolbar so it stays on a phone's screen. The
 * key H does the same anywhere on the board except while typing; the screen reader hears the
 * shortcut (aria-keyshortcuts) and each change of state (a status region).
 */
import { createSignal, type JSX, onCleanup, Show } from 'solid-js'
import type { HandsState } from '../../../shared/board/hands.ts'
import { mayRaiseHand } from '../../../shared/policy/permissions.ts'
import { ErrorMessage, messageOf } from '../components/ErrorMessage.tsx'
import { t } from '../i18n/i18n.ts'
import { handActor, sendHand } from './hands.ts'
import './hands.css'
import { createLiveText } from '../i18n/live-text.ts'

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el || typeof el.closest !== 'function') return false
  return el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null
}

/** Shown to those who raise their own hand (not observers); facilitators run the queue instead. */
export function HandButton(props: {
  workshopId: string
  me: { participantId: string; role: string; isFacilitator: boolean }
  hands: HandsState
}): JSX.Element {
  const actor = handActor(props.me)
  return (
    <Show when={!actor.isFacilitator && mayRaiseHand(actor)}>
      <HandToggle workshopId={props.workshopId} participantId={props.me.participantId} hands={props.hands} />
    </Show>
  )
}

function HandToggle(props: { workshopId: string; participantId: string; hands: HandsState }): JSX.Element {
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createLiveText()
  const position = () =>
    props.hands.queue.findIndex((e) => !e.for && e.participantId === props.participantId) + 1
  const raised = () => position() > 0
  const speaking = () =>
    !props.hands.speaker?.for && props.hands.speaker?.participantId === props.participantId

  const toggle = async () => {
    if (busy()) return
    setBusy(true)
    setError(null)
    try {
      await sendHand(props.workshopId, { raised: !raised() })
    } catch (err) {
      setError(() => messageOf(err))
    } finally {
      setBusy(false)
    }
  }

  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'h' && event.key !== 'H') return
    if (
      event.defaultPrevented ||
      event.ctrlKey ||
      event.metaKey ||
      event.altKey ||
      event.repeat ||
      typing(event.target)
    )
      return
    event.preventDefault()
    void toggle()
  }
  document.addEventListener('keydown', onKey)
  onCleanup(() => document.removeEventListener('keydown', onKey))

  return (
    <div class="hand-control">
      <button
        type="button"
        class={raised() ? 'hand-button raised' : 'hand-button'}
        aria-pressed={raised()}
        aria-keyshortcuts="H"
        disabled={busy()}
        onClick={() => void toggle()}
      >
        {raised() ? t('hands.lower') : t('hands.raise')} <kbd title={t('hands.shortcut')}>H</kbd>
      </button>
      <span class="hand-status" role="status">
        <Show when={speaking()} fallback={raised() ? t('hands.position', { n: position() }) : ''}>
          {t('hands.speaking')}
        </Show>
      </span>
      <ErrorMessage message={error()} />
    </div>
  )
}
