/**
 * Attendance in the minutes: counts by role only, unless the instance allows names
 * (`MINUTES_NAMES=on`, issue 13: "names only where the instance allows it").
 */
import { describe, expect, it } from 'vitest'
import { call, createWorkshop, joinAsGuest, setupFacilitator } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'

const h = useSyncHarness()

async function attendance(env: Record<string, string>) {
  const server = await h.start({ env })
  const token = await setupFacilitator(server.url)
  const w = await createWorkshop(server.url, token)
  await joinAsGuest(server.url, w.joinCode, 'Anna Gast')
  expect(
    (await call(server.url, 'POST', `/api/workshops/${w.id}/snapshots`, { label: 'Ende' }, token)).status,
  ).toBe(201)
  const minutes = await call(
    server.url,
    'GET',
    `/api/workshops/${w.id}/minutes?format=json`,
    undefined,
    token,
  )
  expect(minutes.status).toBe(200)
  const md = await call(server.url, 'GET', `/api/workshops/${w.id}/minutes?format=md`, undefined, token)
  return { data: minutes.json.attendance, md: md.json as string }
}

describe('attendance in the minutes', () => {
  it('counts only, by default', async () => {
    const { data, md } = await attendance({})
    expect(data.namesShown).toBe(false)
    expect(data.byRole).toContainEqual({ role: 'citizen', count: 1, names: null })
    expect(md).not.toContain('Anna Gast')
  })

  it('names the people under their role with MINUTES_NAMES=on', async () => {
    const { data, md } = await attendance({ MINUTES_NAMES: 'on' })
    expect(data.namesShown).toBe(true)
    expect(data.byRole).toContainEqual({ role: 'citizen', count: 1, names: ['Anna Gast'] })
    expect(md).toContain('Anna Gast')
  })
})
