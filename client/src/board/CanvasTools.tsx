/**
 * What the canvas tools show over the canvas: undo, redo, select mode, search, zoom to fit; the
 * selection's toolbar; the lasso; the "deleted — undo" toast; the confirmation before deleting
 * several cards (an in-page dialog).
 */
import { createEffect, type JSX, onCleanup, onMount, Show } from 'solid-js'
import { t } from '../i18n/i18n.ts'
import type { CanvasTools as Tools } from './canvas-tools.ts'
import { SearchPanel } from './SearchPanel.tsx'
import { SelectionToolbar } from './SelectionToolbar.tsx'
import type { Viewport } from './viewport.ts'
import './canvas-tools.css'

export function CanvasTools(props: { tools: Tools; viewport: Viewport; canWrite: boolean }): JSX.Element {
  const tools = props.tools
  let root: HTMLDivElement | undefined
  let dialog: HTMLDialogElement | undefined
  let searchButton: HTMLButtonElement | undefined
  let bar: HTMLDivElement | undefined
  let returnFocus: HTMLElement | null = null

  onMount(() => {
    const canvas = root?.closest<HTMLElement>('.canvas')
    if (canvas) onCleanup(tools.attach(canvas))
  })
  createEffect(() => {
    if (!dialog) return
    if (tools.confirming()) {
      returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null
      if (!dialog.open) dialog.showModal()
    } else if (dialog.open) dialog.close()
  })
  const closeDialog = () => {
    tools.setConfirming(null)
    if (returnFocus?.isConnected) returnFocus.focus({ preventScroll: true })
  }
  const closeSearch = () => {
    tools.setSearchOpen(false)
    searchButton?.focus({ preventScroll: true })
  }

  return (
    <div class="canvas-tools" ref={root}>
      <div class="canvas-tools-bar" ref={bar} role="toolbar" aria-label={t('canvasTools.tools')}>
        <Show when={props.canWrite && tools.undo}>
          {(undo) => (
            <>
              <button type="button" disabled={!undo().canUndo()} onClick={() => undo().undo()}>
                {t('canvasTools.undo')}
              </button>
              <button type="button" disabled={!undo().canRedo()} onClick={() => undo().redo()}>
                {t('canvasTools.redo')}
              </button>
            </>
          )}
        </Show>
        <button
          type="button"
          aria-pressed={tools.selectMode()}
          onClick={() => tools.setSelectMode(!tools.selectMode())}
        >
          {t('canvasTools.selectMode')}
        </button>
        <button
          type="button"
          ref={searchButton}
          aria-expanded={tools.searchOpen()}
          onClick={() => (tools.searchOpen() ? closeSearch() : tools.setSearchOpen(true))}
        >
          {t('canvasTools.search')}
        </button>
        <button type="button" onClick={() => props.viewport.fit((bar?.offsetHeight ?? 0) + 16)}>
          {t('canvasTools.fit')}
        </button>
      </div>
      <Show when={tools.searchOpen()}>
        <SearchPanel tools={tools} onClose={closeSearch} />
      </Show>
      <SelectionToolbar tools={tools} />
      <Show when={tools.lasso()}>
        {(r) => (
          <div
            class="lasso"
            aria-hidden="true"
            style={{
              left: `${Math.min(r().x1, r().x2)}px`,
              top: `${Math.min(r().y1, r().y2)}px`,
              width: `${Math.abs(r().x2 - r().x1)}px`,
              height: `${Math.abs(r().y2 - r().y1)}px`,
            }}
          />
        )}
      </Show>
      <div class="undo-toast" classList={{ shown: !!tools.toast() }}>
        <span role="status">
          <Show when={tools.toast()}>
            {(toast) =>
              toast().count === 1
                ? t('canvasTools.deletedOne')
                : t('canvasTools.deletedMany', { count: toast().count })
            }
          </Show>
        </span>
        <Show when={tools.toast()?.step}>
          <button type="button" onClick={tools.undoToast}>
            {t('canvasTools.undo')}
          </button>
        </Show>
      </div>
      <dialog
        ref={dialog}
        class="confirm-dialog"
        aria-labelledby="confirm-delete-title"
        onClose={() => tools.confirming() && closeDialog()}
      >
        <h2 id="confirm-delete-title">
          {t('canvasTools.confirmDelete', { count: tools.confirming()?.length ?? 0 })}
        </h2>
        <p>{t('canvasTools.confirmDeleteHint')}</p>
        <div class="confirm-actions">
          <button
            type="button"
            class="danger"
            onClick={() => {
              const ids = tools.confirming() ?? []
              closeDialog()
              tools.deleteNow(ids)
            }}
          >
            {t('canvasTools.confirm')}
          </button>
          {/* The safe answer has the focus: Enter does not delete by accident. */}
          <button type="button" autofocus onClick={closeDialog}>
            {t('common.cancel')}
          </button>
        </div>
      </dialog>
    </div>
  )
}
