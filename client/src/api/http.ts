/**
 * JSON calls to the server. Errors carry the server's `{error:{code,message}}`. The browser
 * authenticates with its HttpOnly session cookie only: a `token` in an answer (public
 * interface v1, for other clients) is dropped here, so no page can keep it.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body !== undefined ? { 'content-type': 'application/json' } : {},
      body: body !== undefined ? JSON.stringify(body) : undefined,
    })
  } catch {
    throw new ApiError(0, 'network', 'Der Server ist nicht erreichbar. / The server cannot be reached.')
  }
  if (res.status === 204) return undefined as T
  const data: unknown = await res.json().catch(() => null)
  if (!res.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | null)?.error
    throw new ApiError(res.status, error?.code ?? 'http-error', error?.message ?? `HTTP ${res.status}`)
  }
  return withoutToken(data) as T
}

function withoutToken(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data) || !('token' in data)) return data
  const { token: _dropped, ...rest } = data as Record<string, unknown>
  return rest
}

export interface User {
  id: string
  username: string
  role: 'facilitator' | 'councillor' | 'staff'
  isAdmin: boolean
}

export type Me =
  | { kind: 'user'; user: User }
  | { kind: 'guest'; guest: { id: string; workshopId: string; name: string; role: string } }

export interface WorkshopDetails {
  id: string
  title: string
  joinCode?: string
  joinCodeDisplay?: string
  joinUrl?: string
  /** New people may join. */
  joining: boolean
  /** The facilitator's view of the doors. */
  guestCap?: number | null
  effectiveGuestCap?: number | null
  guests?: number
  me: { participantId: string; name: string; role: string; isFacilitator: boolean }
}

export interface WorkshopSummary {
  id: string
  title: string
  createdAt: number
  facilitating: boolean
  joinCode?: string
}

export interface SnapshotInfo {
  id: string
  label: string
  createdBy: string
  createdAt: number
}

export const fetchMe = () => api<Me>('GET', '/api/me').catch(() => null)
