/**
 * Hand-counted dots, for assistants and facilitators in a voting phase: a table of the board's
 * cards by group, where the points counted on the wall are typed in. Each field saves when it
 * changes (Enter or leaving it); Enter also moves down to the next card in the same column, so a
 * column of the wall is typed without the mouse. A status line says what was saved or refused.
 * The server keeps the counts secret until the reveal; this table shows only what was entered
 * here, never a device ballot.
 */
import { createEffect, createSignal, For, type JSX, on, Show } from 'solid-js'
import { mayEnterPaperVotes } from '../../../shared/policy/permissions.ts'
import { GROUPS, type Group, type Role } from '../../../shared/policy/roles.ts'
import { api, type PaperVotesResponse } from '../api/http.ts'
import { t } from '../i18n/i18n.ts'
import type { BoardModel } from './board-model.ts'
import { voteErrorText } from './vote-errors.ts'

const key = (cardId: string, group: Group) => `${cardId}\u0000${group}`

export function PaperDotsPanel(props: {
  workshopId: string
  model: BoardModel
  viewer: { participantId: string; role: Role; isFacilitator: boolean }
}): JSX.Element {
  const [entries, setEntries] = createSignal<PaperVotesResponse | null>(null)
  const [status, setStatus] = createSignal<{ text: () => string; error: boolean } | null>(null)
  const allowed = () => mayEnterPaperVotes(props.viewer)
  const open = () => allowed() && !!props.model.facilitation().vote
  const revealed = () => entries()?.revealed === true
  const cards = () => props.model.cards.filter((c) => !c.pending && c.hidden === null)
  const base = () => `/api/workshops/${props.workshopId}/votes/paper`

  const load = async () => {
    sent.clear()
    if (!open()) {
      setEntries(null)
      return
    }
    try {
      setEntries(await api<PaperVotesResponse>('GET', base()))
    } catch (err) {
      setEntries(null)
      setStatus({ text: () => voteErrorText(err), error: true })
    }
  }
  createEffect(
    on(
      () => [open(), props.model.facilitation().phaseId, props.model.results().length],
      () => void load(),
    ),
  )

  const points = () => {
    const out = new Map<string, number>()
    for (const e of entries()?.entries ?? []) out.set(key(e.cardId, e.group), e.points)
    return out
  }

  // What each field last sent: Enter saves and moves on, and leaving the field fires its change
  // event again; the same number is not sent twice.
  const sent = new Map<string, number>()
  const save = async (field: string, n: number, path: string, body: object, label: string) => {
    if (sent.get(field) === n) return
    sent.set(field, n)
    setStatus({ text: () => t('paper.saving'), error: false })
    try {
      setEntries(await api<PaperVotesResponse>('POST', path, body))
      setStatus({ text: () => t('paper.saved', { what: label }), error: false })
    } catch (err) {
      sent.delete(field)
      setStatus({ text: () => voteErrorText(err), error: true })
      void load()
    }
  }

  /** The field's number, or null for what is not a whole number from 0 (left as typed). */
  const countIn = (input: HTMLInputElement): number | null => {
    const raw = input.value.trim()
    const n = raw === '' ? 0 : Number(raw)
    return Number.isInteger(n) && n >= 0 ? n : null
  }

  const savePoints = (input: HTMLInputElement, cardId: string, text: string, group: Group) => {
    const n = countIn(input)
    if (n === null) {
      setStatus({ text: () => t('paper.notANumber'), error: true })
      return
    }
    const field = key(cardId, group)
    if (!sent.has(field) && n === (points().get(field) ?? 0)) return
    void save(field, n, base(), { cardId, group, points: n }, `${text} · ${t(`groups.${group}`)}: ${n}`)
  }

  const saveVoters = (input: HTMLInputElement, group: Group) => {
    const n = countIn(input)
    if (n === null) {
      setStatus({ text: () => t('paper.notANumber'), error: true })
      return
    }
    const field = `voters-${group}`
    if (!sent.has(field) && n === (entries()?.voters[group] ?? 0)) return
    void save(
      field,
      n,
      `${base()}/voters`,
      { group, voters: n },
      `${t('paper.voters')} · ${t(`groups.${group}`)}: ${n}`,
    )
  }

  /** Enter: save (the change event) and go to the same column of the next row. */
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return
    event.preventDefault()
    const input = event.currentTarget as HTMLInputElement
    const column = input.dataset.column
    const inputs = [
      ...(input.closest('table')?.querySelectorAll<HTMLInputElement>(`input[data-column="${column}"]`) ?? []),
    ]
    const next = inputs[inputs.indexOf(input) + (event.shiftKey ? -1 : 1)]
    input.dispatchEvent(new Event('change'))
    next?.focus()
    next?.select()
  }

  return (
    <Show when={open() && entries()}>
      <section class="panel paper-dots" aria-labelledby="paper-title">
        <h2 id="paper-title">{t('paper.title')}</h2>
        <p class="hint">{t('paper.hint')}</p>
        <Show when={revealed()}>
          <p class="hint">{t('voteErrors.revealed')}</p>
        </Show>
        <table class="paper-table">
          <thead>
            <tr>
              <th scope="col">{t('paper.card')}</th>
              <For each={GROUPS}>
                {(g) => (
                  <th scope="col" title={t(`groups.${g}`)}>
                    {t(`paper.columns.${g}`)}
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <For each={cards()}>
              {(card) => (
                <tr>
                  <th scope="row" class="paper-card" title={card.text}>
                    {card.text || card.id}
                  </th>
                  <For each={GROUPS}>
                    {(group) => (
                      <td>
                        <input
                          type="number"
                          inputmode="numeric"
                          min="0"
                          step="1"
                          data-column={group}
                          disabled={revealed()}
                          aria-label={t('paper.field', {
                            card: card.text || card.id,
                            group: t(`groups.${group}`),
                          })}
                          value={points().get(key(card.id, group)) ?? ''}
                          onChange={(e) => savePoints(e.currentTarget, card.id, card.text || card.id, group)}
                          onKeyDown={onKeyDown}
                        />
                      </td>
                    )}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('paper.voters')}</th>
              <For each={GROUPS}>
                {(group) => (
                  <td>
                    <input
                      type="number"
                      inputmode="numeric"
                      min="0"
                      step="1"
                      data-column={`voters-${group}`}
                      disabled={revealed()}
                      aria-label={t('paper.votersField', { group: t(`groups.${group}`) })}
                      value={entries()?.voters[group] ?? ''}
                      onChange={(e) => saveVoters(e.currentTarget, group)}
                      onKeyDown={onKeyDown}
                    />
                  </td>
                )}
              </For>
            </tr>
          </tfoot>
        </table>
        <p class="hint">{t('paper.votersHint')}</p>
        <p class={status()?.error ? 'error' : 'hint'} role="status" aria-live="polite">
          {status()?.text() ?? ''}
        </p>
      </section>
    </Show>
  )
}
