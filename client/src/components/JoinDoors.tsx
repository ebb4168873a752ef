/**
 * The facilitator's doors under the join screen: close or reopen joining, give the workshop a
 * new join code (the old one stops working), and how many guests are in against the cap.
 */
import { createSignal, type JSX, Show } from 'solid-js'
import { api, type WorkshopDetails } from '../api/http.ts'
import { t } from '../i18n/i18n.ts'
import { ErrorMessage, messageOf } from './ErrorMessage.tsx'

export function JoinDoors(props: { workshop: WorkshopDetails; onChange: () => void }): JSX.Element {
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true)
    setError(null)
    try {
      await action()
      props.onChange()
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }
  const path = () => `/api/workshops/${props.workshop.id}`
  return (
    <div class="join-doors">
      <p>
        {t('joinScreen.guests', { guests: String(props.workshop.guests ?? 0) })}
        <Show when={props.workshop.effectiveGuestCap != null}>
          {' '}
          {t('joinScreen.cap', { cap: String(props.workshop.effectiveGuestCap) })}
        </Show>
      </p>
      <button
        type="button"
        disabled={busy()}
        onClick={() => run(() => api('PATCH', path(), { joining: !props.workshop.joining }))}
      >
        {props.workshop.joining ? t('joinScreen.close') : t('joinScreen.reopen')}
      </button>
      <button type="button" disabled={busy()} onClick={() => run(() => api('POST', `${path()}/join-code`))}>
        {t('joinScreen.newCode')}
      </button>
      <ErrorMessage message={error()} />
    </div>
  )
}
