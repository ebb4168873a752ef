/** Measures (Maßnahmen): facilitators turn top cards into measures; everyone sees the list. */
import { For, type JSX, Show } from 'solid-js'
import type * as Y from 'yjs'
import { deleteMeasure, setMeasure } from '../../../shared/board/measures.ts'
import { createFormAction } from '../components/form-action.ts'
import { formatDay } from '../i18n/format.ts'
import { t } from '../i18n/i18n.ts'
import type { BoardModel } from './board-model.ts'

export function MeasuresPanel(props: { board: Y.Doc; model: BoardModel; facilitator: boolean }): JSX.Element {
  const ranked = () => {
    const results = props.model.results().at(-1)
    const order = results ? results.cards.map((c) => c.cardId) : []
    return [...props.model.cards].sort((a, b) => {
      const ia = order.indexOf(a.id)
      const ib = order.indexOf(b.id)
      return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib)
    })
  }
  const { submit } = createFormAction(async (form, element) => {
    const cardId = String(form.get('cardId') ?? '')
    const card = props.model.cards.find((c) => c.id === cardId)
    const title = String(form.get('title') ?? '').trim() || card?.text || ''
    if (!title) return
    setMeasure(props.board, {
      id: `m-${crypto.getRandomValues(new Uint32Array(2)).join('')}`,
      title,
      cardId: card ? card.id : null,
      owner: String(form.get('owner') ?? ''),
      department: String(form.get('department') ?? ''),
      due: String(form.get('due') ?? ''),
    })
    element.reset()
  })
  return (
    <Show when={props.facilitator || props.model.measures().length > 0}>
      <section class="panel" aria-labelledby="measures-title">
        <h2 id="measures-title">{t('measures.title')}</h2>
        <Show when={props.model.measures().length > 0} fallback={<p class="hint">{t('measures.none')}</p>}>
          <ul class="measures">
            <For each={props.model.measures()}>
              {(m) => (
                <li>
                  <strong>{m.title}</strong>
                  <span class="hint">
                    {[m.owner, m.department, m.due && formatDay(m.due)].filter(Boolean).join(' · ')}
                  </span>
                  <Show when={props.facilitator}>
                    <button type="button" class="danger" onClick={() => deleteMeasure(props.board, m.id)}>
                      {t('measures.remove')}
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={props.facilitator}>
          <form class="form" onSubmit={submit}>
            <label for="measure-card">{t('measures.fromCard')}</label>
            <select id="measure-card" name="cardId">
              <option value="">—</option>
              <For each={ranked()}>{(card) => <option value={card.id}>{card.text.slice(0, 60)}</option>}</For>
            </select>
            <label for="measure-title">{t('measures.what')}</label>
            <input id="measure-title" name="title" maxLength={300} />
            <label for="measure-owner">{t('measures.owner')}</label>
            <input id="measure-owner" name="owner" maxLength={120} />
            <label for="measure-department">{t('measures.department')}</label>
            <input id="measure-department" name="department" maxLength={120} />
            <label for="measure-due">{t('measures.due')}</label>
            <input id="measure-due" name="due" type="date" />
            <button type="submit" class="primary">
              {t('measures.add')}
            </button>
          </form>
        </Show>
      </section>
    </Show>
  )
}
