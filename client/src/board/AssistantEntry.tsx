/**
 * The assistant's entry form, made for typing in a stack of paper cards: type the text, pick the
 * group (arrow keys in the radio group, or Alt+1..3) and the colour (arrow keys, or Alt+C), press
 * Enter: the card goes onto the assistant's desk at a free spot in view, the field clears and
 * keeps the focus for the next card. Group and colour stay as they were, since paper cards come
 * in batches. Below, the cards entered in this session, each with its place and a photo upload.
 */
import { createSignal, For, type JSX, Show } from 'solid-js'
import { PHOTO_TYPES, type PhotoUploadResponse, photoPath } from '../../../shared/api/photos.ts'
import { CARD_COLORS, type CardColor } from '../../../shared/board/schema.ts'
import { GROUPS, type Group } from '../../../shared/policy/roles.ts'
import { errorText, refusalText, t } from '../i18n/i18n.ts'
import { createLiveText } from '../i18n/live-text.ts'
import type { BoardModel } from './board-model.ts'

const DIGITS: Record<string, number> = { Digit1: 0, Digit2: 1, Digit3: 2, Numpad1: 0, Numpad2: 1, Numpad3: 2 }

export function AssistantEntry(props: {
  model: BoardModel
  workshopId: string
  /** A free spot in the current view for the next card. */
  spot: () => { x: number; y: number }
}): JSX.Element {
  const [group, setGroup] = createSignal<Group>('citizen')
  const [color, setColor] = createSignal<CardColor>('yellow')
  const [entered, setEntered] = createSignal<string[]>([])
  const [status, setStatus] = createLiveText()
  const [photoStatus, setPhotoStatus] = createSignal<Record<string, () => string>>({})
  let textarea: HTMLTextAreaElement | undefined

  const groupName = (g: Group) => t(`groups.${g}`)
  const cardOf = (id: string) => props.model.cards.find((card) => card.id === id)

  const save = () => {
    const text = textarea?.value.trim() ?? ''
    if (!text) {
      setStatus(() => t('assistant.empty'))
      textarea?.focus()
      return
    }
    const { x, y } = props.spot()
    const id = props.model.add(text, x, y, color(), { group: group(), open: false })
    setEntered((list) => [id, ...list])
    if (textarea) textarea.value = ''
    setStatus(() => t('assistant.saved', { group: groupName(group()) }))
    textarea?.focus()
  }

  const pickGroup = (next: Group) => {
    setGroup(next)
    setStatus(() => `${t('assistant.group')}: ${groupName(next)}`)
  }
  const nextColor = (step: number) => {
    const index = CARD_COLORS.indexOf(color())
    const next = CARD_COLORS[(index + step + CARD_COLORS.length) % CARD_COLORS.length] as CardColor
    setColor(next)
    setStatus(() => `${t('assistant.color')}: ${t(`colors.${next}`)}`)
  }

  // Shortcuts anywhere in the form; Enter saves from the text field and from the radio groups.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey && !event.ctrlKey && !event.metaKey) {
      const digit = DIGITS[event.code]
      if (digit !== undefined) {
        event.preventDefault()
        pickGroup(GROUPS[digit] as Group)
        return
      }
      if (event.code === 'KeyC') {
        event.preventDefault()
        nextColor(event.shiftKey ? -1 : 1)
        return
      }
    }
    const plainEnter =
      event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey
    const target = event.target as HTMLElement
    if (plainEnter && !event.isComposing && (target === textarea || target.matches('input[type="radio"]'))) {
      event.preventDefault()
      save()
    }
  }

  const upload = async (cardId: string, file: File) => {
    // Kept as how to say it, so the line follows a switch of language.
    const mark = (text: () => string) => setPhotoStatus((all) => ({ ...all, [cardId]: text }))
    mark(() => t('assistant.photoUploading'))
    try {
      const res = await fetch(photoPath(props.workshopId, cardId), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': file.type },
        body: file,
      })
      const body = (await res.json().catch(() => null)) as
        | PhotoUploadResponse
        | { error?: { code?: string; message?: string } }
        | null
      if (!res.ok) {
        const error = body && 'error' in body ? body.error : undefined
        // The server's code in the reader's words; its message only for a code the UI lacks.
        const reason = () =>
          (error?.code ? errorText(error.code) : null) ?? error?.message ?? `HTTP ${res.status}`
        mark(() => t('assistant.photoFailed', { reason: reason() }))
        return
      }
      mark(() => t('assistant.photoSaved'))
    } catch {
      mark(() => t('assistant.photoFailed', { reason: errorText('network') ?? 'network' }))
    }
  }

  return (
    <section class="panel assistant-entry" aria-labelledby="assistant-title">
      <h2 id="assistant-title">{t('assistant.title')}</h2>
      <Show when={props.model.mayCreate()} fallback={<p class="hint">{t('assistant.closed')}</p>}>
        <form
          onSubmit={(event) => {
            event.preventDefault()
            save()
          }}
          onKeyDown={onKeyDown}
        >
          <label for="assistant-text">{t('assistant.text')}</label>
          <textarea
            id="assistant-text"
            ref={textarea}
            rows={3}
            maxLength={1000}
            aria-describedby="assistant-text-hint"
            aria-keyshortcuts="Enter Alt+1 Alt+2 Alt+3 Alt+C"
          />
          <p id="assistant-text-hint" class="hint">
            {t('assistant.textHint')}
          </p>
          <fieldset class="choices">
            <legend>
              {t('assistant.group')} <span class="hint">({t('assistant.groupHint')})</span>
            </legend>
            <For each={GROUPS}>
              {(g, index) => (
                <label class="choice">
                  <input
                    type="radio"
                    name="assistant-group"
                    value={g}
                    checked={group() === g}
                    onChange={() => pickGroup(g)}
                    aria-keyshortcuts={`Alt+${index() + 1}`}
                  />{' '}
                  {groupName(g)} <kbd>Alt+{index() + 1}</kbd>
                </label>
              )}
            </For>
          </fieldset>
          <fieldset class="choices">
            <legend>
              {t('assistant.color')} <span class="hint">({t('assistant.colorHint')})</span>
            </legend>
            <For each={CARD_COLORS}>
              {(c) => (
                <label class={`choice color-choice card-${c}`}>
                  <input
                    type="radio"
                    name="assistant-color"
                    value={c}
                    checked={color() === c}
                    onChange={() => setColor(c)}
                    aria-keyshortcuts="Alt+C"
                  />{' '}
                  {t(`colors.${c}`)}
                </label>
              )}
            </For>
          </fieldset>
          <button type="submit" class="primary">
            {t('assistant.save')}
          </button>
          <p class="hint" role="status" aria-live="polite" data-testid="assistant-status">
            {status()}
          </p>
        </form>
      </Show>
      <h3>{t('assistant.entered', { count: entered().length })}</h3>
      <Show when={entered().length > 0} fallback={<p class="hint">{t('assistant.none')}</p>}>
        <ul class="entered-cards">
          <For each={entered()}>
            {(id) => {
              const card = () => cardOf(id)
              return (
                <Show when={card()}>
                  {(c) => (
                    <li data-card-id={id}>
                      <span class={`swatch card-${c().color}`} aria-hidden="true" /> {c().text}{' '}
                      <span class="hint">
                        (
                        {c().group
                          ? groupName(c().group as Group)
                          : c().authorGroup
                            ? groupName(c().authorGroup as Group)
                            : ''}
                        {c().refusal ? `; ${refusalText(c().refusal as string)}` : ''})
                      </span>
                      <Show
                        when={!c().pending}
                        fallback={<span class="hint"> {t('assistant.photoLater')}</span>}
                      >
                        <label class="button photo-button">
                          {t('assistant.photo')}
                          <input
                            type="file"
                            class="visually-hidden"
                            accept={PHOTO_TYPES.join(',')}
                            capture="environment"
                            aria-label={t('assistant.photoOf', { text: c().text })}
                            onChange={(event) => {
                              const file = event.currentTarget.files?.[0]
                              if (file) void upload(id, file)
                              event.currentTarget.value = ''
                            }}
                          />
                        </label>
                      </Show>
                      <span class="hint" role="status">
                        {photoStatus()[id]?.() ?? ''}
                      </span>
                    </li>
                  )}
                </Show>
              )
            }}
          </For>
        </ul>
      </Show>
    </section>
  )
}
