/**
 * Vite builds the Solid client from client/ into dist/client. Vitest runs two projects:
 * `node` (unit and integration, real servers on port 0) and `browser` (Chromium end to end).
 * Neither test project loads the Solid plugin, so `ws` resolves to its Node build.
 */
import solid from 'vite-plugin-solid'
import { defineConfig } from 'vitest/config'
import { serviceWorker } from './scripts/vite-service-worker.ts'

export default defineConfig({
  root: 'client',
  // Relative asset paths: the app may be served under a path (PUBLIC_URL); the server's <base href> names it.
  base: './',
  // Tests run in Node and drive a real browser; the Solid plugin would switch them to jsdom.
  plugins: process.env.VITEST ? [] : [solid(), serviceWorker()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/sync': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'node',
          root: '.',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          root: '.',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
