/**
 * The tries behind the cluster parameters (server/clusters/suggest.ts), reproducible: each
 * variant of the options is run on the even-numbered cards of tests/fixtures/cluster-cards.json
 * (the half the parameters were tuned on), on the odd-numbered half (held out) and on all cards,
 * each half clustered as a board of its own. Prints adjusted Rand index, purity, coverage and the
 * number of suggestions per variant; docs/benchmarks.md keeps the table.
 *
 *   npx tsx bench/cluster-tuning.ts            the variants of the table
 *   npx tsx bench/cluster-tuning.ts --grid     a grid on the even half only (for tuning)
 */
import fs from 'node:fs'
import { type ClusterOptions, DEFAULT_CLUSTER_OPTIONS, suggestClusters } from '../server/clusters/suggest.ts'
import { adjustedRandIndex, labelsOf, purity } from './cluster-metrics.ts'

const cards = JSON.parse(fs.readFileSync('tests/fixtures/cluster-cards.json', 'utf8')) as {
  text: string
  theme: string
}[]

type Half = 'even' | 'odd' | 'all'
const pick = (half: Half) => cards.filter((_, i) => half === 'all' || i % 2 === (half === 'even' ? 0 : 1))

function score(half: Half, options: ClusterOptions) {
  const set = pick(half)
  const truth = set.map((c) => c.theme)
  const clusters = suggestClusters(
    set.map((c, i) => ({ id: String(i), text: c.text })),
    options,
  ).map((s) => s.cardIds.map(Number))
  const covered = clusters.reduce((sum, c) => sum + c.length, 0)
  return {
    ari: adjustedRandIndex(labelsOf(clusters, set.length), truth),
    purity: purity(clusters, truth),
    coverage: covered / set.length,
    clusters: clusters.length,
  }
}

const cell = (s: ReturnType<typeof score>) =>
  `${s.ari.toFixed(3)} / ${s.purity.toFixed(3)} / ${(100 * s.coverage).toFixed(0)} % / ${s.clusters}`

const NO_LEXICON = { lexiconWeight: 0, lsaSigmaPower: 1 }
export const VARIANTS: [string, Partial<ClusterOptions>][] = [
  ['1 main before: blended cosine, average link 0.1', { ...NO_LEXICON, lsaDims: 0, threshold: 0.1 }],
  ['2 threshold 0.08 (best on even)', { ...NO_LEXICON, lsaDims: 0, threshold: 0.08 }],
  ['3 + LSA 40 dims, average link 0.25', { ...NO_LEXICON, lsaDims: 40, threshold: 0.25 }],
  ['4 LSA 30, average link 0.4 (best LSA on even)', { ...NO_LEXICON, lsaDims: 30, threshold: 0.4 }],
  ['5 spherical k-means on LSA 60, k=20 (best k)', { ...NO_LEXICON, method: 'kmeans', lsaDims: 60, k: 20 }],
  ['6 spherical k-means on LSA 60, k by silhouette', { ...NO_LEXICON, method: 'kmeans', lsaDims: 60, k: 0 }],
  [
    '7 = 2 + tiny clusters (<3) attached at ≥0.06',
    { ...NO_LEXICON, lsaDims: 0, threshold: 0.08, attachBelow: 3, attachThreshold: 0.06 },
  ],
  [
    '8 = 2 + cards below 0.08 to their cluster left out',
    { ...NO_LEXICON, lsaDims: 0, threshold: 0.08, memberThreshold: 0.08 },
  ],
  ['9 lexicon (weight 2), blended cosine, average link 0.1', { lsaDims: 0, threshold: 0.1 }],
  ['10 lexicon + LSA 40 (U·Σ), average link 0.25', { lsaSigmaPower: 1, threshold: 0.25 }],
  ['11 lexicon + LSA 40 (U·Σ²), average link 0.5 (defaults; best on even)', {}],
  ['12 = 11 with lexicon weight 1', { lexiconWeight: 1 }],
  ['13 = 11 with BM25 term weights', { bm25: true }],
  ['14 = 11 + cards below 0.5 to their cluster left out', { memberThreshold: 0.5 }],
  ['15 = 11 with at least 3 cards per suggestion', { minSize: 3 }],
  ['16 = 11 without the lexicon (LSA U·Σ², cut 0.5)', { lexiconWeight: 0 }],
  // A room half of whose themes the lexicon does not know: the fields of every second theme out.
  [
    '17 = 11 without the fields of 8 of the 16 themes',
    {
      lexiconWithout: [
        'nahverkehr',
        'verwaltung',
        'klima',
        'schule',
        'sicherheit',
        'kultur',
        'parken',
        'jugend',
      ],
    },
  ],
]

