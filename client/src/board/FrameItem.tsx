/** A frame on the canvas: a titled area; facilitators move it by its title, rename or remove it. */
import { createSignal, type JSX, Show } from 'solid-js'
import type * as Y from 'yjs'
import { deleteFrame, type Frame, moveFrame, setFrame } from '../../../shared/board/frames.ts'
import { t } from '../i18n/i18n.ts'
import type { Viewport } from './viewport.ts'

export function FrameItem(props: {
  frame: Frame
  board: Y.Doc
  editable: boolean
  viewport: Viewport
}): JSX.Element {
  const [local, setLocal] = createSignal<{ x: number; y: number } | null>(null)
  let drag: { id: number; sx: number; sy: number; x: number; y: number } | null = null
  const pos = () => local() ?? { x: props.frame.x, y: props.frame.y }
  return (
    <section
      class="frame"
      aria-label={t('frames.label', { title: props.frame.title })}
      style={{
        transform: `translate(${pos().x}px, ${pos().y}px)`,
        width: `${props.frame.w}px`,
        height: `${props.frame.h}px`,
      }}
    >
      <header
        class="frame-title"
        classList={{ movable: props.editable }}
        onPointerDown={(e) => {
          if (!props.editable || (e.target as HTMLElement).closest('button')) return
          e.stopPropagation()
          e.preventDefault()
          e.currentTarget.setPointerCapture(e.pointerId)
          drag = { id: e.pointerId, sx: e.clientX, sy: e.clientY, x: props.frame.x, y: props.frame.y }
        }}
        onPointerMove={(e) => {
          if (!drag || drag.id !== e.pointerId) return
          const s = props.viewport.view().scale
          setLocal({ x: drag.x + (e.clientX - drag.sx) / s, y: drag.y + (e.clientY - drag.sy) / s })
        }}
        onPointerUp={() => {
          const p = local()
          drag = null
          if (p) moveFrame(props.board, props.frame.id, p.x, p.y)
          setLocal(null)
        }}
      >
        <span>{props.frame.title}</span>
        <Show when={props.editable}>
          <button
            type="button"
            onClick={() => {
              const title = window.prompt(t('frames.rename'), props.frame.title)?.trim()
              if (title) setFrame(props.board, { ...props.frame, title })
            }}
          >
            {t('frames.renameShort')}
          </button>
          <button type="button" class="danger" onClick={() => deleteFrame(props.board, props.frame.id)}>
            {t('frames.remove')}
          </button>
        </Show>
      </header>
    </section>
  )
}
