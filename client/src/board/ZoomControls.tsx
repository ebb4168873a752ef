/** Zoom out, back to 100 %, zoom in: the same three buttons on the live board and in history. */
import type { JSX } from 'solid-js'
import { t } from '../i18n/i18n.ts'
import type { Viewport } from './viewport.ts'

export function ZoomControls(props: { viewport: Viewport }): JSX.Element {
  const percent = () => Math.round(props.viewport.view().scale * 100)
  return (
    <div class="zoom">
      <button type="button" onClick={() => props.viewport.zoomBy(1 / 1.2)} aria-label={t('board.zoomOut')}>
        −
      </button>
      {/* The name begins with the visible percentage (WCAG 2.5.3 label in name). */}
      <button
        type="button"
        onClick={props.viewport.reset}
        aria-label={t('board.zoomResetName', { percent: percent() })}
      >
        {percent()} %
      </button>
      <button type="button" onClick={() => props.viewport.zoomBy(1.2)} aria-label={t('board.zoomIn')}>
        +
      </button>
    </div>
  )
}
