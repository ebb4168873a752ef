/// <reference types="vite/client" />
/**
 * Registers the service worker (offline/service-worker.ts) for the app's base path, in the
 * built app only: the dev server has no `sw.js`, and a worker there would serve stale code.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  const base = new URL('./', document.baseURI)
  navigator.serviceWorker
    .register(new URL('sw.js', base), { scope: base.pathname })
    .catch((error: unknown) => {
      // Without it the app works as before, only not after an offline reload.
      console.warn('service worker not registered', error)
    })
}
