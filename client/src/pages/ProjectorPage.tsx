/**
 * The projector on the wall: read-only, large type. Phase and guiding question, the timer, how
 * to join, live counts, and the revealed results as a chart. It writes nothing and shows no
 * presence of its own. Only the workshop's facilitators open it (the code and counts are
 * theirs); it shows no app header, and its type is sized for the back row (projector.css).
 */
import { A, useParams } from '@solidjs/router'
import { createResource, createSignal, For, type JSX, onCleanup, Show } from 'solid-js'
import { GROUPS } from '../../../shared/votes/results.ts'
import { api, appUrl, type WorkshopDetails } from '../api/http.ts'
import { connectBoard } from '../board/board-connection.ts'
import { createBoardModel } from '../board/board-model.ts'
import { HandsProjector } from '../board/HandsProjector.tsx'
import { createHands } from '../board/hands.ts'
import { PhaseBanner } from '../board/PhaseBanner.tsx'
import { RefusedBoard } from '../board/RefusedBoard.tsx'
import { ResultsView } from '../board/VotingPanel.tsx'
import { t } from '../i18n/i18n.ts'
import './projector.css'

interface ParticipantRow {
  role: string
  removed: boolean
  connections: number
}

export function ProjectorPage(): JSX.Element {
  const params = useParams<{ id: string }>()
  const [workshop, { refetch }] = createResource(
    () => params.id,
    (id) => api<WorkshopDetails>('GET', `/api/workshops/${id}`),
  )
  return (
    <Show
      when={!workshop.error && workshop()}
      keyed
      fallback={
        <Show when={workshop.error} fallback={<p class="page">{t('common.loading')}</p>}>
          {(error) => <RefusedBoard error={error()} workshopId={params.id} onRetry={() => void refetch()} />}
        </Show>
      }
    >
      {(w) => (
        // The join code, the QR code and the counts are the facilitator's: the server refuses
        // them to anyone else, so the page says so instead of showing a broken wall.
        <Show when={w.me.isFacilitator} fallback={<ProjectorRefused workshopId={w.id} />}>
          <Projector workshop={w} />
        </Show>
      )}
    </Show>
  )
}

function ProjectorRefused(props: { workshopId: string }): JSX.Element {
  return (
    <section class="page projector-refused" aria-labelledby="projector-refused-title">
      <h1 id="projector-refused-title">{t('projector.open')}</h1>
      <p role="alert">{t('projector.refused')}</p>
      <p>
        <A class="button" href={`/w/${props.workshopId}`}>
          {t('projector.toBoard')}
        </A>
      </p>
    </section>
  )
}

function Projector(props: { workshop: WorkshopDetails }): JSX.Element {
  const connection = connectBoard(props.workshop.id, null, null)
  connection.boardProvider.awareness.setLocalState(null)
  onCleanup(() => connection.destroy())
  const model = createBoardModel(connection, { ...props.workshop.me, isFacilitator: false, role: 'observer' })
  const [people, { refetch: refetchPeople }] = createResource(() =>
    api<{ participants: ParticipantRow[] }>('GET', `/api/workshops/${props.workshop.id}/participants`).then(
      (r) => r.participants.filter((p) => !p.removed && p.connections > 0),
    ),
  )
  const [voters, { refetch: refetchVoters }] = createResource(() =>
    api<{ voters: number }>('GET', `/api/workshops/${props.workshop.id}/votes/count`).then((r) => r.voters),
  )
  // The way in as it is now: a new code or closed joining must not leave the wall showing the old.
  // A failed poll keeps what was shown; the next one tries again.
  const [door, setDoor] = createSignal<WorkshopDetails>(props.workshop)
  const timer = setInterval(() => {
    void refetchPeople()
    void refetchVoters()
    api<WorkshopDetails>('GET', `/api/workshops/${props.workshop.id}`)
      .then(setDoor)
      .catch(() => undefined)
  }, 3000)
  onCleanup(() => clearInterval(timer))
  const hands = createHands(connection.board)
  const byGroup = (group: string) => (people() ?? []).filter((p) => p.role === group).length

  return (
    <div class="projector">
      <header class="projector-head">
        <h1>{props.workshop.title}</h1>
        <Show when={door().joining !== false} fallback={<p class="projector-join">{t('join.closed')}</p>}>
          <p class="projector-join">
            {t('projector.join', {
              url: door().joinUrl ?? '',
              code: door().joinCodeDisplay ?? '',
            })}
          </p>
          <img
            class="projector-qr"
            src={appUrl(`/api/workshops/${props.workshop.id}/qr.svg?code=${door().joinCode ?? ''}`)}
            alt={t('joinScreen.qrAlt')}
          />
        </Show>
      </header>
      <PhaseBanner model={model} large />
      <ul class="projector-counts">
        <For each={GROUPS}>
          {(group) => (
            <li>
              <strong>{byGroup(group)}</strong> {t(`groups.${group}`)}
            </li>
          )}
        </For>
        <li>
          <strong>{model.cards.length}</strong> {t('projector.cards')}
        </li>
        <Show when={model.facilitation().vote}>
          <li>
            <strong>{voters() ?? 0}</strong> {t('projector.voters')}
          </li>
        </Show>
      </ul>
      <HandsProjector hands={hands()} />
      <Show when={model.results().at(-1)}>
        {(results) => <ResultsView results={results()} model={model} />}
      </Show>
    </div>
  )
}
