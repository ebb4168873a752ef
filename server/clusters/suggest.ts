/**
 * Cluster suggestions for a set of cards, computed in this process with no network access:
 * features (features.ts: stems, compound parts, the first letters of long words, the card's
 * policy fields from lexicon.ts, character 3-grams), TF-IDF, a truncated SVD of the blended
 * card × term matrix (lsa.ts), average-link clustering of the cosines in that space cut at a
 * threshold (average-link.ts, where the choice is argued), and for each cluster of two or more
 * cards the words that tie it together, the title being the first one or two of them.
 *
 * Why this pipeline (every try is reproducible with bench/cluster-tuning.ts, tuned on the even
 * cards of tests/fixtures/cluster-cards.json, checked on the odd ones; docs/benchmarks.md):
 * - The blend √wordWeight·words ⊕ √(1 − wordWeight)·3-grams makes XXᵀ the old blended cosine:
 *   the words carry the meaning, the n-grams forgive typos the stemmer cannot join.
 * - Short cards of one theme mostly share no word, and nothing lexical fixes that: LSA alone,
 *   BM25 weights, k-means with k by silhouette (or even the true k), attaching small clusters or
 *   dropping outliers each moved the adjusted Rand index by ±0.03 at most (from 0.10–0.15). The
 *   policy-field lexicon is what ties "Mülleimer" to "Hundekot" (ARI about 0.1 → 0.4); it is
 *   domain knowledge, written with the labelled set's themes in view, so the figures overstate
 *   what it does for a room whose themes lie outside the usual fields (`lexiconWeight: 0` turns
 *   it off). On top of it LSA adds about 0.05: co-occurrence with the field terms pulls the
 *   cards of a field together while the words keep different fields apart.
 * - Dimensions scaled by σ² (the cosine of second-order similarity, U·Σ²) and a cut at 0.5 were
 *   best on the even half; 40 dimensions for boards of 160–1,000 cards.
 * The options beyond the defaults (k-means, attaching, outliers, BM25) stay so that the tries
 * can be rerun; the route uses the defaults.
 */
import { averageLink } from './average-link.ts'
import {
  addCosines,
  type CardFeatures,
  cardFeatures,
  documentFrequency,
  type FeatureOptions,
  idfOf,
  type SparseVector,
  tfidf,
} from './features.ts'
import { silhouette, sphericalKMeans } from './kmeans.ts'
import { lsaVectors, type SparseRow } from './lsa.ts'

export interface ClusterOptions extends FeatureOptions {
  /** Share of the word cosine in the blended similarity. */
  wordWeight: number
  /** Term weights by BM25 instead of sublinear TF-IDF (features.ts). */
  bm25: boolean
  /** Dimensions of the LSA space (lsa.ts); 0 clusters on the blended cosine itself. */
  lsaDims: number
  /** Exponent of the singular values weighting the LSA dimensions. */
  lsaSigmaPower: number
  /** The clustering: average link cut at `threshold`, or spherical k-means on the LSA vectors. */
  method: 'average-link' | 'kmeans'
  /** Number of k-means clusters; 0: the k of best silhouette between n/`kFrom` and n/`kTo`. */
  k: number
  kFrom: number
  kTo: number
  restarts: number
  /** A card whose average similarity to the rest of its cluster is below this is left out. */
  memberThreshold: number
  /** Clusters smaller than this are dissolved after the cut ... */
  attachBelow: number
  /** ... and their cards join the most similar remaining cluster when that similarity reaches this. */
  attachThreshold: number
  /** Average similarity at which two clusters still merge. */
  threshold: number
  /** Smallest cluster suggested. */
  minSize: number
  /** Words shown per suggestion. */
  words: number
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  wordWeight: 0.5,
  bm25: false,
  lsaDims: 40,
  lsaSigmaPower: 2,
  method: 'average-link',
  k: 0,
  kFrom: 40,
  kTo: 6,
  restarts: 5,
  memberThreshold: Number.NEGATIVE_INFINITY,
  attachBelow: 0,
  attachThreshold: 1,
  threshold: 0.5,
  minSize: 2,
  words: 4,
  gram: 3,
  prefixWeight: 1,
  prefixLength: 5,
  lexiconWeight: 2,
}

export interface CardText {
  id: string
  text: string
}

export interface Suggestion {
  title: string
  words: string[]
  cardIds: string[]
}

/**
 * The similarity of every pair of cards (n×n, row-major): the blended cosine of the TF-IDF
 * vectors, or, with `lsaDims`, the cosine of their LSA vectors (lsa.ts) computed from the same
 * blend (each block scaled by the square root of its weight, so XXᵀ is the blended cosine).
 */
