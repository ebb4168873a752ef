/** Canvas or list: how this tab shows the board, remembered for the tab (sessionStorage). */
import { createRoot, createSignal } from 'solid-js'

export type BoardViewMode = 'canvas' | 'list'
const STORAGE_KEY = 'rw-board-view'

function initial(): BoardViewMode {
  try {
    return sessionStorage.getItem(STORAGE_KEY) === 'list' ? 'list' : 'canvas'
  } catch {
    // Storage blocked: the canvas, as before.
    return 'canvas'
  }
}

const state = createRoot(() => {
  const [mode, setMode] = createSignal<BoardViewMode>(initial())
  return { mode, setMode }
})

export const boardViewMode = state.mode

export function setBoardViewMode(next: BoardViewMode): void {
  state.setMode(next)
  try {
    sessionStorage.setItem(STORAGE_KEY, next)
  } catch {
    // Not remembered; still switched.
  }
}
