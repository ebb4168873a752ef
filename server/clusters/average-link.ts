/**
 * Average-link agglomerative clustering with a similarity threshold, by the nearest-neighbour
 * chain algorithm: O(n²) time and memory instead of the naive O(n³). Average linkage is
 * reducible and monotone, so the chain builds the same tree as merging the most similar pair
 * again and again, and keeping every merge at or above the threshold (union-find) cuts that tree
 * where the greedy algorithm would have stopped.
 *
 * Why average link: the facilitator does not know how many themes the room wrote, so no k is
 * asked for (k-means, k-medoids); the threshold means "the cards of a cluster are, on average,
 * this similar". Single link chains unrelated cards through one shared typo or word; complete
 * link splits a theme whenever two of its cards share nothing, which short cards often do. The
 * result is deterministic: the same board gives the same suggestions. Measured against it on the
 * labelled cards (bench/cluster-tuning.ts): spherical k-means, with the number of themes given or
 * chosen by silhouette, was no better in any space, and needs that k.
 */

/** `sim`: n×n, symmetric, row-major (it is overwritten). Returns a cluster label per item. */
export function averageLink(sim: Float32Array, n: number, threshold: number): number[] {
  const size = new Array<number>(n).fill(1)
  const active = new Uint8Array(n).fill(1)
  const merges: { a: number; b: number; s: number }[] = []
  const chain: number[] = []
  let remaining = n
  while (remaining > 1) {
    if (chain.length === 0) chain.push(active.indexOf(1))
    const a = chain[chain.length - 1] as number
    const prev = chain.length > 1 ? (chain[chain.length - 2] as number) : -1
    // The nearest neighbour of a; ties go to the chain's previous element, so the chain ends.
    let b = prev
    let best = prev >= 0 ? (sim[a * n + prev] as number) : Number.NEGATIVE_INFINITY
    for (let c = 0; c < n; c++) {
      if (c === a || !active[c]) continue
      const s = sim[a * n + c] as number
      if (s > best) {
        best = s
        b = c
      }
    }
    if (b !== prev) {
      chain.push(b)
      continue
    }
    chain.pop()
    chain.pop()
    merges.push({ a, b, s: best })
    // Lance–Williams for average linkage: the merged cluster lives on in row a.
    const na = size[a] as number
    const nb = size[b] as number
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === a || k === b) continue
      const s = ((sim[a * n + k] as number) * na + (sim[b * n + k] as number) * nb) / (na + nb)
      sim[a * n + k] = s
      sim[k * n + a] = s
    }
    size[a] = na + nb
    active[b] = 0
    remaining--
  }

  const parent = Array.from({ length: n }, (_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number
      i = parent[i] as number
    }
    return i
  }
  for (const m of merges) if (m.s >= threshold) parent[find(m.b)] = find(m.a)
  return Array.from({ length: n }, (_, i) => find(i))
}
