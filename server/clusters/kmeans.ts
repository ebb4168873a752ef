/**
 * Spherical k-means (cosine k-means, Dhillon & Modha 2001) over unit vectors, with k-means++
 * seeding from a seeded generator and several restarts, keeping the restart with the highest
 * total cosine to the centroids: deterministic for a given board. Also the mean silhouette of a
 * partition under cosine distance, by which suggest.ts picks k when nobody says how many themes
 * the room wrote.
 */

function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const dot = (a: Float64Array, i: number, b: Float64Array, j: number, d: number) => {
  let s = 0
  for (let k = 0; k < d; k++) s += (a[i * d + k] as number) * (b[j * d + k] as number)
  return s
}

/** One run from k-means++ seeds; returns labels and the total cosine to the centroids. */
function run(x: Float64Array, n: number, d: number, k: number, next: () => number) {
  const centroids = new Float64Array(k * d)
  const nearest = new Float64Array(n).fill(Number.POSITIVE_INFINITY)
  let first = Math.floor(next() * n)
  for (let c = 0; c < k; c++) {
    centroids.set(x.subarray(first * d, first * d + d), c * d)
    let total = 0
    for (let i = 0; i < n; i++) {
      const dist = Math.max(0, 1 - dot(x, i, centroids, c, d))
      if (dist < (nearest[i] as number)) nearest[i] = dist
      total += nearest[i] as number
    }
    let r = next() * total
    first = n - 1
    for (let i = 0; i < n; i++) {
      r -= nearest[i] as number
      if (r <= 0) {
        first = i
        break
      }
    }
  }
  const labels = new Int32Array(n).fill(-1)
  let score = 0
  for (let iter = 0; iter < 50; iter++) {
    let changed = false
    score = 0
    for (let i = 0; i < n; i++) {
      let best = 0
      let bestSim = Number.NEGATIVE_INFINITY
      for (let c = 0; c < k; c++) {
        const s = dot(x, i, centroids, c, d)
        if (s > bestSim) {
          bestSim = s
          best = c
        }
      }
      score += bestSim
      if (labels[i] !== best) {
        labels[i] = best
        changed = true
      }
    }
    if (!changed) break
    centroids.fill(0)
    for (let i = 0; i < n; i++) {
      const c = labels[i] as number
      for (let j = 0; j < d; j++)
        centroids[c * d + j] = (centroids[c * d + j] as number) + (x[i * d + j] as number)
    }
    for (let c = 0; c < k; c++) {
      let norm = 0
      for (let j = 0; j < d; j++) norm += (centroids[c * d + j] as number) ** 2
      norm = Math.sqrt(norm)
      if (norm > 0) for (let j = 0; j < d; j++) centroids[c * d + j] = (centroids[c * d + j] as number) / norm
    }
  }
  return { labels: Array.from(labels), score }
}

/** Labels 0..k-1 for the n unit rows of `x` (n × d): the best of `restarts` runs. */
export function sphericalKMeans(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  restarts: number,
): number[] {
  const next = random(0xc1a5 + k)
  let best = { labels: [] as number[], score: Number.NEGATIVE_INFINITY }
  for (let r = 0; r < restarts; r++) {
    const result = run(x, n, d, Math.min(k, n), next)
    if (result.score > best.score) best = result
  }
  return best.labels
}

/** Mean silhouette (cosine distance, from the n×n similarity matrix); singletons count 0. */
export function silhouette(labels: number[], sim: Float32Array, n: number): number {
  const clusters = new Map<number, number[]>()
  labels.forEach((l, i) => {
    const g = clusters.get(l)
    if (g) g.push(i)
    else clusters.set(l, [i])
  })
  let total = 0
  for (let i = 0; i < n; i++) {
    const own = clusters.get(labels[i] as number) as number[]
    if (own.length < 2) continue
    let a = 0
    let b = Number.POSITIVE_INFINITY
    for (const [label, members] of clusters) {
      let dist = 0
      for (const j of members) if (j !== i) dist += 1 - (sim[i * n + j] as number)
      if (label === labels[i]) a = dist / (members.length - 1)
      else b = Math.min(b, dist / members.length)
    }
    total += b === Number.POSITIVE_INFINITY ? 0 : (b - a) / Math.max(a, b)
  }
  return total / n
}
