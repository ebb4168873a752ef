/**
 * The facilitator's doors, on the board and under the join screen: joining open or closed
 * (closed, the server refuses new joins with 403 `joining-closed`), how many guests are in
 * against the cap, and a new join code after a confirmation, as the old code and link stop
 * working. Older servers without these routes answer with an error, shown here; the switch then
 * stays as it was.
 */
import { createSignal, type JSX, onCleanup, Show } from 'solid-js'
import { api, type WorkshopDetails } from '../api/http.ts'
import { ErrorMessage, messageOf } from '../components/ErrorMessage.tsx'
import { countOf, t } from '../i18n/i18n.ts'
import { createLiveText } from '../i18n/live-text.ts'

/** "ABCD2345" as people read it, "ABCD-2345"; anything else as it came. */
function displayCode(code: string): string {
  return /^[A-Z0-9]{8}$/.test(code) ? `${code.slice(0, 4)}-${code.slice(4)}` : code
}

export function JoiningControls(props: {
  workshop: WorkshopDetails
  /** Called after a change, so a page showing the code can reload it. */
  onChange?: () => void
}): JSX.Element {
  // Null until known: a server that does not say (older ones) gets a switch without a claim.
  const initial = (props.workshop as WorkshopDetails & { joining?: unknown }).joining
  const [joining, setJoining] = createSignal<boolean | null>(typeof initial === 'boolean' ? initial : null)
  const [code, setCode] = createSignal(
    props.workshop.joinCodeDisplay ?? (props.workshop.joinCode ? displayCode(props.workshop.joinCode) : ''),
  )
  const [status, setStatus] = createLiveText()
  const [error, setError] = createLiveText()
  const [guests, setGuests] = createSignal(props.workshop.guests)
  const [cap, setCap] = createSignal(props.workshop.effectiveGuestCap)

  // Guests keep arriving, and the doors may be changed from another window (board and join
  // screen): read them again now and then, and tell a page showing the code when it changed.
  const poll = async () => {
    try {
      const w = await api<WorkshopDetails>('GET', `/api/workshops/${props.workshop.id}`)
      setGuests(w.guests)
      setCap(w.effectiveGuestCap)
      const nextCode = w.joinCodeDisplay ?? (w.joinCode ? displayCode(w.joinCode) : '')
      const changed = (typeof w.joining === 'boolean' && w.joining !== joining()) || nextCode !== code()
      if (typeof w.joining === 'boolean') setJoining(w.joining)
      if (nextCode) setCode(nextCode)
      if (changed) props.onChange?.()
    } catch {
      // The next poll tries again.
    }
  }
  const timer = setInterval(() => void poll(), 5000)
  onCleanup(() => clearInterval(timer))

  const toggle = async (next: boolean, input: HTMLInputElement) => {
    setError(null)
    try {
      await api('PATCH', `/api/workshops/${props.workshop.id}`, { joining: next })
      setJoining(next)
      props.onChange?.()
    } catch (err) {
      input.checked = joining() !== false
      setError(() => messageOf(err))
    }
  }
  const renew = async () => {
    if (!window.confirm(t('joining.newCodeConfirm'))) return
    setError(null)
    try {
      const res = await api<{ joinCode: string }>('POST', `/api/workshops/${props.workshop.id}/join-code`)
      setCode(displayCode(res.joinCode))
      setStatus(() => t('joining.newCodeDone', { code: displayCode(res.joinCode) }))
      props.onChange?.()
    } catch (err) {
      setError(() => messageOf(err))
    }
  }

  return (
    <section class="panel" aria-labelledby="joining-title">
      <h2 id="joining-title">{t('joining.title')}</h2>
      <label class="switch">
        <input
          type="checkbox"
          checked={joining() !== false}
          onChange={(e) => void toggle(e.currentTarget.checked, e.currentTarget)}
        />{' '}
        {t('joining.open')}
      </label>
      <Show when={joining() !== null}>
        <p class="hint">{joining() ? t('joining.isOpen') : t('joining.isClosed')}</p>
      </Show>
      <Show when={guests() !== undefined}>
        <p>
          {t('joinScreen.guests', { guests: countOf('guests', guests() ?? 0) })}
          <Show when={cap() != null}> {t('joinScreen.cap', { cap: String(cap()) })}</Show>
        </p>
      </Show>
      <Show when={code()}>
        <p>{t('joining.code', { code: code() })}</p>
      </Show>
      <button type="button" onClick={() => void renew()}>
        {t('joining.newCode')}
      </button>
      <p role="status">{status()}</p>
      <ErrorMessage message={error()} />
    </section>
  )
}
