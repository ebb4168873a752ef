/**
 * A card's connections in its list-view entry, so the list says what the canvas's arrows say.
 * Everyone sees the connections a card has ("→ X", "← X"); a facilitator also gets the select to
 * add one and a delete button per connection (CardConnections, as the canvas's connect handle
 * opens it). A participant's card without connections shows nothing: no empty heading per card.
 */
import { type JSX, Show } from 'solid-js'
import { connectorsAt } from '../../../shared/board/connectors.ts'
import { boardConnectors } from './board-links.ts'
import type { BoardModel, CardView } from './board-model.ts'
import { CardConnections } from './CardConnections.tsx'

export function ListCardConnections(props: { model: BoardModel; card: CardView }): JSX.Element {
  const connectors = boardConnectors(props.model.board)
  const writes = () => props.model.isFacilitator && props.model.canWrite
  // A draft is not on the board yet: nothing connects to it (as on the canvas).
  const shown = () =>
    !props.card.pending && (writes() || connectorsAt(connectors(), props.card.id).length > 0)
  return (
    <Show when={shown()}>
      {/* Inside a card of a frame's section (h3): the list's heading is one level down. */}
      <CardConnections model={props.model} id={props.card.id} headingLevel={4} />
    </Show>
  )
}
