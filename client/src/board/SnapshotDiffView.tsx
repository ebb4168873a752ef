/**
 * The difference between the snapshot shown and another one the facilitator picks: cards added,
 * removed, changed (text, colour, hidden) and moved between frames, always from the older to the
 * newer. Computed on the server (shared/history/snapshot-diff.ts).
 */
import { createResource, createSignal, For, type JSX, Show } from 'solid-js'
import { api, type DiffFrame, type SnapshotDiffResponse, type SnapshotInfo } from '../api/http.ts'
import { ErrorMessage, messageOf } from '../components/ErrorMessage.tsx'
import { formatDateTime } from '../i18n/format.ts'
import { t } from '../i18n/i18n.ts'

const when = (s: SnapshotInfo) => formatDateTime(s.createdAt)

export function SnapshotDiffView(props: {
  workshopId: string
  current: SnapshotInfo
  snapshots: SnapshotInfo[]
}): JSX.Element {
  const [other, setOther] = createSignal<string>('')
  const pair = () => {
    const picked = props.snapshots.find((s) => s.id === other())
    if (!picked) return null
    const [from, to] =
      picked.createdAt <= props.current.createdAt ? [picked, props.current] : [props.current, picked]
    return { from: from.id, to: to.id }
  }
  const [diff] = createResource(pair, ({ from, to }) =>
    api<SnapshotDiffResponse>(
      'GET',
      `/api/workshops/${props.workshopId}/snapshots/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    ),
  )
  const frame = (f: DiffFrame | null) => f?.title ?? t('history.outside')
  const color = (c: string) => t(`colors.${c as 'yellow'}`)

  return (
    <section class="panel history-diff" aria-labelledby="history-diff-title">
      <h2 id="history-diff-title">{t('history.diff')}</h2>
      <label for="history-compare">{t('history.compare')}</label>
      <select id="history-compare" value={other()} onChange={(e) => setOther(e.currentTarget.value)}>
        <option value="">{t('history.compareNone')}</option>
        <For each={props.snapshots.filter((s) => s.id !== props.current.id)}>
          {(s) => (
            <option value={s.id}>
              {s.label} ({when(s)})
            </option>
          )}
        </For>
      </select>
      <ErrorMessage message={diff.error ? messageOf(diff.error) : null} />
      <Show when={pair() && diff()}>
        {(d) => (
          <div class="diff-result" aria-live="polite">
            <h3>{t('history.diffTitle', { from: d().from.label, to: d().to.label })}</h3>
            <Show
              when={d().added.length + d().removed.length + d().changed.length + d().moved.length > 0}
              fallback={<p>{t('history.noDiff')}</p>}
            >
              <Show when={d().added.length > 0}>
                <h3>{t('history.added', { count: d().added.length })}</h3>
                <ul class="diff-added">
                  <For each={d().added}>
                    {(c) => (
                      <li>
                        <ins>{c.text}</ins> <span class="hint">({frame(c.frame)})</span>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <Show when={d().removed.length > 0}>
                <h3>{t('history.removed', { count: d().removed.length })}</h3>
                <ul class="diff-removed">
                  <For each={d().removed}>
                    {(c) => (
                      <li>
                        <del>{c.text}</del> <span class="hint">({frame(c.frame)})</span>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <Show when={d().changed.length > 0}>
                <h3>{t('history.changed', { count: d().changed.length })}</h3>
                <ul class="diff-changed">
                  <For each={d().changed}>
                    {(c) => (
                      <li>
                        <For each={c.changes}>
                          {(kind) => (
                            <span class="diff-change">
                              {kind === 'text'
                                ? t('history.changeText', { before: c.before.text, after: c.after.text })
                                : kind === 'color'
                                  ? t('history.changeColor', {
                                      before: color(c.before.color),
                                      after: color(c.after.color),
                                    })
                                  : c.after.hidden
                                    ? t('history.changeHidden')
                                    : t('history.changeShown')}{' '}
                            </span>
                          )}
                        </For>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <Show when={d().moved.length > 0}>
                <h3>{t('history.moved', { count: d().moved.length })}</h3>
                <ul class="diff-moved">
                  <For each={d().moved}>
                    {(m) => (
                      <li>
                        {m.card.text || '—'}:{' '}
                        {t('history.movedFromTo', { from: frame(m.from), to: frame(m.to) })}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </Show>
          </div>
        )}
      </Show>
    </section>
  )
}
