/**
 * Zoom out, back to 100 %, zoom in: the same three buttons on the live board and in history.
 * Each button's name is its own content (no aria-label), so the visible text is always the start
 * of the name (WCAG 2.5.3 label in name): the symbols are hidden from assistive technology and
 * the words beside them are hidden from the eye.
 */
import type { JSX } from 'solid-js'
import { t } from '../i18n/i18n.ts'
import type { Viewport } from './viewport.ts'

export function ZoomControls(props: { viewport: Viewport }): JSX.Element {
  const percent = () => Math.round(props.viewport.view().scale * 100)
  return (
    <div class="zoom">
      <button type="button" onClick={() => props.viewport.zoomBy(1 / 1.2)} title={t('board.zoomOut')}>
        <span aria-hidden="true">−</span>
        <span class="visually-hidden">{t('board.zoomOut')}</span>
      </button>
      <button type="button" onClick={props.viewport.reset} title={t('board.zoomReset')}>
        {percent()} %<span class="visually-hidden">, {t('board.zoomReset')}</span>
      </button>
      <button type="button" onClick={() => props.viewport.zoomBy(1.2)} title={t('board.zoomIn')}>
        <span aria-hidden="true">+</span>
        <span class="visually-hidden">{t('board.zoomIn')}</span>
      </button>
    </div>
  )
}
