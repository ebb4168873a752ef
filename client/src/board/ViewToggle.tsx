/** "Fläche | Liste": two toggle buttons on the board's toolbar choosing how this tab shows the board. */
import type { JSX } from 'solid-js'
import './list-view.css'
import { t } from '../i18n/i18n.ts'
import { boardViewMode, setBoardViewMode } from './board-view-mode.ts'

export function ViewToggle(): JSX.Element {
  return (
    <fieldset class="view-toggle">
      <legend class="visually-hidden">{t('listView.switchLabel')}</legend>
      <button
        type="button"
        aria-pressed={boardViewMode() === 'canvas'}
        onClick={() => setBoardViewMode('canvas')}
      >
        {t('listView.board')}
      </button>
      <button
        type="button"
        aria-pressed={boardViewMode() === 'list'}
        onClick={() => setBoardViewMode('list')}
      >
        {t('listView.list')}
      </button>
    </fieldset>
  )
}
