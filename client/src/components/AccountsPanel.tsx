/** Administrator: create accounts for facilitators, councillors and staff. */
import type { JSX } from 'solid-js'
import { api, type User } from '../api/http.ts'
import { t } from '../i18n/i18n.ts'
import { createLiveText } from '../i18n/live-text.ts'
import { ErrorMessage } from './ErrorMessage.tsx'
import { createFormAction } from './form-action.ts'

export function AccountsPanel(props: { onCreated?: () => void } = {}): JSX.Element {
  const [status, setStatus] = createLiveText()
  const { submit, error } = createFormAction(async (form, element) => {
    setStatus(null)
    const { user } = await api<{ user: User }>('POST', '/api/users', {
      username: form.get('username'),
      password: form.get('password'),
      role: form.get('role'),
    })
    element.reset()
    setStatus(() => t('accounts.created', { username: user.username }))
    props.onCreated?.()
  })

  return (
    <form class="form inline-form" onSubmit={submit} aria-labelledby="accounts-title">
      <h2 id="accounts-title">{t('accounts.title')}</h2>
      <label for="account-username">{t('common.username')}</label>
      <input id="account-username" name="username" required minLength={2} maxLength={64} autocomplete="off" />
      <label for="account-password">{t('common.password')}</label>
      <input
        id="account-password"
        name="password"
        type="password"
        required
        minLength={10}
        autocomplete="new-password"
      />
      <label for="account-role">{t('accounts.role')}</label>
      <select id="account-role" name="role">
        <option value="councillor">{t('roles.councillor')}</option>
        <option value="staff">{t('roles.staff')}</option>
        <option value="facilitator">{t('roles.facilitator')}</option>
      </select>
      <button type="submit" class="primary">
        {t('accounts.submit')}
      </button>
      <ErrorMessage message={error()} />
      <p role="status">{status()}</p>
    </form>
  )
}
