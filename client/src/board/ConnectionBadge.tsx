/** The connection state, always visible and announced politely when it changes. */
import type { JSX } from 'solid-js'
import { CLOSE } from '../../../shared/protocol/close-codes.ts'
import { t } from '../i18n/i18n.ts'
import type { ConnectionState } from './board-connection.ts'

export function ConnectionBadge(props: { state: ConnectionState; closeReason?: string }): JSX.Element {
  // A refusal the person can mend themselves says how.
  const text = () =>
    props.state === 'refused' && props.closeReason === CLOSE.tooManyConnections.reason
      ? t('connection.tooManyConnections')
      : t(`connection.${props.state}`)
  return (
    <output class={`connection connection-${props.state}`} aria-live="polite" data-state={props.state}>
      <span class="dot" aria-hidden="true" />
      {text()}
    </output>
  )
}
