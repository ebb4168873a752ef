/** The connection state, always visible and announced politely when it changes. */
import type { JSX } from 'solid-js'
import { t } from '../i18n/i18n.ts'
import type { ConnectionState } from './board-connection.ts'

export function ConnectionBadge(props: { state: ConnectionState }): JSX.Element {
  return (
    <output class={`connection connection-${props.state}`} aria-live="polite" data-state={props.state}>
      <span class="dot" aria-hidden="true" />
      {t(`connection.${props.state}`)}
    </output>
  )
}
