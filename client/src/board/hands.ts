/**
 * Raised hands in the browser: the queue and the speaker read from the board (root `hands`,
 * written by the server only), and the calls that change them. Waiting and speaking times are
 * counted from server time (server-clock.ts), so every screen shows the same figures.
 */
import { type Accessor, createSignal, onCleanup } from 'solid-js'
import type * as Y from 'yjs'
import { type HandsState, handsOf, readHands } from '../../../shared/board/hands.ts'
import type { Actor } from '../../../shared/policy/permissions.ts'
import type { Role } from '../../../shared/policy/roles.ts'
import { api, type HandRequest, type HandsResponse } from '../api/http.ts'
import { t } from '../i18n/i18n.ts'

export function createHands(board: Y.Doc): Accessor<HandsState> {
  const [hands, setHands] = createSignal<HandsState>(readHands(board), {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  })
  const root = handsOf(board)
  const update = () => setHands(readHands(board))
  root.observe(update)
  onCleanup(() => root.unobserve(update))
  return hands
}

export const sendHand = (workshopId: string, body: HandRequest) =>
  api<HandsResponse>('POST', `/api/workshops/${workshopId}/hands`, body)

export const callNextSpeaker = (workshopId: string) =>
  api<HandsResponse>('POST', `/api/workshops/${workshopId}/hands/next`)

export const endSpeaker = (workshopId: string) =>
  api<HandsResponse>('POST', `/api/workshops/${workshopId}/hands/done`)

/** A role or group in the reader's words; a role this client does not know stays as it is. */
export function roleLabel(role: string | null): string {
  if (!role) return ''
  return (t(`roles.${role as 'citizen'}`) as string | undefined) ?? role
}

/** "Anna (Bürger*in)", "Herr Schulz (im Raum, Ratsmitglied)". */
export function entryLabel(entry: { name: string; role: string | null; for?: boolean }): string {
  const parts = [entry.for ? t('hands.onBehalf') : '', roleLabel(entry.role)].filter(Boolean)
  return parts.length > 0 ? `${entry.name} (${parts.join(', ')})` : entry.name
}

/**
 * The viewer as the shared policy sees them. The role string is passed as it is, so a role this
 * build does not list yet (`assistant`) still meets its rule.
 */
export function handActor(me: { participantId: string; role: string; isFacilitator: boolean }): Actor {
  return { participantId: me.participantId, role: me.role as Role, isFacilitator: me.isFacilitator }
}

/** Time passed since `since` (server ms) as m:ss, counting whole seconds up. */
export function elapsed(now: number, since: number): string {
  const total = Math.max(0, Math.floor((now - since) / 1000))
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`
}
