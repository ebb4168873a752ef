/**
 * One snapshot, read only (`/w/:id/history/:sid`): its board on the canvas with the existing
 * board model, fed from the snapshot's Yjs state in a fresh document that no connection ever
 * sends (no desk, no presence, nothing editable); a banner saying so with the way back to the live
 * board; its cards as a list; the difference to another snapshot; and "continue from here".
 */
import { A, useNavigate, useParams } from '@solidjs/router'
import { createResource, type JSX, onCleanup, Show } from 'solid-js'
import * as Y from 'yjs'
import {
  api,
  type ContinueRequest,
  type ContinueResponse,
  type SnapshotInfo,
  type SnapshotListResponse,
  type WorkshopDetails,
} from '../api/http.ts'
import { createBoardModel } from '../board/board-model.ts'
import { Canvas } from '../board/Canvas.tsx'
import { SnapshotCards } from '../board/SnapshotCards.tsx'
import { SnapshotDiffView } from '../board/SnapshotDiffView.tsx'
import { fetchSnapshotState } from '../board/snapshot-state.ts'
import { createViewport } from '../board/viewport.ts'
import { ZoomControls } from '../board/ZoomControls.tsx'
import { ErrorMessage, messageOf } from '../components/ErrorMessage.tsx'
import { createFormAction } from '../components/form-action.ts'
import { t } from '../i18n/i18n.ts'
import '../board/history.css'
import { formatDateTime } from '../i18n/format.ts'

export function HistoryPage(): JSX.Element {
  const params = useParams<{ id: string; sid: string }>()
  const [workshop] = createResource(
    () => params.id,
    (id) => api<WorkshopDetails>('GET', `/api/workshops/${id}`),
  )
  const [snapshots] = createResource(
    () => params.id,
    (id) => api<SnapshotListResponse>('GET', `/api/workshops/${id}/snapshots`).then((r) => r.snapshots),
  )
  const [state] = createResource(
    () => ({ id: params.id, sid: params.sid }),
    ({ id, sid }) => fetchSnapshotState(id, sid),
  )
  const failed = () => workshop.error ?? snapshots.error ?? state.error
  const loaded = () => {
    const w = workshop()
    const list = snapshots()
    const bytes = state()
    const current = list?.find((s) => s.id === params.sid)
    return w && list && bytes && current ? { w, list, bytes, current } : null
  }
  return (
    <Show
      when={!failed()}
      fallback={
        <div class="page">
          <ErrorMessage message={failed() ? messageOf(failed()) : null} />
          <A href={`/w/${params.id}`}>{t('history.back')}</A>
        </div>
      }
    >
      <Show when={loaded()} keyed fallback={<p class="page">{t('common.loading')}</p>}>
        {(l) => <SnapshotView workshop={l.w} snapshots={l.list} snapshot={l.current} state={l.bytes} />}
      </Show>
    </Show>
  )
}

function SnapshotView(props: {
  workshop: WorkshopDetails
  snapshots: SnapshotInfo[]
  snapshot: SnapshotInfo
  state: Uint8Array
}): JSX.Element {
  const navigate = useNavigate()
  const board = new Y.Doc()
  Y.applyUpdate(board, props.state)
  onCleanup(() => board.destroy())
  // An observer who is not the facilitator: the model offers no write, no frame edit, no vote.
  const model = createBoardModel(
    { workshopId: props.workshop.id, board, desk: null },
    { participantId: '', name: props.workshop.me.name, role: 'observer', isFacilitator: false },
  )
  const viewport = createViewport()
  const time = () => formatDateTime(props.snapshot.createdAt)
  const defaultTitle = () => `${props.workshop.title} (${props.snapshot.label})`.slice(0, 200)

  const { submit: continueHere, error } = createFormAction(async (form) => {
    const input = form.get('title')
    const title = typeof input === 'string' && input.trim() ? input.trim() : defaultTitle()
    if (!window.confirm(t('history.continueConfirm', { title }))) return
    const created = await api<ContinueResponse>(
      'POST',
      `/api/workshops/${props.workshop.id}/snapshots/${props.snapshot.id}/continue`,
      { title } satisfies ContinueRequest,
    )
    navigate(`/w/${created.id}`)
  })

  return (
    <div class="board-page history-page">
      <div class="toolbar" role="toolbar" aria-label={props.workshop.title}>
        <h1 class="board-title">{props.workshop.title}</h1>
        <ZoomControls viewport={viewport} />
      </div>
      <p class="history-banner" role="status">
        <span>{t('history.banner', { time: time() })}</span>
        <span>{t('history.bannerLabel', { label: props.snapshot.label })}</span>
        <Show when={props.snapshot.phaseName}>
          {(name) => <span>{t('history.phase', { phase: name() })}</span>}
        </Show>
        <span class="hint">{t('history.by', { name: props.snapshot.createdBy })}</span>
        <A class="button" href={`/w/${props.workshop.id}`}>
          {t('history.back')}
        </A>
      </p>
      <div class="board-body">
        <Canvas
          model={model}
          viewport={viewport}
          peers={[]}
          onCursor={() => undefined}
          onAddAt={() => undefined}
        />
        <aside class="sidebar">
          <SnapshotCards model={model} />
          <SnapshotDiffView
            workshopId={props.workshop.id}
            current={props.snapshot}
            snapshots={props.snapshots}
          />
          <Show when={props.workshop.me.isFacilitator}>
            <section class="panel" aria-labelledby="history-continue-title">
              <h2 id="history-continue-title">{t('history.continue')}</h2>
              <p class="hint">{t('history.continueHint')}</p>
              <form class="form" onSubmit={continueHere}>
                <label for="continue-title">{t('history.continueTitle')}</label>
                <input id="continue-title" name="title" maxLength={200} value={defaultTitle()} />
                <button type="submit" class="primary">
                  {t('history.continue')}
                </button>
              </form>
              <ErrorMessage message={error()} />
            </section>
          </Show>
        </aside>
      </div>
    </div>
  )
}
