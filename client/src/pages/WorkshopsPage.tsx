/** A facilitator's workshops: the list and a form to create one. */
import { A, useNavigate } from '@solidjs/router'
import { createResource, For, type JSX, Show } from 'solid-js'
import { api, type NewWorkshopResponse, type WorkshopListResponse } from '../api/http.ts'
import { AccountsPanel } from '../components/AccountsPanel.tsx'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { createFormAction } from '../components/form-action.ts'
import { PasswordPanel } from '../components/PasswordPanel.tsx'
import { locale, t } from '../i18n/i18n.ts'
import { me } from '../session.ts'

export function WorkshopsPage(): JSX.Element {
  const navigate = useNavigate()
  const [list, { refetch }] = createResource(async () => {
    try {
      return (await api<WorkshopListResponse>('GET', '/api/workshops')).workshops
    } catch {
      navigate('/login', { replace: true })
      return []
    }
  })
  const isAdmin = () => {
    const m = me()
    return m?.kind === 'user' && m.user.isAdmin
  }
  const canCreate = () => {
    const m = me()
    return m?.kind === 'user' && m.user.role === 'facilitator'
  }

  const { submit: create, error } = createFormAction(async (form, element) => {
    const template = form.get('template')
    await api<NewWorkshopResponse>('POST', '/api/workshops', {
      title: form.get('title'),
      ...(template ? { template, lang: locale() } : {}),
    })
    element.reset()
    await refetch()
  })

  return (
    <section class="page">
      <h1>{t('workshops.title')}</h1>
      <Show when={isAdmin()}>
        <p>
          <A href="/admin">{t('admin.link')}</A>
        </p>
      </Show>
      <Show when={canCreate()}>
        <form class="form inline-form" onSubmit={create}>
          <h2>{t('workshops.create')}</h2>
          <label for="workshop-title">{t('workshops.titleLabel')}</label>
          <input
            id="workshop-title"
            name="title"
            required
            maxLength={200}
            placeholder={t('workshops.titlePlaceholder')}
          />
          <label for="workshop-template">{t('workshops.template')}</label>
          <select id="workshop-template" name="template">
            <option value="zukunftswerkstatt">{t('templates.zukunftswerkstatt')}</option>
            <option value="brainstorm">{t('templates.brainstorm')}</option>
            <option value="world-cafe">{t('templates.world-cafe')}</option>
            <option value="blank">{t('templates.blank')}</option>
            <option value="">{t('templates.none')}</option>
          </select>
          <button type="submit" class="primary">
            {t('workshops.submit')}
          </button>
          <ErrorMessage message={error()} />
        </form>
      </Show>
      <Show when={!list.loading} fallback={<p>{t('common.loading')}</p>}>
        <Show when={(list() ?? []).length > 0} fallback={<p>{t('workshops.empty')}</p>}>
          <ul class="workshop-list">
            <For each={list()}>
              {(w) => (
                <li class="workshop-item">
                  <span class="workshop-title">{w.title}</span>
                  <Show when={w.joinCode}>
                    <span class="code">
                      {t('workshops.code')}: {w.joinCode}
                    </span>
                  </Show>
                  <A href={`/w/${w.id}`} class="button">
                    {t('workshops.open')}
                  </A>
                  <Show when={w.facilitating}>
                    <A href={`/workshops/${w.id}/join-screen`} class="button">
                      {t('workshops.joinScreen')}
                    </A>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
      <div class="side-by-side">
        <Show when={isAdmin()}>
          <AccountsPanel />
        </Show>
        <Show when={me()?.kind === 'user'}>
          <PasswordPanel />
        </Show>
      </div>
    </section>
  )
}
