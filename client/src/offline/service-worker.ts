/**
 * The service worker: keeps the app shell (the page and its hashed assets) in the browser so a
 * reload without network still opens the app, which then shows the board from its local copy
 * (board-cache.ts, desk-cache.ts). It caches nothing personal: API answers and the sync socket
 * pass through untouched. Built as its own entry (`sw.js`, scripts/vite-service-worker.ts),
 * which writes the list of assets into `__PRECACHE__`.
 */
/// <reference lib="webworker" />
export {}

declare const self: ServiceWorkerGlobalScope
/** The built assets, relative to the scope (replaced at build time). */
declare const __PRECACHE__: string[]
/** A hash of that list: a new build gets a new cache, and the old one is deleted. */
declare const __VERSION__: string

const PREFIX = 'rw-shell-'
const CACHE = `${PREFIX}${__VERSION__}`
const scope = () => new URL(self.registration.scope)
const SHELL = './'

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE)
      await cache.addAll([SHELL, ...__PRECACHE__].map((path) => new URL(path, scope()).href))
      await self.skipWaiting()
    })(),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name)
      }
      await self.clients.claim()
    })(),
  )
})

/** The page itself: the network's newest, else the cached shell (the router shows any route). */
async function page(request: Request): Promise<Response> {
  try {
    return await fetch(request)
  } catch (error) {
    const shell = await caches.match(new URL(SHELL, scope()).href)
    if (shell) return shell
    throw error
  }
}

/** A hashed asset never changes: the cached copy, else the network's (and keep it). */
async function asset(request: Request): Promise<Response> {
  const cached = await caches.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) {
    const cache = await caches.open(CACHE)
    await cache.put(request, response.clone())
  }
  return response
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  const base = scope()
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return
  const path = url.pathname.slice(base.pathname.length)
  if (request.mode === 'navigate') event.respondWith(page(request))
  else if (path.startsWith('assets/')) event.respondWith(asset(request))
})
