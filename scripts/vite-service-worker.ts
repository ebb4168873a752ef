/**
 * A Vite plugin that builds the service worker (client/src/offline/service-worker.ts) as
 * `sw.js` at the root of dist/client, with the list of every built asset written into it, so
 * the worker can keep the whole app shell for an offline reload. No separate bundler, no
 * runtime dependency: the worker imports nothing.
 */
import { createHash } from 'node:crypto'
import type { Plugin } from 'vite'

export const SERVICE_WORKER_ENTRY = 'src/offline/service-worker.ts'

export function serviceWorker(): Plugin {
  return {
    name: 'ratswerkstatt-service-worker',
    apply: 'build',
    config() {
      return {
        build: {
          rollupOptions: {
            input: { main: 'index.html', sw: SERVICE_WORKER_ENTRY },
            output: {
              entryFileNames: (chunk: { name: string }) =>
                chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js',
            },
          },
        },
      }
    },
    generateBundle(_options, bundle) {
      const worker = bundle['sw.js']
      if (worker?.type !== 'chunk') throw new Error('service worker chunk sw.js is missing')
      const assets = Object.keys(bundle)
        .filter((name) => name.startsWith('assets/'))
        .sort()
      const version = createHash('sha256').update(assets.join('\n')).digest('hex').slice(0, 16)
      worker.code = worker.code
        .replaceAll('__PRECACHE__', JSON.stringify(assets))
        .replaceAll('__VERSION__', JSON.stringify(version))
    },
  }
}
