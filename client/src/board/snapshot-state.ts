/**
 * A snapshot's board as bytes: `GET /api/workshops/:id/snapshots/:sid/state` answers the Yjs
 * state (application/octet-stream), which `api()` (JSON only) cannot read. Errors as `api()` has them.
 */
import type { ErrorBody } from '../../../shared/api/contract.ts'
import { ApiError, appUrl } from '../api/http.ts'
import { identityHeaders } from '../api/tab-identity.ts'

export async function fetchSnapshotState(workshopId: string, snapshotId: string): Promise<Uint8Array> {
  const path = `/api/workshops/${workshopId}/snapshots/${snapshotId}/state`
  let res: Response
  try {
    res = await fetch(appUrl(path), { credentials: 'same-origin', headers: identityHeaders(path) })
  } catch {
    throw new ApiError(0, 'network', 'Der Server ist nicht erreichbar. / The server cannot be reached.')
  }
  if (!res.ok) {
    const error = ((await res.json().catch(() => null)) as Partial<ErrorBody> | null)?.error
    throw new ApiError(res.status, error?.code ?? 'http-error', error?.message ?? `HTTP ${res.status}`)
  }
  return new Uint8Array(await res.arrayBuffer())
}
