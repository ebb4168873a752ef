/**
 * Raised hands on the projector: the current speaker large, with the time they have spoken, and
 * the queue in order with waiting times. Shown only while someone speaks or waits.
 */
import { For, type JSX, Show } from 'solid-js'
import type { HandsState } from '../../../shared/board/hands.ts'
import { t } from '../i18n/i18n.ts'
import { elapsed, entryLabel } from './hands.ts'
import { createServerTime } from './server-clock.ts'
import './hands.css'

export function HandsProjector(props: { hands: HandsState }): JSX.Element {
  const now = createServerTime(1000)
  const since = (ms: number) => elapsed(now(), ms)
  return (
    <Show when={props.hands.speaker || props.hands.queue.length > 0}>
      <section class="projector-hands" aria-labelledby="projector-hands-title">
        <h2 id="projector-hands-title">{t('hands.title')}</h2>
        <Show when={props.hands.speaker}>
          {(speaker) => (
            <p class="projector-speaker">
              <span class="projector-speaker-label">{t('hands.speaker')}</span>
              <strong>{entryLabel(speaker())}</strong>
              <span class="projector-speaker-time">{since(speaker().since)}</span>
            </p>
          )}
        </Show>
        <Show when={props.hands.queue.length > 0}>
          <ol class="projector-queue" aria-label={t('hands.queue')}>
            <For each={props.hands.queue}>
              {(entry) => (
                <li>
                  <span>{entryLabel(entry)}</span>{' '}
                  <span class="hint">{t('hands.waiting', { time: since(entry.raisedAt) })}</span>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </section>
    </Show>
  )
}
