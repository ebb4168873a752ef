/**
 * What a phone's views add to the sidebar's panels: a view is never a blank page (the vote's and
 * the measures' panels only appear once there is something to show, so it says so), and leaving
 * the workshop is in the people view instead of taking a third of the toolbar's first row.
 */
import { type JSX, Show } from 'solid-js'
import { t } from '../i18n/i18n.ts'
import type { BoardModel } from './board-model.ts'
import type { Voting } from './voting.ts'

export function PhoneViewExtras(props: {
  model: BoardModel
  voting: Voting
  facilitator: boolean
  onLeave: () => void
}): JSX.Element {
  return (
    <>
      <Show when={!props.voting.active() && props.model.results().length === 0}>
        <p class="hint phone-empty" data-pane="vote">
          {t('phone.noVote')}
        </p>
      </Show>
      {/* A facilitator's measures panel is always there, with its own note. */}
      <Show when={!props.facilitator && props.model.measures().length === 0}>
        <p class="hint phone-empty" data-pane="measures">
          {t('measures.none')}
        </p>
      </Show>
      <Show when={!props.facilitator}>
        <p class="phone-leave" data-pane="people">
          <button type="button" class="link-button" onClick={() => props.onLeave()}>
            {t('board.leave')}
          </button>
        </p>
      </Show>
    </>
  )
}
