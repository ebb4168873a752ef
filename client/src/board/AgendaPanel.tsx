/**
 * Facilitator: the script (Drehbuch) and the timer. Moving between phases goes through the
 * server, which applies the phase's rules and stores a snapshot; editing the agenda (rename,
 * reorder, add, remove, duration, vote) writes the board directly, as only facilitators can;
 * a change to the running phase's rules is in force at once (shared/script/edit-phase.ts).
 */
import { createMemo, createSignal, For, type JSX, Show } from 'solid-js'
import type * as Y from 'yjs'
import { editPhase } from '../../../shared/script/edit-phase.ts'
import {
  insertPhase,
  movePhase,
  OPEN_RULES,
  type Phase,
  removePhase,
  type VoteRule,
} from '../../../shared/script/script-schema.ts'
import { api } from '../api/http.ts'
import { ErrorMessage, messageOf } from '../components/ErrorMessage.tsx'
import { t } from '../i18n/i18n.ts'
import { createLiveText } from '../i18n/live-text.ts'
import type { BoardModel } from './board-model.ts'

const RULE_FLAGS = ['createCards', 'privateWriting', 'showAuthors', 'participantMoves'] as const

const VOTES: Record<string, VoteRule | null> = {
  none: null,
  dots: { method: 'dots', budget: 5, cap: 3 },
  points: { method: 'points', budget: 100, cap: 100 },
}

