/** The connection state, always visible and announced politely when it changes. */
import type { JSX } from 'solid-js'
import { closeReasonText, t } from '../i18n/i18n.ts'
import type { ConnectionState } from './board-connection.ts'

export function ConnectionBadge(props: { state: ConnectionState; closeReason?: string }): JSX.Element {
  // A refusal says why (and, where the person can mend it, how), in the reader's language.
  const text = () =>
    (props.state === 'refused' && props.closeReason ? closeReasonText(props.closeReason) : null) ??
    t(`connection.${props.state}`)
  return (
    <output class={`connection connection-${props.state}`} aria-live="polite" data-state={props.state}>
      <span class="dot" aria-hidden="true" />
      {text()}
    </output>
  )
}
