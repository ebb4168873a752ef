/**
 * Who is on the board now: oneself and everyone connected, as the server names them in the
 * board's presence. A person with two tabs or devices is one entry (one cursor per tab stays on
 * the canvas); the list is sorted by name.
 */
import { createMemo, For, type JSX } from 'solid-js'
import type { WorkshopMe } from '../api/http.ts'
import { t } from '../i18n/i18n.ts'
import type { Peer } from './presence.ts'

export function PeoplePanel(props: { me: WorkshopMe; peers: Peer[] }): JSX.Element {
  const others = createMemo(() => {
    const seen = new Set<string>([props.me.participantId])
    return props.peers.filter((peer) => {
      const id = peer.user.participantId
      if (seen.has(id)) return false
      seen.add(id)
      return true
    })
  })
  return (
    <section class="panel" aria-labelledby="people-title">
      <h2 id="people-title">
        {t('board.people')} ({others().length + 1})
      </h2>
      <ul class="people">
        <li>
          {props.me.name} <span class="hint">({t(`roles.${props.me.role as 'citizen'}`)})</span>
        </li>
        <For each={others()}>
          {(peer) => (
            <li>
              <span class="swatch" style={{ background: peer.color }} aria-hidden="true" /> {peer.user.name}{' '}
              <span class="hint">({t(`roles.${peer.user.role as 'citizen'}`)})</span>
            </li>
          )}
        </For>
      </ul>
      <p class="hint">{t('board.moveHint')}</p>
    </section>
  )
}
