/** What everyone sees at the top of the board: the phase, its guiding question and the timer. */
import { type JSX, Show } from 'solid-js'
import { timerRemainingMs } from '../../../shared/board/facilitation.ts'
import type { Phase } from '../../../shared/script/script-schema.ts'
import { t } from '../i18n/i18n.ts'
import type { BoardModel } from './board-model.ts'
import { createServerTime, formatDuration } from './server-clock.ts'

export function PhaseBanner(props: { model: BoardModel; large?: boolean }): JSX.Element {
  const now = createServerTime()
  const phase = (): Phase | undefined =>
    props.model.script().find((p) => p.id === props.model.facilitation().phaseId)
  const timer = () => props.model.facilitation().timer
  const remaining = () => timerRemainingMs(timer(), now())
  return (
    <Show when={phase() || timer().status !== 'idle'}>
      <section class="phase-banner" classList={{ large: props.large }} aria-label={t('phase.current')}>
        <Show when={phase()}>
          {(p) => (
            <div>
              <p class="phase-name">{p().name}</p>
              <Show when={p().prompt}>
                <p class="phase-prompt">{p().prompt}</p>
              </Show>
            </div>
          )}
        </Show>
        <Show when={timer().status !== 'idle' || timer().durationMs > 0}>
          <p
            class="timer"
            classList={{
              running: timer().status === 'running',
              over: timer().status === 'running' && remaining() === 0,
            }}
            role="timer"
            aria-label={t('phase.timer')}
            data-remaining-ms={remaining()}
          >
            {formatDuration(remaining())}
            <Show when={timer().status === 'paused'}>
              <span class="hint"> ({t('phase.paused')})</span>
            </Show>
          </p>
        </Show>
      </section>
    </Show>
  )
}
