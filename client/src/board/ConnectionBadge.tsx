/** The connection state, always visible and announced politely when it changes. */
import type { JSX } from 'solid-js'
import { closeReasonText, t } from '../i18n/i18n.ts'
import './unsent.css'
import type { ConnectionState } from './board-connection.ts'

export function ConnectionBadge(props: {
  state: ConnectionState
  closeReason?: string
  /** Changes of this person's the server has not had yet (made offline). */
  unsent?: number
}): JSX.Element {
  // A refusal says why (and, where the person can mend it, how), in the reader's language.
  const state = () =>
    (props.state === 'refused' && props.closeReason ? closeReasonText(props.closeReason) : null) ??
    t(`connection.${props.state}`)
  const text = () => {
    const unsent = props.unsent ?? 0
    if (unsent === 0) return state()
    return `${state()} · ${unsent === 1 ? t('connection.unsentOne') : t('connection.unsentMany', { count: unsent })}`
  }
  return (
    <output
      class={`connection connection-${props.state}`}
      aria-live="polite"
      data-state={props.state}
      data-unsent={props.unsent ?? 0}
    >
      <span class="dot" aria-hidden="true" />
      {text()}
    </output>
  )
}
