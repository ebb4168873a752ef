/**
 * The administrator's page: every account (role, deactivate or reactivate, a new password),
 * creating accounts, and the instance's retention settings. Plain forms and buttons, so all of
 * it works from the keyboard; the server refuses it to anyone but administrators.
 */
import { useNavigate } from '@solidjs/router'
import { createResource, For, type JSX, Show } from 'solid-js'
import {
  type Account,
  type AccountRole,
  type AccountsResponse,
  api,
  type RetentionSettings,
} from '../api/http.ts'
import { AccountsPanel } from '../components/AccountsPanel.tsx'
import { ErrorMessage, messageOf } from '../components/ErrorMessage.tsx'
import { createFormAction } from '../components/form-action.ts'
import { t } from '../i18n/i18n.ts'
import { createLiveText } from '../i18n/live-text.ts'

const ROLES: AccountRole[] = ['facilitator', 'councillor', 'staff']

function AccountRow(props: { account: Account; changed: () => void }): JSX.Element {
  const [error, setError] = createLiveText()
  const [status, setStatus] = createLiveText()
  const change = async (body: { role?: AccountRole; deactivated?: boolean }) => {
    setError(null)
    try {
      await api<Account>('PATCH', `/api/users/${props.account.id}`, body)
      props.changed()
    } catch (err) {
      setError(() => messageOf(err))
    }
  }
  const { submit: reset, error: resetError } = createFormAction(async (form, element) => {
    await api<void>('POST', `/api/users/${props.account.id}/password`, { password: form.get('password') })
    element.reset()
    setStatus(() => t('admin.passwordReset'))
  })
  const id = () => `account-${props.account.id}`
  return (
    <tr>
      <th scope="row">
        {props.account.username}
        <Show when={props.account.isAdmin}> ({t('admin.administrator')})</Show>
      </th>
      <td>
        <label class="visually-hidden" for={`${id()}-role`}>
          {t('accounts.role')}
        </label>
        <select
          id={`${id()}-role`}
          value={props.account.role}
          onChange={(e) => void change({ role: e.currentTarget.value as AccountRole })}
        >
          <For each={ROLES}>{(role) => <option value={role}>{t(`roles.${role}`)}</option>}</For>
        </select>
      </td>
      <td>
        {props.account.deactivated ? t('admin.deactivated') : t('admin.active')}{' '}
        <button type="button" onClick={() => void change({ deactivated: !props.account.deactivated })}>
          {props.account.deactivated ? t('admin.reactivate') : t('admin.deactivate')}
        </button>
      </td>
      <td>
        <form class="inline-form" onSubmit={reset}>
          <label for={`${id()}-password`}>{t('admin.newPassword')}</label>
          <input
            id={`${id()}-password`}
            name="password"
            type="password"
            required
            minLength={10}
            autocomplete="new-password"
          />
          <button type="submit">{t('admin.resetPassword')}</button>
        </form>
        <ErrorMessage message={error() ?? resetError()} />
        <p role="status">{status()}</p>
      </td>
    </tr>
  )
}

function RetentionForm(): JSX.Element {
  const [settings, { mutate }] = createResource(() =>
    api<RetentionSettings>('GET', '/api/settings/retention'),
  )
  const [status, setStatus] = createLiveText()
  const days = (value: FormDataEntryValue | null) => {
    const n = Number(value)
    return Number.isInteger(n) && n > 0 ? n : null
  }
  const { submit, error } = createFormAction(async (form) => {
    setStatus(null)
    const stored = await api<RetentionSettings>('PUT', '/api/settings/retention', {
      guestDays: days(form.get('guestDays')),
      hiddenTextDays: days(form.get('hiddenTextDays')),
      workshopDays: days(form.get('workshopDays')),
      participantDeletion: form.get('participantDeletion') === 'remove' ? 'remove' : 'pseudonymise',
    })
    mutate(stored)
    setStatus(() => t('admin.retentionSaved'))
  })
  const field = (name: 'guestDays' | 'hiddenTextDays' | 'workshopDays') => (
    <>
      <label for={`retention-${name}`}>{t(`admin.${name}`)}</label>
      <input
        id={`retention-${name}`}
        name={name}
        type="number"
        min="0"
        max="36500"
        step="1"
        inputmode="numeric"
        value={settings()?.[name] ?? 0}
        aria-describedby="retention-keep"
      />
    </>
  )
  return (
    <Show when={settings()} fallback={<p>{t('common.loading')}</p>}>
      <form class="form" onSubmit={submit} aria-labelledby="retention-title">
        <h2 id="retention-title">{t('admin.retention')}</h2>
        <p id="retention-keep">{t('admin.retentionHelp')}</p>
        {field('guestDays')}
        {field('hiddenTextDays')}
        {field('workshopDays')}
        <fieldset>
          <legend>{t('admin.participantDeletion')}</legend>
          <label>
            <input
              type="radio"
              name="participantDeletion"
              value="pseudonymise"
              checked={settings()?.participantDeletion !== 'remove'}
            />{' '}
            {t('admin.pseudonymise')}
          </label>
          <label>
            <input
              type="radio"
              name="participantDeletion"
              value="remove"
              checked={settings()?.participantDeletion === 'remove'}
            />{' '}
            {t('admin.removeCards')}
          </label>
        </fieldset>
        <button type="submit" class="primary">
          {t('common.save')}
        </button>
        <ErrorMessage message={error()} />
        <p role="status">{status()}</p>
      </form>
    </Show>
  )
}

export function AdminPage(): JSX.Element {
  const navigate = useNavigate()
  const [accounts, { refetch }] = createResource(async () => {
    try {
      return (await api<AccountsResponse>('GET', '/api/users')).accounts
    } catch {
      navigate('/workshops', { replace: true })
      return []
    }
  })
  return (
    <section class="page">
      <h1>{t('admin.title')}</h1>
      <h2 id="accounts-list">{t('admin.accounts')}</h2>
      <table aria-labelledby="accounts-list">
        <thead>
          <tr>
            <th scope="col">{t('common.username')}</th>
            <th scope="col">{t('accounts.role')}</th>
            <th scope="col">{t('admin.state')}</th>
            <th scope="col">{t('admin.newPassword')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={accounts() ?? []}>{(account) => <AccountRow account={account} changed={refetch} />}</For>
        </tbody>
      </table>
      <div class="side-by-side">
        <AccountsPanel onCreated={() => void refetch()} />
        <RetentionForm />
      </div>
    </section>
  )
}
