/**
 * Same-origin check for cookie-authenticated requests and WebSocket upgrades. With PUBLIC_URL
 * set, that origin is the only one allowed; without it, the Origin must name the host the
 * request was sent to. A request without Origin is not from a browser and carries no ambient
 * cookie risk, so it passes here and must authenticate like any other.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  publicUrl: string | null,
): boolean {
  if (origin === undefined) return true
  if (publicUrl) return origin === publicUrl
  if (!host) return false
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}
