/**
 * Deleting a workshop (issue 13's interface): only its owner or an administrator may, not a
 * co-facilitator; and afterwards none of its texts is in any file of the data directory as the
 * server left them, without a VACUUM or checkpoint by the test (secure_delete and the truncated
 * WAL must do it on their own).
 */
import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { call, createWorkshop, joinAsGuest, PASSWORD, setupFacilitator } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { sqliteOnly } from '../support/test-storage.ts'

const h = useSyncHarness()

function markerFiles(dataDir: string, marker: string): string[] {
  return fs
    .readdirSync(dataDir)
    .filter((f) => f.startsWith('ratswerkstatt.sqlite'))
    .filter((f) => fs.readFileSync(path.join(dataDir, f)).includes(Buffer.from(marker, 'utf8')))
}

sqliteOnly('scans the SQLite files; retention.test.ts checks the rows on PostgreSQL')(
  'deleting a workshop',
  () => {
    it('is refused to a co-facilitator and leaves no text in the files, without a VACUUM', async () => {
      const server = await h.start()
      const admin = await setupFacilitator(server.url)
      const marker = 'SpurlosMRK13'
      const w = await createWorkshop(server.url, admin, `Werkstatt ${marker}`)
      await joinAsGuest(server.url, w.joinCode, `Gast ${marker}`)
      expect(
        (await call(server.url, 'PUT', `/api/workshops/${w.id}/place`, { place: `Ort ${marker}` }, admin))
          .status,
      ).toBe(200)
      const snap = await call(
        server.url,
        'POST',
        `/api/workshops/${w.id}/snapshots`,
        { label: `Stand ${marker}` },
        admin,
      )
      expect(snap.status).toBe(201)

      // A second facilitator account, made co-facilitator of the workshop.
      const account = { username: 'kollegin', password: PASSWORD, role: 'facilitator' }
      expect((await call(server.url, 'POST', '/api/users', account, admin)).status).toBe(201)
      const colleague = (
        await call(server.url, 'POST', '/api/login', { username: account.username, password: PASSWORD })
      ).json.token as string
      const joined = await call(
        server.url,
        'POST',
        '/api/join',
        { code: w.joinCode, name: 'Kollegin' },
        colleague,
      )
      expect(joined.status).toBe(200)
      const promoted = await call(
        server.url,
        'PATCH',
        `/api/workshops/${w.id}/participants/${joined.json.participantId}`,
        { role: 'facilitator' },
        admin,
      )
      expect(promoted.json).toMatchObject({ role: 'facilitator' })
      expect(
        (await call(server.url, 'GET', `/api/workshops/${w.id}/verify`, undefined, colleague)).status,
      ).toBe(200)
      expect((await call(server.url, 'DELETE', `/api/workshops/${w.id}`, undefined, colleague)).status).toBe(
        403,
      )

      expect(markerFiles(server.dataDir, marker)).not.toEqual([])
      expect((await call(server.url, 'DELETE', `/api/workshops/${w.id}`, undefined, admin)).status).toBe(204)
      await new Promise((r) => setTimeout(r, 100))
      expect(markerFiles(server.dataDir, marker)).toEqual([])
    })
  },
)
