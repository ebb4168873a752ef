/** The selection's own toolbar: how many cards are selected, their colour, delete, let go. */
import { For, type JSX, Show } from 'solid-js'
import { CARD_COLORS, type CardColor } from '../../../shared/board/schema.ts'
import { t } from '../i18n/i18n.ts'
import type { CanvasTools } from './canvas-tools.ts'

export function SelectionToolbar(props: { tools: CanvasTools }): JSX.Element {
  const tools = props.tools
  const cards = tools.selectedCards
  const model = tools.model
  const recolorable = () => cards().filter((c) => model.canEdit(c))
  const deletable = () => cards().filter((c) => model.canDelete(c))
  return (
    <div class="selection-toolbar" role="toolbar" aria-label={t('canvasTools.selection')}>
      {/* Always present, so that the count is announced as it changes. */}
      <span class="selection-count" role="status">
        <Show when={cards().length > 0}>{t('canvasTools.selected', { count: cards().length })}</Show>
      </span>
      <Show when={cards().length > 0}>
        <Show when={recolorable().length > 0}>
          <label class="visually-hidden" for="selection-color">
            {t('canvasTools.selectionColor')}
          </label>
          <select
            id="selection-color"
            value={recolorable()[0]?.color ?? 'yellow'}
            onChange={(e) => tools.recolorSelection(e.currentTarget.value as CardColor)}
          >
            <For each={CARD_COLORS}>{(color) => <option value={color}>{t(`colors.${color}`)}</option>}</For>
          </select>
        </Show>
        <Show when={deletable().length > 0}>
          <button
            type="button"
            class="danger"
            onClick={() => tools.requestDelete(deletable().map((c) => c.id))}
          >
            {t('canvasTools.deleteSelection')}
          </button>
        </Show>
        <button type="button" onClick={() => tools.selection.clear()}>
          {t('canvasTools.clearSelection')}
        </button>
      </Show>
    </div>
  )
}
