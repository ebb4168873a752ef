/** Login for accounts (facilitators, councillors, staff). */
import { A, useNavigate } from '@solidjs/router'
import { createSignal, type JSX } from 'solid-js'
import { api } from '../api/http.ts'
import { ErrorMessage, messageOf } from '../components/ErrorMessage.tsx'
import { t } from '../i18n/i18n.ts'
import { refreshMe } from '../session.ts'

export function LoginPage(): JSX.Element {
  const navigate = useNavigate()
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget as HTMLFormElement)
    setBusy(true)
    setError(null)
    try {
      await api('POST', '/api/login', { username: form.get('username'), password: form.get('password') })
      await refreshMe()
      navigate('/workshops')
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }

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
