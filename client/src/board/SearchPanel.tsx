/**
 * Search with jump-to-card: filters the cards by text (and by author where names are shown to
 * this person), lists them, and centres the view on the chosen one, which takes the focus.
 */
import { createMemo, createSignal, For, type JSX, onMount, Show } from 'solid-js'
import { t } from '../i18n/i18n.ts'
import type { CardView } from './board-model.ts'
import type { CanvasTools } from './canvas-tools.ts'

const MAX_HITS = 50

export function SearchPanel(props: { tools: CanvasTools; onClose: () => void }): JSX.Element {
  const [query, setQuery] = createSignal('')
  let input: HTMLInputElement | undefined
  let root: HTMLElement | undefined
  const model = props.tools.model
  // Searching by name must not reveal who wrote what while names are hidden in this phase.
  const author = (card: CardView) =>
    model.isFacilitator || card.mine || model.facilitation().showAuthors ? (card.authorName ?? '') : ''
  const hits = createMemo(() => {
    const q = query().trim().toLocaleLowerCase()
    if (!q) return []
    return model.cards
      .filter((c) => c.text.toLocaleLowerCase().includes(q) || author(c).toLocaleLowerCase().includes(q))
      .slice(0, MAX_HITS)
  })
  onMount(() => input?.focus())
  const choose = (card: CardView) => {
    const canvas = root?.closest<HTMLElement>('.canvas') ?? null
    props.onClose()
    props.tools.jumpTo(card, canvas)
  }
  return (
    <search
      ref={root}
      class="search-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault()
          props.onClose()
        }
      }}
    >
      <label for="card-search">{t('canvasTools.searchLabel')}</label>
      <div class="search-row">
        <input
          ref={input}
          id="card-search"
          type="search"
          autocomplete="off"
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            const first = hits()[0]
            if (e.key === 'Enter' && first) {
              e.preventDefault()
              choose(first)
            }
          }}
        />
        <button type="button" onClick={props.onClose}>
          {t('canvasTools.searchClose')}
        </button>
      </div>
      <p class="hint" role="status">
        <Show when={query().trim()}>
          {hits().length > 0 ? t('canvasTools.hits', { count: hits().length }) : t('canvasTools.noHits')}
        </Show>
      </p>
      <Show when={hits().length > 0}>
        <ul class="search-hits">
          <For each={hits()}>
            {(card) => (
              <li>
                <button type="button" onClick={() => choose(card)}>
                  <span class="search-text">{card.text || t('canvasTools.emptyCard')}</span>
                  <Show when={author(card)}>
                    <span class="hint"> — {author(card)}</span>
                  </Show>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </search>
  )
}
