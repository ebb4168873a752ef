/**
 * How well suggested clusters match labelled themes: the adjusted Rand index (Hubert & Arabie
 * 1985: pair agreement corrected for chance; 1 identical, about 0 random) and purity (the share
 * of clustered cards whose cluster's majority theme is their own), with coverage (the share of
 * cards in any suggestion). Cards in no suggestion count as clusters of one for the index.
 */

const pairs = (k: number) => (k * (k - 1)) / 2

/** `predicted` and `truth`: one label per item, same order. */
export function adjustedRandIndex(predicted: readonly (string | number)[], truth: readonly string[]): number {
  const n = truth.length
  const table = new Map<string, number>()
  const rows = new Map<string | number, number>()
  const cols = new Map<string, number>()
  for (let i = 0; i < n; i++) {
    const p = predicted[i] as string | number
    const t = truth[i] as string
    const key = `${p}\u0000${t}`
    table.set(key, (table.get(key) ?? 0) + 1)
    rows.set(p, (rows.get(p) ?? 0) + 1)
    cols.set(t, (cols.get(t) ?? 0) + 1)
  }
  let index = 0
  for (const c of table.values()) index += pairs(c)
  let a = 0
  for (const c of rows.values()) a += pairs(c)
  let b = 0
  for (const c of cols.values()) b += pairs(c)
  const expected = (a * b) / pairs(n)
  const max = (a + b) / 2
  return max === expected ? 1 : (index - expected) / (max - expected)
}

/** Purity over the cards that are in a cluster of two or more. */
export function purity(clusters: readonly number[][], truth: readonly string[]): number {
  let clustered = 0
  let majority = 0
  for (const members of clusters) {
    if (members.length < 2) continue
    const counts = new Map<string, number>()
    for (const i of members) counts.set(truth[i] as string, (counts.get(truth[i] as string) ?? 0) + 1)
    clustered += members.length
    majority += Math.max(...counts.values())
  }
  return clustered === 0 ? 0 : majority / clustered
}

/** One label per item from clusters; items in none get a label of their own. */
export function labelsOf(clusters: readonly number[][], n: number): number[] {
  const labels = Array.from({ length: n }, (_, i) => -1 - i)
  clusters.forEach((members, c) => {
    for (const i of members) labels[i] = c
  })
  return labels
}
