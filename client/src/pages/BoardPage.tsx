/** The workshop board: canvas, toolbar, presence, connection state and, for facilitators, minutes. */
import { A, useNavigate, useParams } from '@solidjs/router'
import { createEffect, createResource, createSignal, type JSX, onCleanup, onMount, Show } from 'solid-js'
import { boardBounds } from '../../../shared/board/board-bounds.ts'
import { CLOSE } from '../../../shared/protocol/close-codes.ts'
import { api, fetchMe, type WorkshopDetails } from '../api/http.ts'
import { enterWorkshop } from '../api/tab-identity.ts'
import { AgendaPanel } from '../board/AgendaPanel.tsx'
import { AssistantEntry } from '../board/AssistantEntry.tsx'
import { BoardListView } from '../board/BoardListView.tsx'
import { connectBoard } from '../board/board-connection.ts'
import { addFrameWithRoom, setTitlingFrame } from '../board/board-links.ts'
import { createBoardModel } from '../board/board-model.ts'
import { boardViewMode } from '../board/board-view-mode.ts'
import { Canvas } from '../board/Canvas.tsx'
import { CanvasTools } from '../board/CanvasTools.tsx'
import { CloseWorkshopButton } from '../board/CloseWorkshopButton.tsx'
import { ClusterSuggestions } from '../board/ClusterSuggestions.tsx'
import { ConnectionBadge } from '../board/ConnectionBadge.tsx'
import { createCanvasTools } from '../board/canvas-tools.ts'
import { deleteDeskCache } from '../board/desk-cache.ts'
import { FacilitationPanel } from '../board/FacilitationPanel.tsx'
import { followSpotlight } from '../board/follow-spotlight.ts'
import { HandButton } from '../board/HandButton.tsx'
import { HandsPanel } from '../board/HandsPanel.tsx'
import { createHands } from '../board/hands.ts'
import { JoiningControls } from '../board/JoiningControls.tsx'
import { ListCardConnections } from '../board/ListCardConnections.tsx'
import { MeasuresPanel } from '../board/MeasuresPanel.tsx'
import { MinutesPanel } from '../board/MinutesPanel.tsx'
import { MyCardsPanel } from '../board/MyCardsPanel.tsx'
import { NewCardAnnouncer } from '../board/NewCardAnnouncer.tsx'
import { newCardSpot } from '../board/new-card-spot.ts'
import { PaperDotsPanel } from '../board/PaperDotsPanel.tsx'
import { ParticipantsPanel } from '../board/ParticipantsPanel.tsx'
import { PeoplePanel } from '../board/PeoplePanel.tsx'
import { PhaseBanner } from '../board/PhaseBanner.tsx'
import { PhoneTabBar } from '../board/PhoneTabBar.tsx'
import { PhoneViewExtras } from '../board/PhoneViewExtras.tsx'
import { createPhoneTabs, isPhone } from '../board/phone-layout.ts'
import { createPresence } from '../board/presence.ts'
import { RefusedBoard } from '../board/RefusedBoard.tsx'
import { UnsentContext } from '../board/unsent-changes.ts'
import { ViewToggle } from '../board/ViewToggle.tsx'
import { VoteListPanel } from '../board/VoteListPanel.tsx'
import { VotingPanel } from '../board/VotingPanel.tsx'
import { createViewport } from '../board/viewport.ts'
import { createVoting } from '../board/voting.ts'
import { ZoomControls } from '../board/ZoomControls.tsx'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { t } from '../i18n/i18n.ts'
import { createLiveText } from '../i18n/live-text.ts'
import { logout, refreshMe, me as session } from '../session.ts'

export function BoardPage(): JSX.Element {
  const params = useParams<{ id: string }>()
  const [workshop, { refetch }] = createResource(
    () => params.id,
    (id) => api<WorkshopDetails>('GET', `/api/workshops/${id}`),
  )
  const [notice, setNotice] = createLiveText()
  const [removed, setRemoved] = createSignal(false)
  const onAccessChange = (reason: string) => {
    if (reason === CLOSE.removed.reason) {
      // Removed: nothing of this workshop's desk stays in the browser.
      const me = workshop()?.me
      if (me) void deleteDeskCache(params.id, me.participantId)
      setRemoved(true)
      setNotice(() => t('access.removed'))
      return
    }
    // Closing a workshop ends its guests' sessions; a 4401 means the session is gone.
    const guestOfClosed = reason === CLOSE.workshopClosed.reason && session()?.kind !== 'user'
    if (reason === CLOSE.unauthenticated.reason || guestOfClosed) {
      // Nothing here works any more (fetching the details again would only be refused).
      setRemoved(true)
      setNotice(() => t('retention.sessionEnded'))
      return
    }
    setNotice(() =>
      reason === CLOSE.workshopClosed.reason ? t('retention.closedNotice') : t('access.roleChanged'),
    )
    // A new role means new rights: fetch them; the board is rebuilt with the new details.
    void refetch()
  }
  return (
    <>
      <p class="notice" role="status">
        {notice()}
      </p>
      {/* A refused load must not reach `workshop()`: reading a failed resource throws, and the
          page stayed at "loading" for good. */}
      <Show
        when={!removed() && !workshop.error && workshop()}
        keyed
        fallback={
          <Show
            when={workshop.error}
            fallback={
              <section class="page">
                <Show when={!removed()}>{t('common.loading')}</Show>
              </section>
            }
          >
            {(error) => (
              <RefusedBoard error={error()} workshopId={params.id} onRetry={() => void refetch()} />
            )}
          </Show>
        }
      >
        {(w) => <Board workshop={w} onAccessChange={onAccessChange} />}
      </Show>
    </>
  )
}

