/** An error announced to screen readers as it appears. */
import { type JSX, Show } from 'solid-js'

export function ErrorMessage(props: { message: string | null | undefined }): JSX.Element {
  return (
    <div role="alert" aria-live="assertive">
      <Show when={props.message}>
        <p class="error">{props.message}</p>
      </Show>
    </div>
  )
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
