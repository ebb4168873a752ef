/**
 * First run: creates the administrator and facilitator account. From anywhere but the server
 * itself it needs the setup code the server printed to its log; the printed link carries it
 * (`/setup?code=…`), or it can be typed in.
 */
import { A, useNavigate, useSearchParams } from '@solidjs/router'
import { createResource, type JSX, Show } from 'solid-js'
import { api, type SessionResponse, type SetupStatus } from '../api/http.ts'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { createFormAction } from '../components/form-action.ts'
import { t } from '../i18n/i18n.ts'
import { refreshMe } from '../session.ts'

export function SetupPage(): JSX.Element {
  const navigate = useNavigate()
  const [params] = useSearchParams<{ code?: string }>()
  const [status] = createResource(() => api<SetupStatus>('GET', '/api/setup').catch(() => null))
  const fromLink = () => (typeof params.code === 'string' ? params.code : '')
  const { submit, busy, error } = createFormAction(async (form) => {
    const setupCode = String(form.get('setupCode') ?? '').trim()
    await api<SessionResponse>('POST', '/api/setup', {
      username: form.get('username'),
      password: form.get('password'),
      ...(setupCode ? { setupCode } : {}),
    })
    await refreshMe()
    navigate('/workshops')
  })

  return (
    <section class="page narrow">
      <h1>{t('setup.title')}</h1>
      {/* Someone else finished the setup (or this tab was left open): say so instead of a form
          that can only answer 409. */}
      <Show when={status()?.needed === false}>
        <p class="notice" role="status">
          {t('setup.done')}
        </p>
        <p>
          <A href="/login" class="button primary">
            {t('setup.toLogin')}
          </A>
        </p>
      </Show>
      <Show when={status()?.needed !== false}>
        <p>{t('setup.intro')}</p>
        <form onSubmit={submit} class="form">
          <label for="setup-username">{t('common.username')}</label>
          <input
            id="setup-username"
            name="username"
            autocomplete="username"
            required
            minLength={2}
            maxLength={64}
          />
          <label for="setup-password">{t('common.password')}</label>
          <input
            id="setup-password"
            name="password"
            type="password"
            autocomplete="new-password"
            required
            minLength={10}
            aria-describedby="setup-password-hint"
          />
          <p id="setup-password-hint" class="hint">
            {t('setup.passwordHint')}
          </p>
          <Show
            when={fromLink() || status()?.codeRequired !== false}
            fallback={<input type="hidden" name="setupCode" value="" />}
          >
            <label for="setup-code">{t('setup.code')}</label>
            <input
              id="setup-code"
              name="setupCode"
              autocomplete="off"
              autocapitalize="characters"
              required={status()?.codeRequired === true}
              maxLength={64}
              value={fromLink()}
              aria-describedby="setup-code-hint"
            />
            <p id="setup-code-hint" class="hint">
              {t('setup.codeHint')}
            </p>
          </Show>
          <ErrorMessage message={error()} />
          <button type="submit" class="primary" disabled={busy()}>
            {t('setup.submit')}
          </button>
        </form>
      </Show>
    </section>
  )
}
