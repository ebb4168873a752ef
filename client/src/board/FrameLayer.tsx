/**
 * The frames of the canvas, each kept as one component for as long as the frame exists: a frame
 * that moves or is resized (by this screen's drag, or anyone's) keeps its element, so a drag keeps
 * its pointer and the move handle keeps the keyboard focus. Frames stay in the order this screen
 * first saw them (a moved frame is not re-inserted, which would drop the focus).
 */
import { createMemo, For, type JSX, Show } from 'solid-js'
import type { Frame } from '../../../shared/board/frames.ts'
import type { BoardModel } from './board-model.ts'
import { FrameItem } from './FrameItem.tsx'
import type { Viewport } from './viewport.ts'

export function FrameLayer(props: { model: BoardModel; viewport: Viewport }): JSX.Element {
  const byId = createMemo(() => new Map<string, Frame>(props.model.frames().map((f) => [f.id, f])))
  const ids = createMemo<string[]>((previous) => {
    const now = byId()
    const kept = previous.filter((id) => now.has(id))
    const added = props.model
      .frames()
      .map((f) => f.id)
      .filter((id) => !kept.includes(id))
    const next = [...kept, ...added]
    return next.length === previous.length && next.every((id, i) => id === previous[i]) ? previous : next
  }, [])
  return (
    <For each={ids()}>
      {(id) => (
        <Show when={byId().get(id)}>
          {(frame) => (
            <FrameItem
              frame={frame()}
              board={props.model.board}
              editable={props.model.isFacilitator && props.model.canWrite}
              viewport={props.viewport}
            />
          )}
        </Show>
      )}
    </For>
  )
}
