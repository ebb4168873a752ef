/**
 * Quality and speed of the cluster suggestions (server/clusters) on the labelled cards of
 * tests/fixtures/cluster-cards.json, beside a simple baseline: every card joins the group of its
 * most frequent keyword shared with another card (lower-cased words without stop words, no
 * stemming, no compounds, no n-grams). Reports the adjusted Rand index, purity, coverage, the
 * number of clusters, and the time for all cards (median of several runs, after a warm-up).
 *
 *   npx tsx bench/clusters.ts [runs=9]
 */
import fs from 'node:fs'
import os from 'node:os'
import { STOP_WORDS } from '../server/clusters/stop-words.ts'
import { suggestClusters } from '../server/clusters/suggest.ts'
import { fold, words } from '../server/clusters/text.ts'
import { adjustedRandIndex, labelsOf, purity } from './cluster-metrics.ts'

const RUNS = Number(process.argv[2] ?? 9)
const cards = JSON.parse(fs.readFileSync('tests/fixtures/cluster-cards.json', 'utf8')) as {
  text: string
  theme: string
}[]
const truth = cards.map((c) => c.theme)
const input = cards.map((c, i) => ({ id: String(i), text: c.text }))

/** The baseline: group by the card's most frequent keyword that at least one other card has. */
function keywordBaseline(texts: string[]): number[][] {
  const keywords = texts.map(
    (t) =>
      new Set(
        words(t)
          .map(fold)
          .filter((w) => w.length >= 3 && !STOP_WORDS.has(w) && !/^\d+$/.test(w)),
      ),
  )
  const df = new Map<string, number>()
  for (const k of keywords) for (const w of k) df.set(w, (df.get(w) ?? 0) + 1)
  const groups = new Map<string, number[]>()
  keywords.forEach((k, i) => {
    const best = [...k]
      .filter((w) => (df.get(w) ?? 0) >= 2)
      .sort((a, b) => (df.get(b) ?? 0) - (df.get(a) ?? 0) || (a < b ? -1 : 1))[0]
    if (!best) return
    const g = groups.get(best)
    if (g) g.push(i)
    else groups.set(best, [i])
  })
  return [...groups.values()].filter((g) => g.length >= 2)
}

function timed<T>(run: () => T): { result: T; ms: number } {
  run()
  const times: number[] = []
  let result = run()
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    result = run()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { result, ms: times[Math.floor(times.length / 2)] as number }
}

function report(name: string, clusters: number[][], ms: number) {
  const clustered = clusters.reduce((sum, c) => sum + c.length, 0)
  return {
    method: name,
    ari: adjustedRandIndex(labelsOf(clusters, cards.length), truth).toFixed(3),
    purity: purity(clusters, truth).toFixed(3),
    coverage: `${((100 * clustered) / cards.length).toFixed(0)} %`,
    clusters: clusters.length,
    ms: ms.toFixed(1),
  }
}

const ours = timed(() => suggestClusters(input))
const baseline = timed(() => keywordBaseline(input.map((c) => c.text)))
const themes = new Set(truth).size
console.log(
  `${cards.length} cards, ${themes} themes; ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}`,
)
console.table([
  report(
    'suggestions (server/clusters)',
    ours.result.map((s) => s.cardIds.map(Number)),
    ours.ms,
  ),
  report('baseline: most frequent shared keyword', baseline.result, baseline.ms),
])
// Speed only, towards the cap of 1,000 cards (server/clusters/cluster-service.ts): the set three
// times over, each copy's cards with a word of their own so no two texts are identical.
const large = Array.from({ length: 3 }, (_, copy) =>
  input.map((c) => ({ id: `${copy}-${c.id}`, text: `${c.text} Gruppe${copy}` })),
).flat()
const largeRun = timed(() => suggestClusters(large))
console.log(`${large.length} cards: ${largeRun.ms.toFixed(0)} ms (median of ${RUNS})`)

if (process.argv.includes('--show')) {
  for (const s of ours.result) {
    console.log(`\n${s.title}  [${s.words.join(', ')}]`)
    for (const id of s.cardIds) console.log(`  ${truth[Number(id)]}: ${cards[Number(id)]?.text}`)
  }
}
