/**
 * Facilitator panel: the place printed in the minutes, named snapshots (label, phase, time,
 * author) with a link to view each read-only (history), and each snapshot's minutes as a download
 * in every format (HTML, PDF/A, Word, Markdown, JSON) or as a preview.
 */
import { A } from '@solidjs/router'
import { createResource, For, type JSX, Show } from 'solid-js'
import { api, appUrl, type PlaceResponse, type SnapshotInfo } from '../api/http.ts'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { createFormAction } from '../components/form-action.ts'
import { formatDateTime, formatTime } from '../i18n/format.ts'
import { locale, t } from '../i18n/i18n.ts'
import { createLiveText } from '../i18n/live-text.ts'

export function MinutesPanel(props: { workshopId: string }): JSX.Element {
  const [snapshots, { refetch }] = createResource(
    () => props.workshopId,
    (id) =>
      api<{ snapshots: SnapshotInfo[] }>('GET', `/api/workshops/${id}/snapshots`).then((r) => r.snapshots),
  )
  const [place] = createResource(
    () => props.workshopId,
    (id) => api<PlaceResponse>('GET', `/api/workshops/${id}/place`).then((r) => r.place ?? ''),
  )
  const [status, setStatus] = createLiveText()

  const { submit: save, error } = createFormAction(async (form, element) => {
    const input = form.get('label')
    const time = formatTime()
    const label =
      typeof input === 'string' && input.trim() ? input.trim() : t('minutes.labelDefault', { time })
    await api('POST', `/api/workshops/${props.workshopId}/snapshots`, { label })
    element.reset()
    setStatus(() => t('minutes.saved', { label }))
    await refetch()
  })

  const { submit: savePlace, error: placeError } = createFormAction(async (form) => {
    const input = form.get('place')
    await api<PlaceResponse>('PUT', `/api/workshops/${props.workshopId}/place`, {
      place: typeof input === 'string' ? input : '',
    })
    setStatus(() => t('minutes.placeSaved'))
  })

  const link = (snapshotId: string, format: string, download = true) =>
    appUrl(
      `/api/workshops/${props.workshopId}/minutes?format=${format}&snapshot=${snapshotId}&lang=${locale()}${download ? '&download=1' : ''}`,
    )

  const formats = (): [string, string][] => [
    ['html', 'HTML'],
    ['pdf', t('minutes.formatPdf')],
    ['docx', t('minutes.formatDocx')],
    ['md', 'Markdown'],
    ['json', 'JSON'],
  ]

  return (
    <section class="panel" aria-labelledby="minutes-title">
      <h2 id="minutes-title">{t('minutes.title')}</h2>
      <form class="form" onSubmit={savePlace}>
        <label for="minutes-place">{t('minutes.place')}</label>
        <input id="minutes-place" name="place" maxLength={200} value={place() ?? ''} />
        <button type="submit">{t('minutes.placeSave')}</button>
      </form>
      <ErrorMessage message={placeError()} />
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
                <span class="hint"> {formatDateTime(s.createdAt)}</span>
                <Show when={s.phaseName}>
                  {(name) => <span class="hint"> · {t('history.phase', { phase: name() })}</span>}
                </Show>
                <span class="hint"> · {t('history.by', { name: s.createdBy })}</span>{' '}
                <A href={`/w/${props.workshopId}/history/${s.id}`}>{t('history.open')}</A>
                <div class="downloads">
                  {t('minutes.export')}{' '}
                  <For each={formats()}>
                    {([format, name], i) => (
                      <>
                        {i() > 0 ? ' · ' : ''}
                        {/* download: a file, not a route of the app (the router leaves it alone) */}
                        <a href={link(s.id, format)} download="" rel="external">
                          {name}
                        </a>
                      </>
                    )}
                  </For>{' '}
                  ·{' '}
                  <a href={link(s.id, 'html', false)} target="_blank" rel="external noopener">
                    {t('minutes.preview')}
                  </a>
                </div>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
