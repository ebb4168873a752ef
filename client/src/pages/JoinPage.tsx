/**
 * Joining with a code and a display name, no account needed. Joining again from this browser
 * under the same name is the same participant (the session cookie says which device this is);
 * the page never sees a token: the server's cookies are the session, and the tab remembers
 * only which participant it is (api/tab-identity.ts).
 */
import { useNavigate, useParams } from '@solidjs/router'
import { createResource, createSignal, type JSX, Show } from 'solid-js'
import { api, type JoinInfo, type JoinResponse } from '../api/http.ts'
import { rememberIdentity } from '../api/tab-identity.ts'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { createFormAction } from '../components/form-action.ts'
import { t } from '../i18n/i18n.ts'
import { me, refreshMe } from '../session.ts'

export function JoinPage(): JSX.Element {
  const params = useParams<{ code?: string }>()
  const navigate = useNavigate()
  const [code, setCode] = createSignal(params.code ?? '')
  const [lookup] = createResource(
    () => (params.code ? params.code : null),
    (c) => api<JoinInfo>('GET', `/api/join/${encodeURIComponent(c)}`).catch(() => null),
  )
  const title = () => lookup()?.title

  const account = () => {
    const m = me()
    return m?.kind === 'user' ? m.user.username : null
  }

  const { submit, busy, error } = createFormAction(async (form) => {
    const asAccount = account() !== null
    const joined = await api<JoinResponse>('POST', '/api/join', {
      code: code(),
      name: account() ?? form.get('name'),
      role: form.get('role') === 'observer' ? 'observer' : 'citizen',
    })
    // A guest: this tab is that participant from now on, whoever joins in another tab.
    if (!asAccount) rememberIdentity(joined.workshopId, joined.participantId)
    await refreshMe()
    navigate(`/w/${joined.workshopId}`)
  })

  return (
    <section class="page narrow">
      <h1>{t('join.title')}</h1>
      <Show when={title()}>{(name) => <p class="lead">{t('join.workshop', { title: name() })}</p>}</Show>
      <Show when={lookup()?.joining === false}>
        <p class="notice" role="status">
          {t('join.closed')}
        </p>
      </Show>
      <form class="form" onSubmit={submit}>
        <label for="join-code">{t('join.code')}</label>
        <input
          id="join-code"
          name="code"
          required
          autocomplete="off"
          autocapitalize="characters"
          value={code()}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
        <Show
          when={!account()}
          fallback={<p class="lead">{t('join.asAccount', { username: account() ?? '' })}</p>}
        >
          <label for="join-name">{t('join.name')}</label>
          <input
            id="join-name"
            name="name"
            required
            maxLength={40}
            autocomplete="nickname"
            aria-describedby="join-name-hint"
          />
          <p id="join-name-hint" class="hint">
            {t('join.nameHint')} {t('join.rejoinHint')}
          </p>
          <fieldset>
            <legend>{t('join.role')}</legend>
            <label class="radio">
              <input type="radio" name="role" value="citizen" checked /> {t('join.citizen')}
            </label>
            <label class="radio">
              <input type="radio" name="role" value="observer" /> {t('join.observer')}
            </label>
          </fieldset>
        </Show>
        <ErrorMessage message={error()} />
        <button type="submit" class="primary" disabled={busy()}>
          {t('join.submit')}
        </button>
      </form>
    </section>
  )
}
