/** Sends each visitor where they belong: setup, login, their workshops, or their workshop. */
import { useNavigate } from '@solidjs/router'
import { type JSX, onMount } from 'solid-js'
import { api, type SetupStatus } from '../api/http.ts'
import { t } from '../i18n/i18n.ts'
import { refreshMe } from '../session.ts'

export function HomePage(): JSX.Element {
  const navigate = useNavigate()
  onMount(async () => {
    const setup = await api<SetupStatus>('GET', '/api/setup').catch(() => ({ needed: false }))
    if (setup.needed) return navigate('/setup', { replace: true })
    const current = await refreshMe()
    if (!current) return navigate('/login', { replace: true })
    if (current.kind === 'guest') return navigate(`/w/${current.guest.workshopId}`, { replace: true })
    navigate('/workshops', { replace: true })
  })
  return <p class="page">{t('common.loading')}</p>
}
