/** Change one's own password; every other session of the account ends with it. */
import type { JSX } from 'solid-js'
import { api } from '../api/http.ts'
import { t } from '../i18n/i18n.ts'
import { createLiveText } from '../i18n/live-text.ts'
import { ErrorMessage } from './ErrorMessage.tsx'
import { createFormAction } from './form-action.ts'

export function PasswordPanel(): JSX.Element {
  const [status, setStatus] = createLiveText()
  const { submit, busy, error } = createFormAction(async (form, element) => {
    setStatus(null)
    await api('POST', '/api/password', {
      currentPassword: form.get('currentPassword'),
      newPassword: form.get('newPassword'),
    })
    element.reset()
    setStatus(() => t('password.changed'))
  })
  return (
    <form class="form inline-form" onSubmit={submit} aria-labelledby="password-title">
      <h2 id="password-title">{t('password.title')}</h2>
      <label for="current-password">{t('password.current')}</label>
      <input
        id="current-password"
        name="currentPassword"
        type="password"
        autocomplete="current-password"
        required
      />
      <label for="new-password">{t('password.new')}</label>
      <input
        id="new-password"
        name="newPassword"
        type="password"
        autocomplete="new-password"
        required
        minLength={10}
      />
      <button type="submit" class="primary" disabled={busy()}>
        {t('password.submit')}
      </button>
      <ErrorMessage message={error()} />
      <p role="status">{status()}</p>
    </form>
  )
}