export function similarities(
  features: CardFeatures[],
  options: ClusterOptions,
): { sim: Float32Array; vectors?: Float64Array; dims: number } {
  const n = features.length
  const sim = new Float32Array(n * n)
  const words = tfidf(
    features.map((f) => f.words),
    options.bm25,
  )
  const grams = tfidf(
    features.map((f) => f.grams),
    options.bm25,
  )
  if (options.lsaDims <= 0) {
    addCosines(words, options.wordWeight, sim)
    addCosines(grams, 1 - options.wordWeight, sim)
    return { sim, dims: 0 }
  }
  const columns = new Map<string, number>()
  const blocks: [SparseVector[], number, string][] = [
    [words, Math.sqrt(options.wordWeight), 'w'],
    [grams, Math.sqrt(1 - options.wordWeight), 'g'],
  ]
  const rows: SparseRow[] = features.map((_, i) => {
    const cols: number[] = []
    const vals: number[] = []
    for (const [vectors, scale, tag] of blocks) {
      for (const [term, w] of vectors[i] as SparseVector) {
        const key = `${tag}${term}`
        let c = columns.get(key)
        if (c === undefined) {
          c = columns.size
          columns.set(key, c)
        }
        cols.push(c)
        vals.push(w * scale)
      }
    }
    return { cols: Int32Array.from(cols), vals: Float64Array.from(vals) }
  })
  if (columns.size === 0) return { sim, dims: 0 }
  const { vectors, dims } = lsaVectors(rows, columns.size, {
    dims: options.lsaDims,
    oversample: 10,
    passes: 2,
    sigmaPower: options.lsaSigmaPower,
  })
  for (let i = 0; i < n; i++) {
    const a = i * dims
    for (let j = i + 1; j < n; j++) {
      const b = j * dims
      let dot = 0
      for (let k = 0; k < dims; k++) dot += (vectors[a + k] as number) * (vectors[b + k] as number)
      sim[i * n + j] = dot
      sim[j * n + i] = dot
    }
  }
  return { sim, vectors, dims }
}

/**
 * Dissolves the clusters smaller than `attachBelow`: each joins the larger cluster it is, on
 * average over all pairs of their cards, most similar to, when that reaches `attachThreshold`;
 * otherwise it stays as it is (and is suggested only if it has `minSize` cards).
 */
function attachSmall(labels: number[], sim: Float32Array, options: ClusterOptions): number[] {
  const n = labels.length
  if (options.attachBelow <= 1) return labels
  const groups = new Map<number, number[]>()
  labels.forEach((label, i) => {
    const g = groups.get(label)
    if (g) g.push(i)
    else groups.set(label, [i])
  })
  const big = [...groups].filter(([, m]) => m.length >= options.attachBelow)
  if (big.length === 0) return labels
  const out = labels.slice()
  for (const [, members] of groups) {
    if (members.length >= options.attachBelow) continue
    let best = -1
    let bestSim = Number.NEGATIVE_INFINITY
    for (const [label, others] of big) {
      let s = 0
      for (const i of members) for (const j of others) s += sim[i * n + j] as number
      s /= members.length * others.length
      if (s > bestSim) {
        bestSim = s
        best = label
      }
    }
    if (bestSim >= options.attachThreshold) for (const i of members) out[i] = best
  }
  return out
}

/** Leaves out (gives a label of its own) each card not similar enough to the rest of its cluster. */
function dropOutliers(labels: number[], sim: Float32Array, threshold: number): number[] {
  const n = labels.length
  if (threshold === Number.NEGATIVE_INFINITY) return labels
  const groups = new Map<number, number[]>()
  labels.forEach((label, i) => {
    const g = groups.get(label)
    if (g) g.push(i)
    else groups.set(label, [i])
  })
  return labels.map((label, i) => {
    const members = groups.get(label) as number[]
    if (members.length < 2) return label
    let s = 0
    for (const j of members) if (j !== i) s += sim[i * n + j] as number
    return s / (members.length - 1) >= threshold ? label : -1 - i
  })
}

