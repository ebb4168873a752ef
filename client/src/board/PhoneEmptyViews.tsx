/**
 * A phone's view is never a blank page: when nothing of the vote or the measures is there yet
 * (their panels only appear once there is something to show), it says so.
 */
import { type JSX, Show } from 'solid-js'
import { t } from '../i18n/i18n.ts'
import type { BoardModel } from './board-model.ts'
import type { Voting } from './voting.ts'

export function PhoneEmptyViews(props: {
  model: BoardModel
  voting: Voting
  facilitator: boolean
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
    </>
  )
}
