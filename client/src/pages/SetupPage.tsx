/** First run: creates the administrator and facilitator account. */
import { useNavigate } from '@solidjs/router'
import type { JSX } from 'solid-js'
import { api } from '../api/http.ts'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { createFormAction } from '../components/form-action.ts'
import { t } from '../i18n/i18n.ts'
import { refreshMe } from '../session.ts'

export function SetupPage(): JSX.Element {
  const navigate = useNavigate()
  const { submit, busy, error } = createFormAction(async (form) => {
    await api('POST', '/api/setup', { username: form.get('username'), password: form.get('password') })
    await refreshMe()
    navigate('/workshops')
  })

  return (
    <section class="page narrow">
      <h1>{t('setup.title')}</h1>
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
        <ErrorMessage message={error()} />
        <button type="submit" class="primary" disabled={busy()}>
          {t('setup.submit')}
        </button>
      </form>
    </section>
  )
}
