/**
 * Primes Yjs's encode and decode paths once at start-up. After a restart (a crash mid-session,
 * an update) the first rooms are loaded and sent while everyone reconnects; without this, the
 * JIT compiles those paths on that first big room and its load takes about twice as long.
 */
import * as Y from 'yjs'
import { addCard } from '../../shared/board/card-ops.ts'

export function warmUpYjs(cards = 1000): number {
  const started = performance.now()
  const source = new Y.Doc()
  for (let i = 0; i < cards; i++)
    addCard(source, `c${i}`, { text: `Karte ${i}`, x: i, y: i, color: 'yellow' }, 0)
  const loaded = new Y.Doc()
  Y.applyUpdate(loaded, Y.encodeStateAsUpdate(source))
  Y.encodeStateAsUpdate(loaded, Y.encodeStateVector(new Y.Doc()))
  source.destroy()
  loaded.destroy()
  return performance.now() - started
}
