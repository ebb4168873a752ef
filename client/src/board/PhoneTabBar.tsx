/**
 * The phone's bar at the bottom of the board: switches between the canvas and the sidebar's
 * panels one view at a time (phone.css shows the panels of the chosen view), so results, people
 * and measures stay on a 320 px screen instead of below a canvas as tall as the screen.
 */
import { For, type JSX, Show } from 'solid-js'
import { t } from '../i18n/i18n.ts'
import { isPhone, type PhoneTab, type PhoneTabs } from './phone-layout.ts'
import './phone.css'

export function PhoneTabBar(props: {
  tabs: PhoneTabs
  facilitator: boolean
  entersForOthers: boolean
}): JSX.Element {
  const items = (): { id: PhoneTab; label: string }[] => [
    { id: 'board', label: t('phone.board') },
    props.facilitator
      ? { id: 'facilitate', label: t('phone.facilitate') }
      : props.entersForOthers
        ? { id: 'entry', label: t('phone.entry') }
        : { id: 'cards', label: t('phone.cards') },
    { id: 'vote', label: t('phone.vote') },
    { id: 'measures', label: t('phone.measures') },
    { id: 'people', label: t('phone.people') },
  ]
  const choose = (id: PhoneTab) => {
    props.tabs.setTab(id)
    // A new view starts at its top, not where the last one was scrolled to.
    document.querySelector('.board-page .sidebar')?.scrollTo({ top: 0 })
  }
  return (
    <Show when={isPhone()}>
      <nav class="phone-tabs" aria-label={t('phone.views')}>
        <For each={items()}>
          {(item) => (
            <button
              type="button"
              class="phone-tab"
              aria-pressed={props.tabs.tab() === item.id}
              data-tab={item.id}
              onClick={() => choose(item.id)}
            >
              {item.label}
            </button>
          )}
        </For>
      </nav>
    </Show>
  )
}
