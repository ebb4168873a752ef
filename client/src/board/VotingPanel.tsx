/**
 * The vote in the sidebar: for the facilitator, how many have voted against how many could, and
 * the reveal; for everyone, the revealed results with the split by group (only what the server's
 * secrecy rule published), how many points were counted by hand from paper, and where the
 * groups disagree most.
 */
import { createResource, For, type JSX, onCleanup, Show } from 'solid-js'
import { GROUPS, type VoteResults } from '../../../shared/votes/results.ts'
import { api } from '../api/http.ts'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { countOf, t, tn } from '../i18n/i18n.ts'
import { createLiveText } from '../i18n/live-text.ts'
import type { BoardModel } from './board-model.ts'
import { voteErrorText } from './vote-errors.ts'

interface VoteCount {
  voters: number
  /** Participants of the voting groups connected now. */
  eligible: number
}

export function VotingPanel(props: {
  workshopId: string
  model: BoardModel
  facilitator: boolean
}): JSX.Element {
  const [count, { refetch }] = createResource(
    () => (props.facilitator && props.model.facilitation().vote ? props.workshopId : null),
    (id) => api<VoteCount>('GET', `/api/workshops/${id}/votes/count`),
  )
  const [error, setError] = createLiveText()
  let heading: HTMLHeadingElement | undefined
  const reveal = async () => {
    setError(null)
    try {
      await api('POST', `/api/workshops/${props.workshopId}/votes/reveal`)
      // The button goes once the results are in: keep the keyboard in the panel.
      heading?.focus()
    } catch (err) {
      setError(() => voteErrorText(err))
    }
  }
  const timer = setInterval(
    () => props.facilitator && props.model.facilitation().vote && void refetch(),
    3000,
  )
  onCleanup(() => clearInterval(timer))
  const latest = () => props.model.results().at(-1)
  return (
    <Show when={(props.facilitator && props.model.facilitation().vote) || latest()}>
      <section class="panel" aria-labelledby="vote-title">
        <h2 id="vote-title" ref={heading} tabIndex={-1}>
          {t('agenda.vote')}
        </h2>
        <Show when={props.facilitator && props.model.facilitation().vote}>
          <p aria-live="polite">{votersText(count())}</p>
          {/* Results are computed once; a second reveal would only return them again. */}
          <Show when={latest()?.phaseId !== props.model.facilitation().phaseId}>
            <button type="button" class="primary" onClick={() => void reveal()}>
              {t('vote.reveal')}
            </button>
          </Show>
          <ErrorMessage message={error()} />
        </Show>
        <Show when={latest()}>{(results) => <ResultsView results={results()} model={props.model} />}</Show>
      </section>
    </Show>
  )
}

/**
 * "3 of 5 have voted"; the eligible count is who is connected now, so once voters have gone
 * offline it can be the smaller number: then both are said apart, never "3 of 1".
 */
function votersText(count: VoteCount | undefined): string {
  const voters = count?.voters ?? 0
  const eligible = count?.eligible ?? 0
  return voters > eligible
    ? tn('vote.votersOffline', voters, { voters, eligible })
    : tn('vote.votersOf', voters, { voters, eligible })
}

export function ResultsView(props: { results: VoteResults; model: BoardModel }): JSX.Element {
  const text = (cardId: string) => props.model.cards.find((c) => c.id === cardId)?.text ?? cardId
  const phaseName = () => props.model.script().find((p) => p.id === props.results.phaseId)?.name ?? ''
  const max = () => Math.max(1, ...props.results.cards.map((c) => c.total))
  const rest = (card: VoteResults['cards'][number]) =>
    Math.max(0, card.total - GROUPS.reduce((sum, g) => sum + (card.byGroup[g] ?? 0), 0))
  return (
    <div class="results">
      <h3>{t('vote.results', { phase: phaseName() })}</h3>
      <Show when={props.results.tooFewVoters}>
        <p class="notice too-few">{t('vote.tooFew', { n: props.results.minGroupSize })}</p>
      </Show>
      <ol class="result-list">
        <For each={props.results.cards.slice(0, 8)}>
          {(card) => (
            <li>
              <span class="result-text">{text(card.cardId)}</span>
              <span class="result-total">
                {card.total} {t('vote.total')}
              </span>
              <div class="bars" aria-hidden="true">
                <For each={GROUPS}>
                  {(group) => (
                    <Show when={card.byGroup[group] !== null}>
                      <span
                        class={`bar bar-${group}`}
                        style={{ width: `${((card.byGroup[group] ?? 0) / max()) * 100}%` }}
                      />
                    </Show>
                  )}
                </For>
                {/* Groups not shown apart (and paper or devices merged into them): the rest of
                    the total, already public as total minus the shown groups, in neutral grey. */}
                <Show when={rest(card) > 0}>
                  <span class="bar bar-rest" style={{ width: `${(rest(card) / max()) * 100}%` }} />
                </Show>
              </div>
              <p class="hint">
                {GROUPS.filter((g) => card.byGroup[g] !== null)
                  .map((g) => `${t(`groups.${g}`)} ${card.byGroup[g]}`)
                  .join(' · ')}
              </p>
              <Show when={(card.paper ?? 0) > 0}>
                <p class="hint paper-count">{t('paper.onCard', { points: card.paper ?? 0 })}</p>
              </Show>
            </li>
          )}
        </For>
      </ol>
      <Show when={props.results.paper}>
        {(paper) => (
          <>
            <Show when={paper().voters !== null}>
              <p class="hint paper-count">
                {t('paper.summary', {
                  points: countOf('points', paper().points),
                  voters: countOf('people', paper().voters ?? 0),
                })}
              </p>
              {/* The device part beside it; it follows from the published totals. */}
              <Show when={(props.results.voters.total ?? 0) - (paper().voters ?? 0) > 0}>
                <p class="hint device-count">
                  {t('paper.devices', {
                    points: countOf(
                      'points',
                      props.results.cards.reduce((sum, c) => sum + c.total, 0) - paper().points,
                    ),
                    voters: countOf('people', (props.results.voters.total ?? 0) - (paper().voters ?? 0)),
                  })}
                </p>
              </Show>
            </Show>
            <Show when={paper().withheld.includes('devices')}>
              <p class="hint">{t('paper.withheldDevices', { n: props.results.minGroupSize })}</p>
            </Show>
            <Show when={paper().withheld.includes('paper')}>
              <p class="hint">{t('paper.withheldPaper', { n: props.results.minGroupSize })}</p>
            </Show>
          </>
        )}
      </Show>
      <Show when={props.results.hiddenGroups.length > 0}>
        <p class="hint">
          {t('vote.hiddenGroups', {
            groups: props.results.hiddenGroups.map((g) => t(`groups.${g}`)).join(', '),
            n: props.results.minGroupSize,
          })}
        </p>
      </Show>
      <Show when={props.results.disagreements.length > 0}>
        <p>{t('vote.disagree')}:</p>
        <ul>
          <For each={props.results.disagreements}>
            {(d) => (
              <li>
                {text(d.cardId)} ({Math.round(d.spread * 100)} %)
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  )
}
