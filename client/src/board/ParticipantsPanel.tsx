/** Facilitator: everyone in the workshop, their role (changeable) and removal. */
import { createEffect, createResource, For, type JSX, on, onCleanup, Show } from 'solid-js'
import { ACCOUNT_ROLES, GUEST_ROLES } from '../../../shared/policy/roles.ts'
import { api } from '../api/http.ts'
import { ErrorMessage, messageOf } from '../components/ErrorMessage.tsx'
import { t } from '../i18n/i18n.ts'
import { createLiveText } from '../i18n/live-text.ts'

interface ParticipantRow {
  id: string
  name: string
  role: string
  account: boolean
  owner: boolean
  removed: boolean
  connections: number
}

/** `present` is how many people are on the board now: the list refreshes when it changes. */
export function ParticipantsPanel(props: { workshopId: string; present: number }): JSX.Element {
  const [rows, { refetch }] = createResource(
    () => props.workshopId,
    (id) =>
      api<{ participants: ParticipantRow[] }>('GET', `/api/workshops/${id}/participants`).then((r) =>
        r.participants.filter((p) => !p.removed),
      ),
  )
  const [error, setError] = createLiveText()
  const timer = setInterval(() => void refetch(), 5000)
  onCleanup(() => clearInterval(timer))
  createEffect(
    on(
      () => props.present,
      () => void refetch(),
      { defer: true },
    ),
  )

  const act = async (work: () => Promise<unknown>) => {
    setError(null)
    try {
      await work()
      await refetch()
    } catch (err) {
      setError(() => messageOf(err))
    }
  }

  return (
    <section class="panel" aria-labelledby="participants-title">
      <h2 id="participants-title">{t('participants.title')}</h2>
      <ul class="participants">
        <For each={rows()}>
          {(p) => (
            <li>
              <span class="participant-name">
                {p.name}
                <Show when={p.connections > 0}>
                  <span class="hint"> · {t('participants.online')}</span>
                </Show>
              </span>
              <Show when={!p.owner} fallback={<span class="hint">{t('participants.owner')}</span>}>
                <label class="visually-hidden" for={`role-${p.id}`}>
                  {t('participants.role', { name: p.name })}
                </label>
                <select
                  id={`role-${p.id}`}
                  value={p.role}
                  onChange={(e) => {
                    const role = e.currentTarget.value
                    void act(() =>
                      api('PATCH', `/api/workshops/${props.workshopId}/participants/${p.id}`, { role }),
                    )
                  }}
                >
                  <For each={p.account ? ACCOUNT_ROLES : GUEST_ROLES}>
                    {(role) => <option value={role}>{t(`roles.${role}`)}</option>}
                  </For>
                </select>
                <button
                  type="button"
                  class="danger"
                  onClick={() => {
                    if (!window.confirm(t('participants.removeConfirm', { name: p.name }))) return
                    void act(() => api('DELETE', `/api/workshops/${props.workshopId}/participants/${p.id}`))
                  }}
                >
                  {t('participants.remove')}
                </button>
                <button
                  type="button"
                  class="danger"
                  onClick={() => {
                    if (!window.confirm(t('retention.confirmDeleteData'))) return
                    void act(() =>
                      api('DELETE', `/api/workshops/${props.workshopId}/participants/${p.id}/data`),
                    )
                  }}
                >
                  {t('retention.deleteData')}
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <ErrorMessage message={error()} />
    </section>
  )
}
