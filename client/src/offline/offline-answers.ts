/**
 * The last answers to the two calls a board needs before it can show anything (who am I, which
 * workshop is this), kept per tab in sessionStorage so a reload without network still opens
 * the board from its local copy. Per tab, because a tab is one person (tab-identity.ts), and
 * gone when the tab closes or its person logs out: nothing of it outlives the visit.
 */
const PREFIX = 'rw-offline:'

/** `/api/me` and one workshop's details: nothing else is kept. */
export function keepsOffline(method: string, path: string): boolean {
  return method === 'GET' && (path === '/api/me' || /^\/api\/workshops\/[^/]+$/.test(path))
}

function key(path: string, identity: string | undefined): string {
  return `${PREFIX}${identity ?? ''}:${path}`
}

export function rememberAnswer(path: string, identity: string | undefined, data: unknown): void {
  try {
    sessionStorage.setItem(key(path, identity), JSON.stringify(data))
  } catch {
    // No storage: the board still works, only not after an offline reload.
  }
}

/** The kept answer, or undefined when there is none. */
export function keptAnswer(path: string, identity: string | undefined): unknown {
  try {
    const stored = sessionStorage.getItem(key(path, identity))
    return stored === null ? undefined : (JSON.parse(stored) as unknown)
  } catch {
    return undefined
  }
}

/** Forgets every kept answer of this tab (logout, leaving, removal). */
export function forgetAnswers(): void {
  try {
    for (const name of Object.keys(sessionStorage)) {
      if (name.startsWith(PREFIX)) sessionStorage.removeItem(name)
    }
  } catch {
    // Nothing was kept.
  }
}
