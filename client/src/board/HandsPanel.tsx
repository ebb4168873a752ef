/**
 * The speakers' panel in the sidebar: who has the floor and for how long, the queue in order with
 * each waiting time (server time, ticking every second); for the facilitator the buttons that
 * call the next speaker and end the current one; for facilitators and assistants a small form to
 * raise a hand for someone in the room without a device.
 */
import { For, type JSX, Show } from 'solid-js'
import type { HandsState } from '../../../shared/board/hands.ts'
import { HAND_LIMITS } from '../../../shared/board/hands.ts'
import { mayFacilitate, mayRaiseHandFor } from '../../../shared/policy/permissions.ts'
import { GROUPS, type Group, isGroup } from '../../../shared/policy/roles.ts'
import { ErrorMessage, messageOf } from '../components/ErrorMessage.tsx'
import { t } from '../i18n/i18n.ts'
import { callNextSpeaker, elapsed, endSpeaker, entryLabel, handActor, sendHand } from './hands.ts'
import { createServerTime } from './server-clock.ts'
import './hands.css'
import { createLiveText } from '../i18n/live-text.ts'

export function HandsPanel(props: {
  workshopId: string
  me: { participantId: string; role: string; isFacilitator: boolean }
  hands: HandsState
}): JSX.Element {
  const now = createServerTime(1000)
  const facilitator = () => mayFacilitate(handActor(props.me))
  /** Raises hands for people in the room: facilitators and assistants. */
  const forOthers = () => mayRaiseHandFor(handActor(props.me))
  const [error, setError] = createLiveText()
  const run = async (action: () => Promise<unknown>) => {
    setError(null)
    try {
      await action()
    } catch (err) {
      setError(() => messageOf(err))
    }
  }
  const since = (ms: number) => elapsed(now(), ms)

  const raiseFor = (event: SubmitEvent) => {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const data = new FormData(form)
    const name = String(data.get('name') ?? '').trim()
    const group = String(data.get('group') ?? '')
    if (!name) return
    void run(async () => {
      await sendHand(props.workshopId, { raised: true, for: name, ...(isGroup(group) ? { group } : {}) })
      form.reset()
      form.querySelector('input')?.focus()
    })
  }

  return (
    <section class="panel hands-panel" aria-labelledby="hands-title">
      <h2 id="hands-title">{t('hands.title')}</h2>
      <Show when={props.hands.speaker} fallback={<p class="hint">{t('hands.nobody')}</p>}>
        {(speaker) => (
          <p class="hands-speaker">
            {t('hands.speaker')}: <strong>{entryLabel(speaker())}</strong>{' '}
            <span class="hint">{t('hands.since', { time: since(speaker().since) })}</span>
          </p>
        )}
      </Show>
      <h3>{t('hands.queue')}</h3>
      <Show when={props.hands.queue.length > 0} fallback={<p class="hint">{t('hands.empty')}</p>}>
        <ol class="hands-queue">
          <For each={props.hands.queue}>
            {(entry) => (
              <li>
                <span class="hands-entry">
                  <span>{entryLabel(entry)}</span>{' '}
                  <span class="hint">{t('hands.waiting', { time: since(entry.raisedAt) })}</span>
                </span>{' '}
                <Show when={facilitator() || (entry.for && forOthers())}>
                  <button
                    type="button"
                    class="link-button"
                    aria-label={t('hands.forLower', { name: entry.name })}
                    onClick={() =>
                      void run(() => sendHand(props.workshopId, { raised: false, id: entry.id }))
                    }
                  >
                    {t('hands.lower')}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <Show when={facilitator()}>
        <div class="hands-actions">
          <button
            type="button"
            class="primary"
            disabled={props.hands.queue.length === 0}
            onClick={() => void run(() => callNextSpeaker(props.workshopId))}
          >
            {t('hands.next')}
          </button>
          <Show when={props.hands.speaker}>
            <button type="button" onClick={() => void run(() => endSpeaker(props.workshopId))}>
              {t('hands.done')}
            </button>
          </Show>
        </div>
      </Show>
      <Show when={forOthers()}>
        <form class="form hands-for" onSubmit={raiseFor}>
          <h3>{t('hands.forTitle')}</h3>
          <label for="hand-for-name">{t('hands.forName')}</label>
          <input
            id="hand-for-name"
            name="name"
            required
            maxLength={HAND_LIMITS.nameLength}
            autocomplete="off"
          />
          <label for="hand-for-group">{t('hands.forGroup')}</label>
          <select id="hand-for-group" name="group">
            <option value="">{t('hands.forNoGroup')}</option>
            <For each={GROUPS}>{(g: Group) => <option value={g}>{t(`groups.${g}`)}</option>}</For>
          </select>
          <button type="submit">{t('hands.forSubmit')}</button>
        </form>
      </Show>
      <ErrorMessage message={error()} />
    </section>
  )
}
