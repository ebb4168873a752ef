/**
 * This person's ballot in the current phase's vote. Only their own allocation ever comes
 * from the server; budget and cap are enforced there, and refusals are shown as they come.
 */
import { type Accessor, createEffect, createSignal, on } from 'solid-js'
import { api, fetchMe } from '../api/http.ts'
import { t } from '../i18n/i18n.ts'
import { createLiveText } from '../i18n/live-text.ts'
import type { BoardModel } from './board-model.ts'
import { voteErrorText } from './vote-errors.ts'

export interface Voting {
  active: Accessor<boolean>
  budget: Accessor<number>
  remaining: Accessor<number>
  pointsOn(cardId: string): number
  cast(cardId: string, points: number): Promise<void>
  error: Accessor<string | null>
}

interface Mine {
  vote: null | {
    budget?: number
    rule: { budget: number }
    allocations: Record<string, number>
    remaining: number
    revealed: boolean
  }
}

/**
 * Whom a ballot sent from this tab would count for. A tab that names its guest (X-RW-As,
 * api/tab-identity.ts) is that guest or no one; this is the second line of defence for a tab
 * that names nobody (its sessionStorage lost or unavailable): there the profile's session
 * cookie counts, which is whoever joined last in any tab. Null: this tab's person; otherwise
 * the name of the one the session now belongs to.
 */
async function otherSessionName(participantId: string | undefined): Promise<string | null> {
  if (!participantId) return null
  const current = await fetchMe()
  if (current?.kind !== 'guest' || current.guest.id === participantId) return null
  return current.guest.name
}

export function createVoting(
  workshopId: string,
  model: BoardModel,
  mayVote: boolean,
  /** This tab's guest participant; its ballots are refused here once the session is another's. */
  participantId?: string,
): Voting {
  const [allocations, setAllocations] = createSignal<Record<string, number>>({})
  const [remaining, setRemaining] = createSignal(0)
  const [budget, setBudget] = createSignal(0)
  const [open, setOpen] = createSignal(false)
  const [error, setError] = createLiveText()

  const load = async () => {
    if (!mayVote || !model.facilitation().vote) {
      setOpen(false)
      return
    }
    try {
      const other = await otherSessionName(participantId)
      if (other) {
        setOpen(false)
        setError(() => t('vote.otherSession', { name: other }))
        return
      }
      const { vote } = await api<Mine>('GET', `/api/workshops/${workshopId}/votes/mine`)
      setOpen(!!vote && !vote.revealed)
      setAllocations(vote?.allocations ?? {})
      setRemaining(vote?.remaining ?? 0)
      setBudget(vote?.rule.budget ?? 0)
    } catch (err) {
      setError(() => voteErrorText(err))
    }
  }
  createEffect(
    on(
      () => [
        model.facilitation().phaseId,
        JSON.stringify(model.facilitation().vote),
        model.results().length,
        // A card hidden by the facilitator gives its points back (the server withdraws them).
        model.cards.filter((c) => c.hidden).length,
      ],
      () => void load(),
    ),
  )

  return {
    active: open,
    budget,
    remaining,
    error,
    pointsOn: (cardId) => allocations()[cardId] ?? 0,
    async cast(cardId, points) {
      setError(null)
      try {
        const other = await otherSessionName(participantId)
        if (other) {
          setOpen(false)
          setError(() => t('vote.otherSession', { name: other }))
          return
        }
        const res = await api<{ allocations: Record<string, number>; remaining: number }>(
          'POST',
          `/api/workshops/${workshopId}/votes`,
          { cardId, points },
        )
        setAllocations(res.allocations)
        setRemaining(res.remaining)
      } catch (err) {
        setError(() => voteErrorText(err))
      }
    },
  }
}
