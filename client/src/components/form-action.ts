/**
 * The life of a form submission: prevent the page load, read the fields, run the action,
 * keep `busy` while it runs and `error` when it fails. Every form in the app uses this.
 */
import { createSignal } from 'solid-js'
import { messageOf } from './ErrorMessage.tsx'

export function createFormAction(action: (form: FormData, element: HTMLFormElement) => Promise<void>) {
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    const element = event.currentTarget as HTMLFormElement
    setBusy(true)
    setError(null)
    try {
      await action(new FormData(element), element)
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }
  return { submit, busy, error, setError }
}
