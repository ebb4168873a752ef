/**
 * Where a card's text is written. On a desktop that is on the card itself; on a phone a card is
 * 180 px wide somewhere on a canvas that may be zoomed or panned, so the editor is a full-width
 * sheet at the top of the screen (where the on-screen keyboard never covers it), rendered
 * outside the canvas: inside the canvas's transformed layer `position: fixed` would not hold.
 * The textarea itself stays the card's (CardItem.tsx), with its input, blur and Escape.
 */
import { children, type JSX, Show } from 'solid-js'
import { Portal } from 'solid-js/web'
import { t } from '../i18n/i18n.ts'
import { isPhone } from './phone-layout.ts'
import './phone.css'

/** `onDone`: "Fertig" ends editing and returns focus to where the editor was opened from. */
export function CardEditorSheet(props: { children: JSX.Element; onDone: () => void }): JSX.Element {
  const editor = children(() => props.children)
  return (
    <Show when={isPhone()} fallback={editor()}>
      <Portal>
        <section class="card-editor-sheet" aria-label={t('phone.writeCard')}>
          <p class="card-editor-title" aria-hidden="true">
            {t('phone.writeCard')}
          </p>
          {editor()}
          {/* The button is where a thumb looks for it. The press must not blur first: the sheet would close under the finger and the click
              land on whatever lies below it (the toolbar's "Karte hinzufügen"). */}
          <button
            type="button"
            class="primary card-editor-done"
            onPointerDown={(e) => e.preventDefault()}
            onClick={() => props.onDone()}
          >
            {t('phone.done')}
          </button>
        </section>
      </Portal>
    </Show>
  )
}