if (process.argv.includes('--grid')) {
  const grid: Partial<ClusterOptions>[] = []
  const arg = process.argv[process.argv.indexOf('--grid') + 1] ?? ''
  if (arg === 'k') {
    for (const lsaDims of [30, 60, 100])
      for (const lsaSigmaPower of [0, 1])
        for (const k of [8, 12, 16, 20, 25, 30])
          grid.push({ method: 'kmeans', lsaDims, lsaSigmaPower, k, restarts: 5 })
  } else if (arg === 'lex') {
    for (const lexiconWeight of [0, 0.5, 1, 1.5, 2])
      for (const threshold of [0.06, 0.08, 0.1, 0.12, 0.15])
        for (const lsaDims of [0, 40])
          grid.push({ lexiconWeight, threshold: lsaDims ? threshold * 3 : threshold, lsaDims })
  } else if (arg === 'lsa') {
    for (const bm25 of [false, true])
      for (const lsaSigmaPower of [0, 1, 2])
        for (const lsaDims of [30, 40, 60])
          for (const threshold of [0.2, 0.25, 0.3])
            grid.push({
              bm25,
              lsaSigmaPower,
              lsaDims,
              threshold: lsaSigmaPower === 2 ? threshold * 2 : threshold,
            })
  } else if (arg === 'lexmember') {
    for (const memberThreshold of [0.1, 0.15, 0.2, 0.25, 0.3])
      for (const attachBelow of [0, 3]) grid.push({ memberThreshold, attachBelow, attachThreshold: 0.15 })
  } else if (arg === 'attach') {
    for (const threshold of [0.06, 0.08, 0.1, 0.12])
      for (const attachBelow of [0, 3, 4, 5])
        for (const attachThreshold of attachBelow ? [0.02, 0.04, 0.06] : [1])
          grid.push({ threshold, attachBelow, attachThreshold })
  } else if (arg === 'member') {
    for (const threshold of [0.06, 0.08, 0.1])
      for (const memberThreshold of [0.02, 0.04, 0.06, 0.08]) grid.push({ threshold, memberThreshold })
  } else {
    for (const lsaDims of [0, 20, 30, 40, 60, 80])
      for (const threshold of lsaDims === 0
        ? [0.06, 0.08, 0.1, 0.12]
        : [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4])
        grid.push({ lsaDims, threshold })
  }
  const rows = grid.map((o) => ({ ...o, ...score('even', { ...DEFAULT_CLUSTER_OPTIONS, ...o }) }))
  rows.sort((a, b) => b.ari - a.ari)
  console.table(
    rows.slice(0, 25).map((r) => ({
      ...r,
      ari: r.ari.toFixed(3),
      purity: r.purity.toFixed(3),
      coverage: r.coverage.toFixed(2),
    })),
  )
} else {
  console.log('variant | even (tuned): ARI / purity / coverage / clusters | odd (held out) | all 320')
  for (const [name, o] of VARIANTS) {
    const options = { ...DEFAULT_CLUSTER_OPTIONS, ...o }
    console.log(
      `${name} | ${cell(score('even', options))} | ${cell(score('odd', options))} | ${cell(score('all', options))}`,
    )
  }
}
