/** An error announced to screen readers as it appears, in the reader's language where known. */
import { type JSX, Show } from 'solid-js'
import { ApiError } from '../api/http.ts'
import { errorText } from '../i18n/i18n.ts'

export function ErrorMessage(props: { message: string | null | undefined }): JSX.Element {
  return (
    <div role="alert" aria-live="assertive">
      <Show when={props.message}>
        <p class="error">{props.message}</p>
      </Show>
    </div>
  )
}

/**
 * An error in words: a server refusal whose code the UI knows in the chosen language (the
 * server's own message is German and English in one line), anything else as it came.
 */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return errorText(err.code) ?? err.message
  return err instanceof Error ? err.message : String(err)
}
