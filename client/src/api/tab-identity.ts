/**
 * Which guest this tab is. Two guests in two tabs of one browser profile (a shared table
 * tablet) share the profile's session cookie, which is whoever joined last; each guest also
 * has a cookie of their own (`rw_p_<participantId>`, HttpOnly: no token is ever readable
 * here). The tab remembers its participant per workshop in sessionStorage (per tab, kept over
 * a reload; a participant id is no secret) and names it on every call (`X-RW-As`) and sync
 * socket (`?as=`), so the server reads that guest's cookie, and answers 401 rather than
 * acting as the other guest when it is gone.
 */

const KEY = 'rw-as'
export const IDENTITY_HEADER = 'X-RW-As'

interface TabIdentities {
  /** The guest of the last join in this tab (or of the board it shows): for /api/me, logout, join. */
  current: string | null
  /** Workshop id → this tab's participant there. */
  workshops: Record<string, string>
}

function read(): TabIdentities {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<TabIdentities> | null
    return { current: stored?.current ?? null, workshops: { ...stored?.workshops } }
  } catch {
    return { current: null, workshops: {} }
  }
}

function write(identities: TabIdentities): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(identities))
  } catch {
    // No storage (private mode quota): the tab falls back to the profile's cookie, as before.
  }
}

/** After a guest's join in this tab: it is that participant, in that workshop. */
export function rememberIdentity(workshopId: string, participantId: string): void {
  const identities = read()
  write({ current: participantId, workshops: { ...identities.workshops, [workshopId]: participantId } })
}

/** This tab's participant in a workshop, or null (an account, or a tab that never joined). */
export function identityIn(workshopId: string): string | null {
  return read().workshops[workshopId] ?? null
}

/** The guest this tab is right now, or null. */
export function currentIdentity(): string | null {
  return read().current
}

/** Showing a workshop's board: its participant is the tab's current one. True if it changed. */
export function enterWorkshop(workshopId: string): boolean {
  const identities = read()
  const participantId = identities.workshops[workshopId]
  if (!participantId || identities.current === participantId) return false
  write({ ...identities, current: participantId })
  return true
}

/** After this tab's logout: it no longer names that guest (nor anyone, until it joins again). */
export function forgetIdentity(): void {
  const { current, workshops } = read()
  const kept = Object.entries(workshops).filter(([, participantId]) => participantId !== current)
  write({ current: null, workshops: Object.fromEntries(kept) })
}

/** After a login: the tab is that account now, in every workshop. */
export function forgetAllIdentities(): void {
  write({ current: null, workshops: {} })
}

/** The participant a call names: the workshop's own for its paths, else the current one. */
export function identityFor(path: string): string | null {
  const workshop = /^\/api\/workshops\/([^/?#]+)/.exec(path)?.[1]
  return workshop ? identityIn(decodeURIComponent(workshop)) : currentIdentity()
}

export function identityHeaders(path: string): Record<string, string> {
  const participantId = identityFor(path)
  return participantId ? { [IDENTITY_HEADER]: participantId } : {}
}

/** The query of a workshop's sync sockets. */
export function identityParams(workshopId: string): Record<string, string> {
  const participantId = identityIn(workshopId)
  return participantId ? { as: participantId } : {}
}
