/**
 * What a card says about where it came from, beyond its author: the group a paper card was
 * entered for (by an assistant), and the photo of the paper original. Both come from fields only
 * the server writes. A hidden card shows neither: its photo would show the text it hid.
 */
import { type JSX, Show } from 'solid-js'
import { photoPath } from '../../../shared/api/photos.ts'
import { t } from '../i18n/i18n.ts'
import type { CardView } from './board-model.ts'

export function CardProvenance(props: { card: CardView; workshopId: string }): JSX.Element {
  const entered = () => (props.card.enteredBy !== null ? props.card.authorGroup : null)
  const photo = () => (props.card.hidden === null && !props.card.pending ? props.card.photo : null)
  return (
    <>
      <Show when={photo()}>
        {(version) => (
          <img
            class="card-photo"
            src={photoPath(props.workshopId, props.card.id, version())}
            alt={props.card.text}
            loading="lazy"
            draggable={false}
          />
        )}
      </Show>
      <Show when={entered()}>
        {(group) => (
          <span class="badge card-group" data-group={group()}>
            {t('assistant.forGroup', { group: t(`groups.${group()}`) })}
          </span>
        )}
      </Show>
    </>
  )
}
