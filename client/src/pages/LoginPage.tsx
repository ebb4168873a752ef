/** Login for accounts (facilitators, councillors, staff). */
import { A, useNavigate } from '@solidjs/router'
import type { JSX } from 'solid-js'
import { api } from '../api/http.ts'
import { forgetAllIdentities } from '../api/tab-identity.ts'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { createFormAction } from '../components/form-action.ts'
import { t } from '../i18n/i18n.ts'
import { refreshMe } from '../session.ts'

export function LoginPage(): JSX.Element {
  const navigate = useNavigate()
  const { submit, busy, error } = createFormAction(async (form) => {
    await api('POST', '/api/login', { username: form.get('username'), password: form.get('password') })
    // The tab is the account now, not a guest it was before.
    forgetAllIdentities()
    await refreshMe()
    navigate('/workshops')
  })

  return (
    <section class="page narrow">
      <h1>{t('login.title')}</h1>
      <form onSubmit={submit} class="form">
        <label for="login-username">{t('common.username')}</label>
        <input id="login-username" name="username" autocomplete="username" required />
        <label for="login-password">{t('common.password')}</label>
        <input id="login-password" name="password" type="password" autocomplete="current-password" required />
        <ErrorMessage message={error()} />
        <button type="submit" class="primary" disabled={busy()}>
          {t('login.submit')}
        </button>
      </form>
      <p>
        {t('login.guestHint')} <A href="/join">{t('login.guestLink')}</A>
      </p>
    </section>
  )
}
