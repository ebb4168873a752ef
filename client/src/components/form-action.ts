/**
 * The life of a form submission: prevent the page load, read the fields, run the action,
 * keep `busy` while it runs and `error` when it fails. Every form in the app uses this.
 */
import { createSignal } from 'solid-js'
import { createLiveText } from '../i18n/live-text.ts'
import { messageOf } from './ErrorMessage.tsx'

export function createFormAction(action: (form: FormData, element: HTMLFormElement) => Promise<void>) {
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createLiveText()
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    const element = event.currentTarget as HTMLFormElement
    setBusy(true)
    setError(null)
    try {
      await action(new FormData(element), element)
    } catch (err) {
      setError(() => messageOf(err))
    } finally {
      setBusy(false)
    }
  }
  return { submit, busy, error, setError }
}
