/**
 * The parts added for cluster quality (server/clusters): the truncated SVD (lsa.ts) keeps the
 * cosines of a matrix whose rank it covers and is the same on every run; spherical k-means and
 * the silhouette (kmeans.ts, a measured alternative); the lexicon of policy fields (lexicon.ts)
 * and what it changes in the suggestions: cards of one field that share no word are grouped.
 */
import { describe, expect, it } from 'vitest'
import { silhouette, sphericalKMeans } from '../../server/clusters/kmeans.ts'
import { fieldsOf } from '../../server/clusters/lexicon.ts'
import { lsaVectors, type SparseRow } from '../../server/clusters/lsa.ts'
import { DEFAULT_CLUSTER_OPTIONS, suggestClusters } from '../../server/clusters/suggest.ts'

const row = (entries: [number, number][]): SparseRow => {
  const norm = Math.sqrt(entries.reduce((s, [, v]) => s + v * v, 0))
  return {
    cols: Int32Array.from(entries.map(([c]) => c)),
    vals: Float64Array.from(entries.map(([, v]) => v / norm)),
  }
}
const cosine = (a: SparseRow, b: SparseRow) => {
  let s = 0
  a.cols.forEach((c, i) => {
    const j = b.cols.indexOf(c)
    if (j >= 0) s += (a.vals[i] as number) * (b.vals[j] as number)
  })
  return s
}

describe('LSA', () => {
  // Rank 3: every row is a mix of three term patterns.
  const rows = [
    row([
      [0, 1],
      [1, 1],
    ]),
    row([
      [0, 2],
      [1, 2],
      [2, 1],
    ]),
    row([
      [2, 1],
      [3, 1],
    ]),
    row([
      [3, 1],
      [4, 1],
      [5, 1],
    ]),
    row([
      [4, 1],
      [5, 1],
    ]),
    row([
      [0, 1],
      [1, 1],
      [4, 1],
      [5, 1],
    ]),
  ]
  const options = { dims: 4, oversample: 2, passes: 2, sigmaPower: 1 }

  it('keeps the cosines of every pair when the kept dimensions cover the rank', () => {
    const { vectors, dims } = lsaVectors(rows, 6, options)
    for (let i = 0; i < rows.length; i++) {
      for (let j = 0; j < rows.length; j++) {
        let dot = 0
        for (let k = 0; k < dims; k++)
          dot += (vectors[i * dims + k] as number) * (vectors[j * dims + k] as number)
        expect(dot).toBeCloseTo(cosine(rows[i] as SparseRow, rows[j] as SparseRow), 5)
      }
    }
  })

  it('ties cards that share no term through the terms they co-occur with, the same on every run', () => {
    const { vectors, dims } = lsaVectors(rows, 6, { ...options, dims: 2 })
    // Rows 0 and 4 share nothing, but row 5 has both patterns; in two dimensions the halves
    // {0,1} and {3,4} stay apart while the mixed row sits between them.
    const at = (i: number, j: number) => {
      let dot = 0
      for (let k = 0; k < dims; k++)
        dot += (vectors[i * dims + k] as number) * (vectors[j * dims + k] as number)
      return dot
    }
    expect(at(0, 1)).toBeGreaterThan(0.95)
    expect(at(3, 4)).toBeGreaterThan(0.9)
    expect(at(5, 0)).toBeGreaterThan(at(0, 4))
    expect(at(5, 4)).toBeGreaterThan(at(0, 4))
    expect(lsaVectors(rows, 6, { ...options, dims: 2 }).vectors).toEqual(vectors)
  })
})

describe('spherical k-means', () => {
  it('separates two groups of directions, and the silhouette prefers the true k', () => {
    const points = [
      [1, 0.1],
      [1, 0.2],
      [0.9, 0],
      [0.1, 1],
      [0, 1],
      [0.2, 0.9],
    ].map(([a, b]) => [a as number, b as number].map((v) => v / Math.hypot(a as number, b as number)))
    const x = Float64Array.from(points.flat())
    const sim = new Float32Array(36)
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 6; j++)
        sim[i * 6 + j] =
          (x[2 * i] as number) * (x[2 * j] as number) + (x[2 * i + 1] as number) * (x[2 * j + 1] as number)
    const two = sphericalKMeans(x, 6, 2, 2, 3)
    expect(new Set(two.slice(0, 3)).size).toBe(1)
    expect(new Set(two.slice(3)).size).toBe(1)
    expect(two[0]).not.toBe(two[3])
    expect(silhouette(two, sim, 6)).toBeGreaterThan(silhouette(sphericalKMeans(x, 6, 2, 3, 3), sim, 6))
    expect(sphericalKMeans(x, 6, 2, 2, 3)).toEqual(two)
  })
})

describe('the lexicon of policy fields', () => {
  it('knows the fields of words and their compounds, short entries only at the start', () => {
    expect(fieldsOf('mulleimer')).toContain('sauberkeit')
    expect(fieldsOf('hundekot')).toContain('sauberkeit')
    expect(fieldsOf('bushaltestelle')).toContain('nahverkehr')
    expect(fieldsOf('spielplatzrand')).toContain('spielplatze')
    // "rad" inside a word is no bicycle.
    expect(fieldsOf('gerade')).toEqual([])
    expect(fieldsOf('erhalten')).toEqual([])
    expect(fieldsOf('grunflachenpflege')).toEqual(['grun'])
  })

  it('groups cards of one field that share no word, and only with the lexicon', () => {
    const cards = [
      { id: 'm1', text: 'Müll liegt im Park herum' },
      { id: 'm2', text: 'Hundekot vor der Kita' },
      { id: 'b1', text: 'Der Bus fährt abends nicht' },
      { id: 'b2', text: 'Haltestelle ohne Dach' },
    ]
    const byCard = (s: { cardIds: string[] }[], id: string) =>
      s.find((x) => x.cardIds.includes(id))?.cardIds.sort()
    const withLexicon = suggestClusters(cards)
    expect(byCard(withLexicon, 'm1')).toEqual(['m1', 'm2'])
    expect(byCard(withLexicon, 'b1')).toEqual(['b1', 'b2'])
    // The field terms tie the cards but are never shown as words.
    for (const s of withLexicon) for (const w of s.words) expect(w.startsWith('@')).toBe(false)
    expect(suggestClusters(cards, { ...DEFAULT_CLUSTER_OPTIONS, lexiconWeight: 0 })).toEqual([])
  })
})