/** Cluster labels (one per card, by index), before suggestions are described. */
export function clusterLabels(features: CardFeatures[], options: ClusterOptions): number[] {
  const n = features.length
  if (n === 0) return []
  const { sim, vectors, dims } = similarities(features, options)
  let labels: number[]
  if (options.method === 'kmeans' && vectors && n > 2) {
    const ks =
      options.k > 0
        ? [options.k]
        : Array.from(
            { length: Math.max(1, Math.ceil(n / options.kTo) - Math.ceil(n / options.kFrom) + 1) },
            (_, i) => Math.max(2, Math.ceil(n / options.kFrom)) + i,
          ).filter((k) => k < n)
    let best = { labels: [] as number[], score: Number.NEGATIVE_INFINITY }
    for (const k of ks) {
      const candidate = sphericalKMeans(vectors, n, dims, k, options.restarts)
      const score = ks.length > 1 ? silhouette(candidate, sim, n) : 0
      if (score > best.score) best = { labels: candidate, score }
    }
    labels = best.labels
  } else {
    labels = averageLink(sim.slice(), n, options.threshold)
  }
  return dropOutliers(attachSmall(labels, sim, options), sim, options.memberThreshold)
}

/** The most frequent way a stem was written, for people to read. */
function surfaceForms(features: CardFeatures[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>()
  for (const f of features) {
    for (const t of f.tokens) {
      const forms = counts.get(t.stem) ?? new Map<string, number>()
      counts.set(t.stem, forms)
      forms.set(t.surface, (forms.get(t.surface) ?? 0) + 1)
    }
  }
  const best = new Map<string, string>()
  for (const [stem, forms] of counts) {
    const sorted = [...forms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    best.set(stem, (sorted[0] as [string, number])[0])
  }
  return best
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)

/**
 * The words that tie a cluster's cards together: terms on at least two of its cards, ranked by
 * the share of its cards that have them times their rarity on the board.
 */
export function describe(
  members: number[],
  features: CardFeatures[],
  df: Map<string, number>,
  forms: Map<string, string>,
  count: number,
): { title: string; words: string[] } {
  const n = features.length
  // How many of the cards have the term, and how much: a compound part counts half, so whole
  // words people wrote come first.
  const cover = new Map<string, { cards: number; weight: number }>()
  for (const i of members) {
    for (const [term, w] of (features[i] as CardFeatures).words) {
      const c = cover.get(term) ?? { cards: 0, weight: 0 }
      cover.set(term, { cards: c.cards + 1, weight: c.weight + Math.min(1, w) })
    }
  }
  const rank = (keep: (term: string) => boolean) =>
    [...cover]
      .filter(([term, c]) => c.cards >= 2 && keep(term))
      .map(([term, c]) => ({ term, score: (c.weight / members.length) * idfOf(df.get(term) ?? 1, n) }))
      .sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1))
  // Words people wrote come first. Prefix and field terms (features.ts) tie cards together too;
  // where nothing else is shared ("Bus", "Busverbindung", "Busse"), they are what the facilitator
  // is shown: the way the cards wrote the prefix, or the field's name.
  let ranked = rank((term) => !term.endsWith('-') && !term.startsWith('@'))
  if (ranked.length === 0) ranked = rank(() => true)
  const shown = (term: string): string => {
    if (term.startsWith('@')) return capitalise(term.slice(1))
    if (term.endsWith('-')) {
      const prefix = term.slice(0, -1)
      for (const i of members) {
        const token = (features[i] as CardFeatures).tokens.find((t) => t.stem.startsWith(prefix))
        if (token) return forms.get(token.stem) ?? token.surface
      }
    }
    return forms.get(term) ?? capitalise(term)
  }
  const words: string[] = []
  for (const { term } of ranked) {
    const word = shown(term)
    if (!words.some((w) => w.toLowerCase() === word.toLowerCase())) words.push(word)
    if (words.length >= count) break
  }
  const first = ranked[0]
  const second = ranked[1]
  const titleWords = words.slice(0, second && first && second.score >= 0.6 * first.score ? 2 : 1)
  const title = titleWords.length > 0 ? titleWords.map(capitalise).join(' / ') : ''
  return { title, words }
}

/** Suggested clusters, largest first; cards in no cluster of `minSize` are left out. */
export function suggestClusters(
  cards: CardText[],
  options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS,
): Suggestion[] {
  const features = cardFeatures(
    cards.map((c) => c.text),
    options,
  )
  const labels = clusterLabels(features, options)
  const groups = new Map<number, number[]>()
  labels.forEach((label, i) => {
    const g = groups.get(label)
    if (g) g.push(i)
    else groups.set(label, [i])
  })
  const df = documentFrequency(features.map((f) => f.words))
  const forms = surfaceForms(features)
  return [...groups.values()]
    .filter((members) => members.length >= options.minSize)
    .sort((a, b) => b.length - a.length || (a[0] as number) - (b[0] as number))
    .map((members) => {
      const { title, words } = describe(members, features, df, forms, options.words)
      const cardIds = members.map((i) => (cards[i] as CardText).id)
      return { title: title || (cards[members[0] as number] as CardText).text.slice(0, 40), words, cardIds }
    })
}
