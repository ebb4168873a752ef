/**
 * Serving the app under the path of PUBLIC_URL (`https://www.stadt.de/ratswerkstatt/`). The
 * proxy may pass the path on or strip it: the server takes both, so a local health check on
 * `/api/health` works as well as `/ratswerkstatt/api/health`. The client is built with relative
 * asset paths; its shell names the base (`<base href>`), so deep links load the assets, and the
 * client derives its API and sync URLs from `document.baseURI`.
 */
import { getPath } from 'hono/utils/url'

/** Hono's `getPath` with the base path taken off where a request carries it. */
export function stripBasePath(basePath: string): (request: Request) => string {
  if (!basePath) return (request) => getPath(request)
  return (request) => {
    const path = getPath(request)
    if (path === basePath) return '/'
    return path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : path
  }
}

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/** The client's shell with `<base href="<basePath>/">` (its own `<base href="/">` replaced). */
export function withBaseHref(indexHtml: string, basePath: string): string {
  const base = `<base href="${escapeAttribute(`${basePath}/`)}" />`
  if (/<base\s[^>]*>/i.test(indexHtml)) return indexHtml.replace(/<base\s[^>]*>/i, base)
  return indexHtml.replace(/<head([^>]*)>/i, (head) => `${head}\n    ${base}`)
}
