/**
 * A frame on the canvas: a titled area that owns its cards. Facilitators move it by its title bar
 * or its move handle (pointer or arrow keys; its cards go along), resize it by the corner handle
 * (pointer or arrow keys), title it in place and remove it. The title bar is drawn above the
 * cards (frames-links.css), so no card covers it.
 */
import { createEffect, type JSX, on, Show } from 'solid-js'
import type * as Y from 'yjs'
import { deleteFrame, type Frame, moveFrame, resizeFrame, setFrame } from '../../../shared/board/frames.ts'
import { t } from '../i18n/i18n.ts'
import { setTitlingFrame, titlingFrame } from './board-links.ts'
import type { Viewport } from './viewport.ts'
import './frames-links.css'

const KEY_STEP = 20

type Drag = { id: number; sx: number; sy: number; a: number; b: number }

/** Runs `apply` at most once per animation frame with the latest value, and once more at the end. */
function throttled<T>(apply: (value: T) => void) {
  let raf = 0
  let latest: T | null = null
  return {
    push(value: T) {
      latest = value
      if (raf) return
      raf = requestAnimationFrame(() => {
        raf = 0
        if (latest !== null) apply(latest)
      })
    },
    flush() {
      if (raf) cancelAnimationFrame(raf)
      raf = 0
      if (latest !== null) apply(latest)
      latest = null
    },
  }
}

export function FrameItem(props: {
  frame: Frame
  board: Y.Doc
  editable: boolean
  viewport: Viewport
}): JSX.Element {
  let drag: Drag | null = null
  let resize: Drag | null = null
  let input: HTMLInputElement | undefined
  let moveButton: HTMLButtonElement | undefined
  const mover = throttled((p: { x: number; y: number }) => moveFrame(props.board, props.frame.id, p.x, p.y))
  const sizer = throttled((p: { w: number; h: number }) => resizeFrame(props.board, props.frame.id, p.w, p.h))
  const titling = () => props.editable && titlingFrame() === props.frame.id

  createEffect(
    on(titling, (now) => {
      if (!now) return
      queueMicrotask(() => {
        input?.focus()
        input?.select()
      })
    }),
  )
  const finishTitle = (keep: boolean) => {
    const title = input?.value.trim() ?? ''
    if (keep && title && title !== props.frame.title) setFrame(props.board, { ...props.frame, title })
    setTitlingFrame(null)
    queueMicrotask(() => moveButton?.focus({ preventScroll: true }))
  }

  const start = (e: PointerEvent, a: number, b: number): Drag => {
    e.stopPropagation()
    e.preventDefault()
    ;(e.currentTarget as HTMLElement).setPointerCapture(e.pointerId)
    return { id: e.pointerId, sx: e.clientX, sy: e.clientY, a, b }
  }
  const delta = (d: Drag, e: PointerEvent) => {
    const s = props.viewport.view().scale
    return { dx: (e.clientX - d.sx) / s, dy: (e.clientY - d.sy) / s }
  }
  const onMoveKey = (e: KeyboardEvent) => {
    const step = arrow(e.key)
    if (!step) return
    e.preventDefault()
    moveFrame(props.board, props.frame.id, props.frame.x + step[0], props.frame.y + step[1])
  }

  return (
    <section
      class="frame"
      data-frame-id={props.frame.id}
      aria-label={t('frames.label', { title: props.frame.title })}
      style={{
        left: `${props.frame.x}px`,
        top: `${props.frame.y}px`,
        width: `${props.frame.w}px`,
        height: `${props.frame.h}px`,
      }}
    >
      <header
        class="frame-title"
        classList={{ movable: props.editable }}
        onPointerDown={(e) => {
          // The move handle drags too; the other buttons and the title input do not.
          if (!props.editable || (e.target as HTMLElement).closest('button:not(.frame-move), input')) return
          drag = start(e, props.frame.x, props.frame.y)
        }}
        onPointerMove={(e) => {
          if (!drag || drag.id !== e.pointerId) return
          const { dx, dy } = delta(drag, e)
          mover.push({ x: drag.a + dx, y: drag.b + dy })
        }}
        onPointerUp={() => {
          if (!drag) return
          drag = null
          mover.flush()
        }}
      >
        <Show
          when={titling()}
          fallback={<span class="frame-name">{props.frame.title || t('frames.untitled')}</span>}
        >
          <input
            ref={input}
            class="frame-title-input"
            aria-label={t('frames.titleInput')}
            maxLength={120}
            value={props.frame.title}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                finishTitle(true)
              } else if (e.key === 'Escape') {
                e.preventDefault()
                finishTitle(false)
              }
            }}
            onBlur={() => titling() && finishTitle(true)}
          />
        </Show>
        <Show when={props.editable}>
          <button
            ref={moveButton}
            type="button"
            class="frame-move"
            aria-label={t('frames.move', { title: props.frame.title })}
            onKeyDown={onMoveKey}
          >
            <span aria-hidden="true">✥</span>
          </button>
          <button type="button" onClick={() => setTitlingFrame(props.frame.id)}>
            {t('frames.renameShort')}
          </button>
          <button type="button" class="danger" onClick={() => deleteFrame(props.board, props.frame.id)}>
            {t('frames.remove')}
          </button>
        </Show>
      </header>
      <Show when={props.editable}>
        <button
          type="button"
          class="frame-resize"
          aria-label={t('frames.resize', { title: props.frame.title })}
          onPointerDown={(e) => {
            resize = start(e, props.frame.w, props.frame.h)
          }}
          onPointerMove={(e) => {
            if (!resize || resize.id !== e.pointerId) return
            const { dx, dy } = delta(resize, e)
            sizer.push({ w: resize.a + dx, h: resize.b + dy })
          }}
          onPointerUp={() => {
            if (!resize) return
            resize = null
            sizer.flush()
          }}
          onKeyDown={(e) => {
            const step = arrow(e.key)
            if (!step) return
            e.preventDefault()
            resizeFrame(props.board, props.frame.id, props.frame.w + step[0], props.frame.h + step[1])
          }}
        >
          <span aria-hidden="true">◢</span>
        </button>
      </Show>
    </section>
  )
}

function arrow(key: string): [number, number] | null {
  const steps: Record<string, [number, number]> = {
    ArrowLeft: [-KEY_STEP, 0],
    ArrowRight: [KEY_STEP, 0],
    ArrowUp: [0, -KEY_STEP],
    ArrowDown: [0, KEY_STEP],
  }
  return steps[key] ?? null
}
