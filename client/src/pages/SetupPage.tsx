/** First run: creates the administrator and facilitator account. */
import { useNavigate } from '@solidjs/router'
import { createSignal, type JSX } from 'solid-js'
import { api } from '../api/http.ts'
import { ErrorMessage, messageOf } from '../components/ErrorMessage.tsx'
import { t } from '../i18n/i18n.ts'
import { refreshMe } from '../session.ts'

export function SetupPage(): JSX.Element {
  const navigate = useNavigate()
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget as HTMLFormElement)
    setBusy(true)
    setError(null)
    try {
      await api('POST', '/api/setup', { username: form.get('username'), password: form.get('password') })
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