function Board(props: { workshop: WorkshopDetails; onAccessChange: (reason: string) => void }): JSX.Element {
  const me = props.workshop.me
  const navigate = useNavigate()
  // The guest this tab is here is the one its header, logout and leave speak for.
  if (enterWorkshop(props.workshop.id)) void refreshMe()
  const connection = connectBoard(
    props.workshop.id,
    me.isFacilitator ? null : { participantId: me.participantId },
    me.participantId,
  )
  onCleanup(() => connection.destroy())
  const model = createBoardModel(connection, { ...me, closed: props.workshop.closedAt !== null })
  const viewport = createViewport({
    size: () => canvasSize(),
    bounds: () => boardBounds(model.cards, model.frames()),
  })
  const tools = createCanvasTools(model, viewport)
  const presence = createPresence(connection.boardProvider.awareness)
  const voting = createVoting(
    props.workshop.id,
    model,
    model.mayVote,
    me.isFacilitator ? undefined : me.participantId,
  )
  const mayCreate = model.mayCreate
  const hands = createHands(connection.board)
  // A phone shows one view at a time (PhoneTabBar); an assistant starts at the entry form.
  const tabs = createPhoneTabs(model.entersForOthers ? 'entry' : 'board')
  // Arriving (after joining, from the workshops list) focus would be left on <body>: start at
  // the board's heading, so a screen reader says where the person is.
  let heading: HTMLHeadingElement | undefined
  onMount(() => {
    if (!document.activeElement || document.activeElement === document.body)
      heading?.focus({ preventScroll: true })
  })

  // Leaving deletes this desk's copy in the browser. A guest's session is for this workshop
  // alone, so it ends too: this tab's guest's (it names its participant), or, for a tab that
  // names none, the browser's session unless that is by now someone else's (another tab of a
  // shared tablet joined under another name): leaving must not log that person out.
  const leave = async () => {
    if (!window.confirm(t('board.leaveConfirm'))) return
    await deleteDeskCache(props.workshop.id, me.participantId)
    const current = await fetchMe()
    if (current?.kind === 'guest' && current.guest.id === me.participantId) await logout()
    else await refreshMe()
    navigate(current?.kind === 'user' ? '/workshops' : '/join')
  }
  const canvasSize = () => {
    const rect = document.querySelector('.canvas')?.getBoundingClientRect()
    return { width: rect?.width ?? 800, height: rect?.height ?? 600 }
  }
  // Follow me: the facilitator publishes the centre of their view; everyone else goes there.
  createEffect(() => {
    if (!me.isFacilitator) return
    if (!model.facilitation().follow) {
      presence.setView(null)
      return
    }
    const { width, height } = canvasSize()
    const centre = viewport.toCanvas(width / 2, height / 2)
    presence.setView({ cx: centre.x, cy: centre.y, scale: viewport.view().scale })
  })
  createEffect(() => {
    if (me.isFacilitator || !model.facilitation().follow) return
    const leader = presence.peers().find((p) => p.user.role === 'facilitator' && p.view)
    if (!leader?.view) return
    const { width, height } = canvasSize()
    viewport.centreOn(leader.view.cx, leader.view.cy, leader.view.scale, width, height)
  })
  followSpotlight(model, viewport, canvasSize)
  createEffect(() => {
    const close = connection.lastClose()
    // A session that ended meanwhile (a closed workshop ends its guests' sessions) shows as 4401.
    const reasons: string[] = [
      CLOSE.roleChanged.reason,
      CLOSE.removed.reason,
      CLOSE.workshopClosed.reason,
      CLOSE.unauthenticated.reason,
    ]
    if (close && reasons.includes(close.reason)) {
      props.onAccessChange(close.reason)
    }
  })

  // A free place inside what this person sees of the canvas (new-card-spot.ts).
  const spotInView = () => newCardSpot(document.querySelector<HTMLElement>('.canvas'), viewport, model.cards)
  const addAtCenter = () => {
    const spot = spotInView()
    model.add('', spot.x, spot.y, 'yellow')
  }

  // A new frame goes where there is room, titled in place (FrameItem), never in a prompt box.
  const addFrame = () =>
    setTitlingFrame(addFrameWithRoom(connection.board, t('frames.untitled'), viewport, canvasSize()))

  return (
    <div class="board-page" data-phone-tab={tabs.tab()}>
      <div class="toolbar" role="toolbar" aria-label={props.workshop.title}>
        <h1 class="board-title" ref={heading} tabIndex={-1}>
          {props.workshop.title}
        </h1>
        <Show when={!me.isFacilitator && model.facilitation().privateWriting}>
          <span class="notice-chip">{t('board.privateNotice')}</span>
        </Show>
        <Show when={!me.isFacilitator && model.facilitation().locked}>
          <span class="notice-chip">{t('board.lockedNotice')}</span>
        </Show>
        <Show when={!me.isFacilitator && model.canWrite && model.facilitation().participantMoves}>
          <span class="notice-chip">{t('board.movesNotice')}</span>
        </Show>
        <Show when={model.canWrite} fallback={<span class="hint">{t('board.readOnly')}</span>}>
          <Show when={mayCreate()}>
            <button type="button" class="primary" onClick={addAtCenter}>
              {t('board.addCard')}
            </button>
          </Show>
        </Show>
        <ViewToggle />
        <HandButton workshopId={props.workshop.id} me={me} hands={hands()} />
        <Show when={voting.active()}>
          <span class="notice-chip" aria-live="polite">
            {t('vote.budget', { remaining: voting.remaining(), budget: voting.budget() })}
          </span>
        </Show>
        <Show when={me.isFacilitator}>
          <button type="button" onClick={addFrame}>
            {t('frames.add')}
          </button>
          <A class="button" href={`/w/${props.workshop.id}/projector`} target="_blank">
            {t('projector.open')}
          </A>
          <Show when={props.workshop.closedAt === null}>
            <CloseWorkshopButton workshopId={props.workshop.id} />
          </Show>
        </Show>
        <ZoomControls viewport={viewport} />
        <ConnectionBadge
          state={connection.state()}
          closeReason={connection.lastClose()?.reason}
          unsent={connection.unsent.keys().length}
        />
        <span class="role-chip">{t(`roles.${me.role as 'citizen'}`)}</span>
        <Show when={!me.isFacilitator}>
          <button type="button" class="link-button" onClick={() => void leave()}>
            {t('board.leave')}
          </button>
        </Show>
      </div>
      <PhaseBanner model={model} />
      <ErrorMessage message={connection.serverStatus() ? t('connection.storageFailing') : null} />
      <ErrorMessage message={voting.error()} />
      <div class="board-body">
        <UnsentContext.Provider value={connection.unsent}>
          <Show
            when={boardViewMode() === 'list'}
            fallback={
              <Canvas
                voting={voting}
                model={tools.model}
                viewport={viewport}
                selected={tools.selection.has}
                overlay={<CanvasTools tools={tools} viewport={viewport} canWrite={model.canWrite} />}
                peers={presence.peers()}
                onCursor={presence.setCursor}
                onAddAt={(x, y) => mayCreate() && model.add('', x, y, 'yellow')}
              />
            }
          >
            <BoardListView
              model={tools.model}
              voting={voting}
              connections={(card) => <ListCardConnections model={tools.model} card={card} />}
            />
          </Show>
        </UnsentContext.Provider>
        <NewCardAnnouncer model={model} />
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so the keyboard can scroll it when it holds no control (a citizen's results); WCAG 2.1.1 */}
        <aside class="sidebar" tabIndex={0} aria-label={t('board.sidebar')}>
          <Show when={isPhone() && !me.isFacilitator}>
            <MyCardsPanel model={model} viewport={viewport} tabs={tabs} />
            <VoteListPanel model={model} voting={voting} />
          </Show>
          <Show when={isPhone()}>
            <PhoneViewExtras
              model={model}
              voting={voting}
              facilitator={me.isFacilitator}
              onLeave={() => void leave()}
            />
          </Show>
          <Show when={model.entersForOthers}>
            <AssistantEntry model={model} workshopId={props.workshop.id} spot={spotInView} />
          </Show>
          <Show when={me.isFacilitator}>
            <AgendaPanel workshopId={props.workshop.id} board={connection.board} model={model} />
          </Show>
          <PeoplePanel me={me} peers={presence.peers()} />
          <HandsPanel workshopId={props.workshop.id} me={me} hands={hands()} />
          <VotingPanel workshopId={props.workshop.id} model={model} facilitator={me.isFacilitator} />
          <PaperDotsPanel workshopId={props.workshop.id} model={model} viewer={me} />
          <MeasuresPanel board={connection.board} model={model} facilitator={me.isFacilitator} />
          <Show when={me.isFacilitator}>
            <FacilitationPanel workshopId={props.workshop.id} board={connection.board} model={model} />
            <ClusterSuggestions workshopId={props.workshop.id} model={model} />
            <JoiningControls workshop={props.workshop} />
            <ParticipantsPanel workshopId={props.workshop.id} present={presence.peers().length} />
            <MinutesPanel workshopId={props.workshop.id} />
          </Show>
        </aside>
      </div>
      <PhoneTabBar tabs={tabs} facilitator={me.isFacilitator} entersForOthers={model.entersForOthers} />
    </div>
  )
}
