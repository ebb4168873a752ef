/**
 * The administrator page's HTTP routes: list accounts, change a role, deactivate and reactivate,
 * set a new password (sessions end), the retention settings; refused to everyone else. And the
 * shell's `delete <workshop>`, which leaves the deletion in the instance's log.
 */
import { describe, expect, it } from 'vitest'
import { admin } from '../support/admin-cli.ts'
import { call, createWorkshop, PASSWORD } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { openStorageOf } from '../support/test-storage.ts'

const h = useSyncHarness()

describe('administration', () => {
  it('lets an administrator manage accounts and retention, and nobody else', async () => {
    const { server, token } = await h.world()
    const base = server.url
    const created = await call(
      base,
      'POST',
      '/api/users',
      { username: 'ratsfrau', password: PASSWORD, role: 'councillor' },
      token,
    )
    const id = created.json.user.id as string
    const other = (await call(base, 'POST', '/api/login', { username: 'ratsfrau', password: PASSWORD })).json
      .token

    for (const [method, path, body] of [
      ['GET', '/api/users', undefined],
      ['PATCH', `/api/users/${id}`, { role: 'staff' }],
      ['POST', `/api/users/${id}/password`, { password: 'ganz-anderes-passwort' }],
      ['GET', '/api/settings/retention', undefined],
      [
        'PUT',
        '/api/settings/retention',
        { guestDays: 1, hiddenTextDays: 1, workshopDays: 1, participantDeletion: 'remove' },
      ],
    ] as const) {
      expect((await call(base, method, path, body, other)).status, `${method} ${path}`).toBe(403)
    }

    const list = await call(base, 'GET', '/api/users', undefined, token)
    expect(list.json.accounts.map((a: { username: string }) => a.username)).toEqual([
      'moderation',
      'ratsfrau',
    ])
    const role = await call(base, 'PATCH', `/api/users/${id}`, { role: 'staff' }, token)
    expect(role.json).toMatchObject({ role: 'staff', deactivated: false })
    const off = await call(base, 'PATCH', `/api/users/${id}`, { deactivated: true }, token)
    expect(off.json.deactivated).toBe(true)
    expect((await call(base, 'GET', '/api/me', undefined, other)).status).toBe(401)
    expect(
      (await call(base, 'POST', '/api/login', { username: 'ratsfrau', password: PASSWORD })).status,
    ).not.toBe(200)
    expect(
      (await call(base, 'PATCH', `/api/users/${id}`, { deactivated: false }, token)).json.deactivated,
    ).toBe(false)
    expect((await call(base, 'POST', `/api/users/${id}/password`, { password: 'kurz' }, token)).status).toBe(
      400,
    )
    expect(
      (await call(base, 'POST', `/api/users/${id}/password`, { password: 'ganz-anderes-passwort' }, token))
        .status,
    ).toBe(204)
    expect(
      (await call(base, 'POST', '/api/login', { username: 'ratsfrau', password: 'ganz-anderes-passwort' }))
        .status,
    ).toBe(200)
    const self = list.json.accounts.find((a: { username: string }) => a.username === 'moderation').id
    expect((await call(base, 'PATCH', `/api/users/${self}`, { deactivated: true }, token)).status).toBe(403)

    expect((await call(base, 'GET', '/api/settings/retention', undefined, token)).json).toEqual({
      guestDays: null,
      hiddenTextDays: null,
      workshopDays: null,
      participantDeletion: 'pseudonymise',
    })
    const bad = await call(
      base,
      'PUT',
      '/api/settings/retention',
      { guestDays: -1, hiddenTextDays: null, workshopDays: null, participantDeletion: 'remove' },
      token,
    )
    expect(bad.status).toBe(400)
    const put = await call(
      base,
      'PUT',
      '/api/settings/retention',
      { guestDays: 30, hiddenTextDays: 0, workshopDays: 365, participantDeletion: 'remove' },
      token,
    )
    expect(put.json).toEqual({
      guestDays: 30,
      hiddenTextDays: null,
      workshopDays: 365,
      participantDeletion: 'remove',
    })
  })

  it('npm run admin -- delete removes a workshop with the server stopped, and logs it', async () => {
    const server = await h.start()
    const token = (
      await call(server.url, 'POST', '/api/setup', { username: 'moderation', password: PASSWORD })
    ).json.token
    const { id } = await createWorkshop(server.url, token, 'Zu löschen')
    const running = await admin(['delete', id], server.dataDir)
    expect(running.code).toBe(1)
    expect(running.out).toContain('running')
    await server.close()
    const done = await admin(['delete', id], server.dataDir)
    expect(done.out).toContain(id)
    expect(done.code).toBe(0)
    expect((await admin(['delete', id], server.dataDir)).code).toBe(1)
    const db = await openStorageOf(server.dataDir)
    try {
      expect(await db.get('SELECT COUNT(*) AS n FROM workshops')).toEqual({ n: 0 })
      const kinds = await db.all<{ kind: string }>(
        "SELECT kind FROM audit_log WHERE workshop_id = '*instance*'",
      )
      expect(kinds.map((k) => k.kind)).toContain('workshop.deleted')
    } finally {
      await db.close()
    }
  })
})
