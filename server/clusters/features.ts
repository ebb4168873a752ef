/**
 * Cards as TF-IDF vectors in two spaces: words (stems, plus the parts of German compounds, each
 * part at half weight, and the first five letters of each longer word, since German puts the
 * topic first: "Müll|eimer", "Müll|abfuhr") and character 3-grams of the folded words (so "Fahradweg" and "Fahrradweg",
 * or "Spielplaz" and "Spielplatz", still meet). A term that occurs on only one card cannot tie
 * cards together and only dilutes the cosine, so it is dropped (min_df 2). With a lexicon weight,
 * each policy field a card's words belong to (lexicon.ts) is a word term too ("@sauberkeit"),
 * never shown to people.
 */
import { CompoundSplitter } from './compounds.ts'
import { fieldsOf } from './lexicon.ts'
import { type Token, tokenize } from './text.ts'

export const PART_WEIGHT = 0.5

export interface FeatureOptions {
  /** Length of the character n-grams. */
  gram: number
  /** Weight of a word's first letters as a term of its own (0: none), see `prefixLength`. */
  prefixWeight: number
  prefixLength: number
  /** Weight of a card's policy fields (lexicon.ts) as terms of their own (0: no lexicon). */
  lexiconWeight: number
  /** Fields of the lexicon left out (to measure a room whose themes it does not know). */
  lexiconWithout?: readonly string[]
}

export type SparseVector = Map<string, number>

export interface CardFeatures {
  tokens: Token[]
  /** Stem or compound part → raw weight. */
  words: SparseVector
  grams: SparseVector
}

export function charGrams(folded: string, into: SparseVector, gram = 3): void {
  const padded = `#${folded}#`
  for (let i = 0; i + gram <= padded.length; i++) {
    const g = padded.slice(i, i + gram)
    into.set(g, (into.get(g) ?? 0) + 1)
  }
}

/** Tokens, words with compound parts, and n-grams of every card. */
export function cardFeatures(texts: string[], options: FeatureOptions): CardFeatures[] {
  const tokenized = texts.map(tokenize)
  const vocabulary = new Set<string>()
  for (const tokens of tokenized) for (const t of tokens) vocabulary.add(t.stem)
  const splitter = new CompoundSplitter(vocabulary)
  const fields = new Map<string, string[]>()
  const fieldsOfWord = (folded: string) => {
    let found = fields.get(folded)
    if (!found) {
      found = fieldsOf(folded)
      fields.set(folded, found)
    }
    return found
  }
  return tokenized.map((tokens) => {
    const words: SparseVector = new Map()
    const grams: SparseVector = new Map()
    for (const t of tokens) {
      words.set(t.stem, (words.get(t.stem) ?? 0) + 1)
      for (const part of splitter.split(t.folded) ?? []) {
        if (part !== t.stem) words.set(part, (words.get(part) ?? 0) + PART_WEIGHT)
      }
      // The first letters of a long word: German puts the topic first ("Müll|eimer", "Müll|abfuhr").
      if (options.prefixWeight > 0 && t.folded.length > options.prefixLength) {
        const prefix = `${t.folded.slice(0, options.prefixLength)}-`
        words.set(prefix, (words.get(prefix) ?? 0) + options.prefixWeight)
      }
      charGrams(t.folded, grams, options.gram)
      if (options.lexiconWeight > 0) {
        for (const field of fieldsOfWord(t.folded)) {
          if (!options.lexiconWithout?.includes(field)) words.set(`@${field}`, options.lexiconWeight)
        }
      }
    }
    return { tokens, words, grams }
  })
}

/** Document frequency of each term. */
export function documentFrequency(vectors: SparseVector[]): Map<string, number> {
  const df = new Map<string, number>()
  for (const v of vectors) for (const term of v.keys()) df.set(term, (df.get(term) ?? 0) + 1)
  return df
}

export function idfOf(df: number, n: number): number {
  return Math.log((1 + n) / (1 + df)) + 1
}

/**
 * Sublinear TF times IDF (or, with `bm25`, Okapi BM25's saturating TF with length normalisation,
 * k1 1.2, b 0.75), terms on fewer than two cards dropped, L2-normalised.
 */
export function tfidf(vectors: SparseVector[], bm25 = false): SparseVector[] {
  const df = documentFrequency(vectors)
  const n = vectors.length
  const length = (v: SparseVector) => [...v.values()].reduce((a, b) => a + b, 0)
  const average = vectors.reduce((sum, v) => sum + length(v), 0) / Math.max(1, n)
  return vectors.map((v) => {
    const out: SparseVector = new Map()
    let norm = 0
    const relative = average > 0 ? length(v) / average : 1
    for (const [term, tf] of v) {
      const d = df.get(term) ?? 0
      if (d < 2) continue
      // Compound parts count half; a repeated word counts sublinearly.
      const f = bm25 ? (tf * 2.2) / (tf + 1.2 * (0.25 + 0.75 * relative)) : tf >= 1 ? 1 + Math.log(tf) : tf
      const w = f * idfOf(d, n)
      out.set(term, w)
      norm += w * w
    }
    norm = Math.sqrt(norm)
    if (norm > 0) for (const [term, w] of out) out.set(term, w / norm)
    return out
  })
}

/**
 * Adds `weight` × the cosine of every pair of cards to `sim` (n×n, row-major), through an
 * inverted index: pairs that share no term cost nothing.
 */
export function addCosines(vectors: SparseVector[], weight: number, sim: Float32Array): void {
  const n = vectors.length
  const postings = new Map<string, { card: number; w: number }[]>()
  vectors.forEach((v, card) => {
    for (const [term, w] of v) {
      const list = postings.get(term)
      if (list) list.push({ card, w })
      else postings.set(term, [{ card, w }])
    }
  })
  for (const list of postings.values()) {
    for (let i = 0; i < list.length; i++) {
      const a = list[i] as { card: number; w: number }
      for (let j = i + 1; j < list.length; j++) {
        const b = list[j] as { card: number; w: number }
        const add = weight * a.w * b.w
        sim[a.card * n + b.card] = (sim[a.card * n + b.card] as number) + add
        sim[b.card * n + a.card] = (sim[b.card * n + a.card] as number) + add
      }
    }
  }
}
