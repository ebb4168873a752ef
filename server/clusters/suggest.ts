/**
 * Cluster suggestions for a set of cards, computed in this process with no network access:
 * features (features.ts: stems, compound parts, the first letters of long words, character
 * 3-grams), a blended cosine similarity, average-link clustering cut at a threshold
 * (average-link.ts, where the choice is argued), and for each cluster of two or more cards the
 * words that tie it together, the title being the first one or two of them.
 *
 * The similarity is wordWeight × cosine(words) + (1 − wordWeight) × cosine(3-grams): the words
 * carry the meaning, the n-grams forgive typos and spelling variants the stemmer cannot join.
 * The weights and the threshold were chosen on tests/fixtures/cluster-cards.json and are
 * reported with the baseline in docs/benchmarks.md.
 */
import { averageLink } from './average-link.ts'
import {
  addCosines,
  type CardFeatures,
  cardFeatures,
  documentFrequency,
  type FeatureOptions,
  idfOf,
  tfidf,
} from './features.ts'

export interface ClusterOptions extends FeatureOptions {
  /** Share of the word cosine in the blended similarity. */
  wordWeight: number
  /** Average similarity at which two clusters still merge. */
  threshold: number
  /** Smallest cluster suggested. */
  minSize: number
  /** Words shown per suggestion. */
  words: number
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  wordWeight: 0.5,
  threshold: 0.1,
  minSize: 2,
  words: 4,
  gram: 3,
  prefixWeight: 1,
  prefixLength: 5,
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

/** Cluster labels (one per card, by index), before suggestions are described. */
export function clusterLabels(features: CardFeatures[], options: ClusterOptions): number[] {
  const n = features.length
  if (n === 0) return []
  const sim = new Float32Array(n * n)
  addCosines(tfidf(features.map((f) => f.words)), options.wordWeight, sim)
  addCosines(tfidf(features.map((f) => f.grams)), 1 - options.wordWeight, sim)
  return averageLink(sim, n, options.threshold)
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
  const ranked = [...cover]
    // Prefix terms (features.ts) tie cards together but are no words to show.
    .filter(([term, c]) => c.cards >= 2 && !term.endsWith('-'))
    .map(([term, c]) => ({ term, score: (c.weight / members.length) * idfOf(df.get(term) ?? 1, n) }))
    .sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1))
  const words: string[] = []
  for (const { term } of ranked) {
    const word = forms.get(term) ?? capitalise(term)
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
