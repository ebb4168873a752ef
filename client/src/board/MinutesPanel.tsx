/**
 * Facilitator panel: store a named snapshot, list them (label, phase, time, author) with a link
 * to view each read-only (history), and download its minutes as HTML, Markdown or JSON.
 */
import { A } from '@solidjs/router'
import { createResource, createSignal, For, type JSX, Show } from 'solid-js'
import { api, appUrl, type SnapshotInfo } from '../api/http.ts'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { createFormAction } from '../components/form-action.ts'
import { locale, t } from '../i18n/i18n.ts'

export function MinutesPanel(props: { workshopId: string }): JSX.Element {
  const [snapshots, { refetch }] = createResource(
    () => props.workshopId,
    (id) =>
      api<{ snapshots: SnapshotInfo[] }>('GET', `/api/workshops/${id}/snapshots`).then((r) => r.snapshots),
  )
  const [status, setStatus] = createSignal<string | null>(null)

  const { submit: save, error } = createFormAction(async (form, element) => {
    const input = form.get('label')
    const time = new Date().toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' })
    const label =
      typeof input === 'string' && input.trim() ? input.trim() : t('minutes.labelDefault', { time })
    await api('POST', `/api/workshops/${props.workshopId}/snapshots`, { label })
    element.reset()
    setStatus(t('minutes.saved', { label }))
    await refetch()
  })

  const link = (snapshotId: string, format: string) =>
    appUrl(
      `/api/workshops/${props.workshopId}/minutes?format=${format}&snapshot=${snapshotId}&lang=${locale()}&download=1`,
    )

  return (
    <section class="panel" aria-labelledby="minutes-title">
      <h2 id="minutes-title">{t('minutes.title')}</h2>
      <form class="form" onSubmit={save}>
        <label for="snapshot-label">{t('minutes.label')}</label>
        <input id="snapshot-label" name="label" maxLength={200} />
        <button type="submit" class="primary">
          {t('minutes.snapshot')}
        </button>
      </form>
      <ErrorMessage message={error()} />
      <p class="status" role="status">
        {status()}
      </p>
      <Show when={(snapshots() ?? []).length > 0} fallback={<p>{t('minutes.empty')}</p>}>
        <ul class="snapshot-list">
          <For each={snapshots()}>
            {(s) => (
              <li>
                <strong>{s.label}</strong>
                <span class="hint"> {new Date(s.createdAt).toLocaleString(locale())}</span>
                <Show when={s.phaseName}>
                  {(name) => <span class="hint"> · {t('history.phase', { phase: name() })}</span>}
                </Show>
                <span class="hint"> · {t('history.by', { name: s.createdBy })}</span>{' '}
                <A href={`/w/${props.workshopId}/history/${s.id}`}>{t('history.open')}</A>
                <div class="downloads">
                  {t('minutes.export')} <a href={link(s.id, 'html')}>HTML</a> ·{' '}
                  <a href={link(s.id, 'md')}>Markdown</a> · <a href={link(s.id, 'json')}>JSON</a>
                </div>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
