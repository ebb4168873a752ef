/**
 * JSON calls to the server. Errors carry the server's `{error:{code,message}}`. The browser
 * authenticates with its HttpOnly session cookie only: a `token` in an answer (public
 * interface v1, for other clients) is dropped here, so no page can keep it. A guest's tab names
 * its participant on each call (tab-identity.ts), so the server reads that guest's own cookie.
 *
 * The request and answer types are the server's own (shared/api/contract.ts), re-exported here:
 * name them in `api<X>()`, so a changed answer fails the client's typecheck too.
 */
import type { ErrorBody, ErrorCode, Me } from '../../../shared/api/contract.ts'
import { keepsOffline, keptAnswer, rememberAnswer } from '../offline/offline-answers.ts'
import { identityFor, identityHeaders } from './tab-identity.ts'

export type * from '../../../shared/api/contract.ts'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
  }
}

/** What the browser gets of an answer: a `token` field is dropped (see `withoutToken`). */
export type Answer<T> = T extends unknown ? ('token' extends keyof T ? Omit<T, 'token'> : T) : never

/**
 * An app path (`/api/...`, `/sync`) under the page's base: the server's `<base href>` names the
 * path PUBLIC_URL serves the app under (`/ratswerkstatt/`), `/` at the root. Use it for every
 * URL the page builds itself (downloads, image sources); router links get the base from the router.
 */
export function appUrl(path: string): string {
  return new URL(path.replace(/^\//, ''), document.baseURI).href
}

/** The base path without its trailing slash ('' at the root), for the router. */
export function basePath(): string {
  return new URL(document.baseURI).pathname.replace(/\/$/, '')
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
  let res: Response
  try {
    res = await fetch(appUrl(path), {
      method,
      credentials: 'same-origin',
      headers: {
        ...identityHeaders(path),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    })
  } catch {
    // Offline: the board's own details from this tab's last visit let it open from its local copy.
    const kept = keepsOffline(method, path) ? keptAnswer(path, identityFor(path) ?? undefined) : undefined
    if (kept !== undefined) return kept as Answer<T>
    throw new ApiError(0, 'network', 'The server cannot be reached.')
  }
  if (res.status === 204) return undefined as Answer<T>
  const data: unknown = await res.json().catch(() => null)
  if (!res.ok) {
    const error = (data as Partial<ErrorBody> | null)?.error
    throw new ApiError(res.status, error?.code ?? 'http-error', error?.message ?? `HTTP ${res.status}`)
  }
  const answer = withoutToken(data)
  if (keepsOffline(method, path)) rememberAnswer(path, identityFor(path) ?? undefined, answer)
  return answer as Answer<T>
}

function withoutToken(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data) || !('token' in data)) return data
  const { token: _dropped, ...rest } = data as Record<string, unknown>
  return rest
}

export const fetchMe = () => api<Me>('GET', '/api/me').catch(() => null)
