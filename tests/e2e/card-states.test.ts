/**
 * Each own card's state as the server records it (desk root `cardStates`), through the server's
 * real paths in Chromium: waiting for approval, approved onto the board, rejected with the
 * reason, deleted by the facilitator. The author reads it in words on the card and in its
 * accessible name.
 */
import { describe, expect, it } from 'vitest'
import {
  addCard,
  facilitatorOpensWorkshop,
  guestJoins,
  newPerson,
  useBrowserWorld,
} from '../support/e2e-flow.ts'

const world = useBrowserWorld()

interface PendingCard {
  participantId: string
  id: string
  text: string
}

describe('card states', () => {
  it('shows the author where each card stands: waiting, on the board, rejected, deleted', async () => {
    const facilitator = await newPerson(world.browser, 'facilitator', world.problems)
    const { joinUrl } = await facilitatorOpensWorkshop(facilitator, world.server.url, 'Verkehrsrunde')
    const workshopId = new URL(facilitator.url()).pathname.split('/').pop() ?? ''
    await facilitator.getByLabel('Neue Karten erst nach Freigabe zeigen', { exact: true }).check()

    const anna = await newPerson(world.browser, 'anna', world.problems)
    await guestJoins(anna, joinUrl, 'Anna')
    await addCard(anna, 'Parkplätze am Rathaus')
    await addCard(anna, 'Tempo 30 vor Schulen')
    const card = (text: string) => anna.locator('.card', { hasText: text })
    const waiting = 'Wartet auf Freigabe durch die Moderation'
    await card('Parkplätze am Rathaus').getByText(waiting).waitFor()
    await card('Tempo 30 vor Schulen').getByText(waiting).waitFor()

    const api = `${world.server.url}/api/workshops/${workshopId}`
    const pendingOf = async () =>
      ((await (await facilitator.request.get(`${api}/pending`)).json()) as { pending: PendingCard[] }).pending
    await expect.poll(async () => (await pendingOf()).length).toBe(2)
    const pending = await pendingOf()
    const parking = pending.find((c) => c.text === 'Parkplätze am Rathaus')
    const tempo = pending.find((c) => c.text === 'Tempo 30 vor Schulen')
    if (!parking || !tempo) throw new Error('cards not in the queue')
    const decide = async (action: 'approve' | 'reject', c: PendingCard, reason?: string) => {
      const res = await facilitator.request.post(`${api}/pending/${action}`, {
        data: { participantId: c.participantId, cardId: c.id, ...(reason ? { reason } : {}) },
        headers: { origin: world.server.url },
      })
      expect(res.status()).toBeLessThan(300)
    }
    await decide('reject', parking, 'gehört in die Runde zum Parken')
    await decide('approve', tempo)

    const rejected = 'Von der Moderation abgelehnt: gehört in die Runde zum Parken'
    await card('Parkplätze am Rathaus').getByText(rejected).waitFor({ timeout: 10_000 })
    expect(await card('Parkplätze am Rathaus').getAttribute('aria-label')).toContain(rejected)
    await card('Tempo 30 vor Schulen').locator('.card-status', { hasText: 'Auf dem Board' }).waitFor()
    // A rejected card is the facilitator's decision: no tools for its author.
    await card('Parkplätze am Rathaus').focus()
    expect(await card('Parkplätze am Rathaus').getByRole('button', { name: 'Bearbeiten' }).count()).toBe(0)

    // The facilitator deletes the approved card from the board; its author's desk says so.
    const onBoard = facilitator.locator('.card', { hasText: 'Tempo 30 vor Schulen' })
    await onBoard.focus()
    await onBoard.getByRole('button', { name: 'Löschen' }).click()
    await card('Tempo 30 vor Schulen')
      .locator('.card-status', { hasText: 'Von der Moderation gelöscht' })
      .waitFor()
    expect(await facilitator.locator('.card', { hasText: 'Tempo 30' }).count()).toBe(0)

    expect(world.problems).toEqual([])
  })
})
