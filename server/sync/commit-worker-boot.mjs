// Worker threads start without the TypeScript loader the main thread runs under; register it,
// then load the commit thread itself.
import { register } from 'tsx/esm/api'

register()
await import('./commit-worker.ts')
