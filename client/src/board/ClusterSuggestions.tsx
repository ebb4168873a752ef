/**
 * Cluster suggestions for the facilitator: the server groups the cards outside frames (nothing
 * leaves the server, see server/clusters/), each suggestion shows the words that tie its cards
 * together; the facilitator edits its title, accepts it (a frame with the cards moved in) or
 * rejects it. Plain form controls throughout, so the panel works by keyboard; after an accept or
 * reject the focus moves to the next suggestion's title.
 */
import { createSignal, For, type JSX, Show } from 'solid-js'
import type { ClusterAcceptResponse, ClusterSuggestion, ClusterSuggestResponse } from '../api/http.ts'
import { api } from '../api/http.ts'
import { ErrorMessage, messageOf } from '../components/ErrorMessage.tsx'
import { countOf, t } from '../i18n/i18n.ts'
import { createLiveText } from '../i18n/live-text.ts'
import type { BoardModel } from './board-model.ts'

interface Item extends ClusterSuggestion {
  key: number
}

export function ClusterSuggestions(props: { workshopId: string; model: BoardModel }): JSX.Element {
  const [items, setItems] = createSignal<Item[] | null>(null)
  const [busy, setBusy] = createSignal(false)
  const [status, setStatus] = createLiveText()
  const [error, setError] = createLiveText()
  let list: HTMLOListElement | undefined

  const textOf = (id: string) => props.model.cards.find((c) => c.id === id)?.text ?? ''

  const compute = async () => {
    setBusy(true)
    setError(null)
    setStatus(null)
    try {
      const phaseId = props.model.facilitation().phaseId
      const res = await api<ClusterSuggestResponse>(
        'POST',
        `/api/workshops/${props.workshopId}/clusters/suggest`,
        phaseId ? { phaseId } : {},
      )
      setItems(res.suggestions.map((s, key) => ({ ...s, key })))
      setStatus(() =>
        t('clusters.computed', {
          suggestions: countOf('suggestions', res.suggestions.length),
          cards: countOf('cards', res.cards),
        }),
      )
    } catch (err) {
      setError(() => messageOf(err))
    } finally {
      setBusy(false)
    }
  }

  /** Drops a suggestion and puts the focus on the next one (or the button that computes). */
  const drop = (key: number) => {
    const current = items() ?? []
    const index = current.findIndex((i) => i.key === key)
    setItems(current.filter((i) => i.key !== key))
    queueMicrotask(() => {
      const titles = list?.querySelectorAll<HTMLInputElement>('input[name="title"]') ?? []
      const next = titles[Math.min(index, titles.length - 1)]
      if (next) next.focus()
      else document.getElementById('clusters-compute')?.focus()
    })
  }

  const accept = async (item: Item, title: string) => {
    setError(null)
    try {
      const res = await api<ClusterAcceptResponse>(
        'POST',
        `/api/workshops/${props.workshopId}/clusters/accept`,
        {
          title,
          cardIds: item.cardIds,
        },
      )
      setStatus(() =>
        t('clusters.accepted', { title: res.frame.title, cards: countOf('cards', res.moved.length) }),
      )
      drop(item.key)
    } catch (err) {
      setError(() => messageOf(err))
    }
  }

  return (
    <section class="panel" aria-labelledby="clusters-title">
      <h2 id="clusters-title">{t('clusters.title')}</h2>
      <p class="hint">{t('clusters.hint')}</p>
      <button id="clusters-compute" type="button" disabled={busy()} onClick={compute}>
        {busy() ? t('clusters.computing') : t('clusters.compute')}
      </button>
      <p class="hint" role="status" aria-live="polite">
        {status()}
      </p>
      <ErrorMessage message={error()} />
      <Show when={items()}>
        {(current) => (
          <Show when={current().length > 0} fallback={<p class="hint">{t('clusters.none')}</p>}>
            <ol class="snapshot-list" ref={list}>
              <For each={current()}>
                {(item) => {
                  const [title, setTitle] = createSignal(item.title)
                  const titleId = `cluster-title-${item.key}`
                  return (
                    <li>
                      <form
                        class="form"
                        aria-label={t('clusters.suggestion', { title: item.title })}
                        onSubmit={(e) => {
                          e.preventDefault()
                          const value = title().trim()
                          if (value) void accept(item, value)
                        }}
                      >
                        <label for={titleId}>{t('clusters.frameTitle')}</label>
                        <input
                          id={titleId}
                          name="title"
                          value={title()}
                          maxLength={120}
                          required
                          onInput={(e) => setTitle(e.currentTarget.value)}
                        />
                        <Show when={item.words.length > 0}>
                          <p class="hint">{t('clusters.words', { words: item.words.join(', ') })}</p>
                        </Show>
                        <details>
                          <summary>
                            {t('clusters.cards', { cards: countOf('cards', item.cardIds.length) })}
                          </summary>
                          <ul>
                            <For each={item.cardIds}>{(id) => <li>{textOf(id)}</li>}</For>
                          </ul>
                        </details>
                        <div>
                          <button type="submit" class="primary">
                            {t('clusters.accept')}
                          </button>{' '}
                          <button type="button" onClick={() => drop(item.key)}>
                            {t('clusters.reject')}
                          </button>
                        </div>
                      </form>
                    </li>
                  )
                }}
              </For>
            </ol>
          </Show>
        )}
      </Show>
    </section>
  )
}
