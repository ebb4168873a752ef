/**
 * Facilitator: closes the workshop after a confirmation. From then on it is read-only for
 * everyone; the server closes every board with `workshop-closed`, so each screen reloads its
 * rights (this one too) and says why.
 */
import type { JSX } from 'solid-js'
import { api, type CloseWorkshopResponse } from '../api/http.ts'
import { ErrorMessage, messageOf } from '../components/ErrorMessage.tsx'
import { t } from '../i18n/i18n.ts'
import { createLiveText } from '../i18n/live-text.ts'

export function CloseWorkshopButton(props: { workshopId: string }): JSX.Element {
  const [error, setError] = createLiveText()
  const close = async () => {
    if (!window.confirm(t('retention.confirmClose'))) return
    setError(null)
    try {
      await api<CloseWorkshopResponse>('POST', `/api/workshops/${props.workshopId}/close`)
    } catch (err) {
      setError(() => messageOf(err))
    }
  }
  return (
    <>
      <button type="button" class="danger" onClick={() => void close()}>
        {t('retention.close')}
      </button>
      <ErrorMessage message={error()} />
    </>
  )
}