export function AgendaPanel(props: { workshopId: string; board: Y.Doc; model: BoardModel }): JSX.Element {
  const [error, setError] = createLiveText()
  const [timerMinutes, setTimerMinutes] = createSignal<number | null>(null)
  const phases = () => props.model.script()
  // The list is keyed by phase id, not by the phase objects (new ones on every change of the
  // board): an edit must not rebuild the item, or its editor closes and loses focus.
  const phaseIds = createMemo(() => phases().map((p) => p.id))
  const phaseById = (id: string) => phases().find((p) => p.id === id)
  const currentIndex = () => phases().findIndex((p) => p.id === props.model.facilitation().phaseId)

  const act = async (work: () => Promise<unknown>) => {
    setError(null)
    try {
      await work()
    } catch (err) {
      setError(() => messageOf(err))
    }
  }
  const goTo = (phase: Phase | undefined) =>
    phase && act(() => api('POST', `/api/workshops/${props.workshopId}/phase`, { phaseId: phase.id }))
  const timer = (action: string, seconds?: number) =>
    act(() =>
      api('POST', `/api/workshops/${props.workshopId}/timer`, { action, ...(seconds ? { seconds } : {}) }),
    )
  const currentMinutes = () => {
    const phase = phases()[currentIndex()]
    return timerMinutes() ?? (phase?.minutes || 5)
  }

  return (
    <section class="panel" aria-labelledby="agenda-title">
      <h2 id="agenda-title">{t('agenda.title')}</h2>
      <div class="button-row">
        <button
          type="button"
          disabled={currentIndex() <= 0}
          onClick={() => goTo(phases()[currentIndex() - 1])}
        >
          {t('agenda.previous')}
        </button>
        <button
          type="button"
          class="primary"
          disabled={currentIndex() >= phases().length - 1}
          onClick={() => goTo(phases()[currentIndex() + 1])}
        >
          {t('agenda.next')}
        </button>
      </div>
      <ol class="agenda">
        <For each={phaseIds()}>
          {(id) => (
            <Show when={phaseById(id)}>
              {(phase) => (
                <li classList={{ current: phase().id === props.model.facilitation().phaseId }}>
                  <details>
                    <summary>
                      {phase().name}
                      <Show when={phase().id === props.model.facilitation().phaseId}>
                        <span class="badge">{t('agenda.current')}</span>
                      </Show>
                    </summary>
                    <label>
                      {t('agenda.name')}
                      <input
                        value={phase().name}
                        maxLength={120}
                        onChange={(e) => editPhase(props.board, phase().id, { name: e.currentTarget.value })}
                      />
                    </label>
                    <label>
                      {t('agenda.prompt')}
                      <input
                        value={phase().prompt}
                        maxLength={500}
                        onChange={(e) =>
                          editPhase(props.board, phase().id, { prompt: e.currentTarget.value })
                        }
                      />
                    </label>
                    <label>
                      {t('agenda.minutes')}
                      <input
                        type="number"
                        min="0"
                        max="600"
                        value={phase().minutes}
                        onChange={(e) =>
                          editPhase(props.board, phase().id, { minutes: Number(e.currentTarget.value) })
                        }
                      />
                    </label>
                    <fieldset class="rules">
                      <legend>{t('agenda.rules')}</legend>
                      <For each={RULE_FLAGS}>
                        {(flag) => (
                          <label class="switch">
                            <input
                              type="checkbox"
                              aria-label={`${t(`facilitation.${flag}`)} (${phase().name})`}
                              checked={phase().rules[flag]}
                              onChange={(e) =>
                                editPhase(props.board, phase().id, {
                                  rules: { ...phase().rules, [flag]: e.currentTarget.checked },
                                })
                              }
                            />{' '}
                            {t(`facilitation.${flag}`)}
                          </label>
                        )}
                      </For>
                    </fieldset>
                    <label>
                      {t('agenda.vote')}
                      <select
                        value={phase().rules.vote?.method ?? 'none'}
                        onChange={(e) =>
                          editPhase(props.board, phase().id, {
                            rules: { ...phase().rules, vote: VOTES[e.currentTarget.value] ?? null },
                          })
                        }
                      >
                        <option value="none">{t('agenda.voteNone')}</option>
                        <option value="dots">{t('agenda.voteDots')}</option>
                        <option value="points">{t('agenda.votePoints')}</option>
                      </select>
                    </label>
                    <div class="button-row">
                      <button type="button" onClick={() => goTo(phase())}>
                        {t('agenda.goTo', { name: phase().name })}
                      </button>
                      <button
                        type="button"
                        aria-label={t('agenda.up')}
                        onClick={() => movePhase(props.board, phase().id, -1)}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        aria-label={t('agenda.down')}
                        onClick={() => movePhase(props.board, phase().id, 1)}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        class="danger"
                        onClick={() => removePhase(props.board, phase().id)}
                      >
                        {t('agenda.remove')}
                      </button>
                    </div>
                  </details>
                </li>
              )}
            </Show>
          )}
        </For>
      </ol>
      <button
        type="button"
        onClick={() =>
          insertPhase(props.board, phases().length, {
            id: `p-${crypto.getRandomValues(new Uint32Array(2)).join('')}`,
            name: t('agenda.newPhase'),
            prompt: '',
            minutes: 10,
            rules: { ...OPEN_RULES },
          })
        }
      >
        {t('agenda.add')}
      </button>

      <h3>{t('timer.title')}</h3>
      <div class="button-row">
        <label>
          {t('timer.minutes')}{' '}
          <input
            class="short"
            type="number"
            min="1"
            max="360"
            value={currentMinutes()}
            onInput={(e) => setTimerMinutes(Number(e.currentTarget.value) || null)}
          />
        </label>
        <Show
          when={props.model.facilitation().timer.status === 'running'}
          fallback={
            <button
              type="button"
              class="primary"
              onClick={() =>
                props.model.facilitation().timer.status === 'paused'
                  ? timer('start')
                  : timer('start', currentMinutes() * 60)
              }
            >
              {t('timer.start')}
            </button>
          }
        >
          <button type="button" onClick={() => timer('pause')}>
            {t('timer.pause')}
          </button>
        </Show>
        <button type="button" onClick={() => timer('extend', 60)}>
          {t('timer.extend')}
        </button>
        <button type="button" onClick={() => timer('reset')}>
          {t('timer.reset')}
        </button>
      </div>
      <ErrorMessage message={error()} />
    </section>
  )
}
