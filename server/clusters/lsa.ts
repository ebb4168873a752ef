/**
 * Latent semantic analysis for cluster suggestions: a truncated SVD of the sparse card × term
 * matrix by randomized subspace iteration (Halko, Martinsson & Tropp 2011), in plain TypeScript
 * with a seeded generator, so the same board always gives the same vectors.
 *
 * Why: short cards of one theme often share no term at all ("Hundekot auf den Gehwegen",
 * "Mülleimer quellen über"), so their cosine is 0 however good the weighting. The leading
 * singular vectors of the whole board capture which terms occur with the same other terms
 * ("Mülleimer" and "Hundekot" both come with "Dreck", "Park", "sauber"), and cards are compared
 * in that space. The matrix is sparse (a card has a few dozen terms), so each pass costs
 * nonzeros × dimensions, not cards × terms: well under 100 ms for 1,000 cards.
 */

/** One card's row: column index → weight (already L2-normalised per block by the caller). */
export type SparseRow = { cols: Int32Array; vals: Float64Array }

/** Deterministic PRNG (mulberry32): the same board gives the same projection. */
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

/**
 * Orthonormalises the columns of `m` (rows × cols, row-major) in place, modified Gram–Schmidt on
 * a column-major copy, so each inner loop runs over contiguous memory.
 */
function orthonormalise(m: Float64Array, rows: number, cols: number): void {
  const t = new Float64Array(rows * cols)
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = m[i * cols + j] as number
  for (let j = 0; j < cols; j++) {
    const cj = j * rows
    for (let k = 0; k < j; k++) {
      const ck = k * rows
      let dot = 0
      for (let i = 0; i < rows; i++) dot += (t[cj + i] as number) * (t[ck + i] as number)
      for (let i = 0; i < rows; i++) t[cj + i] = (t[cj + i] as number) - dot * (t[ck + i] as number)
    }
    let norm = 0
    for (let i = 0; i < rows; i++) norm += (t[cj + i] as number) ** 2
    norm = Math.sqrt(norm)
    // A column that vanished (rank below `cols`) stays zero and gets a zero singular value.
    const scale = norm > 1e-12 ? 1 / norm : 0
    for (let i = 0; i < rows; i++) t[cj + i] = (t[cj + i] as number) * scale
  }
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m[i * cols + j] = t[j * rows + i] as number
}

/** Eigen-decomposition of a small symmetric matrix (cyclic Jacobi): values and column vectors. */
function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(n * n)
  for (let i = 0; i < n; i++) v[i * n + i] = 1
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p * n + q] as number) ** 2
    if (off < 1e-20) break
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number
        if (Math.abs(apq) < 1e-15) continue
        const theta = ((a[q * n + q] as number) - (a[p * n + p] as number)) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p] as number
          const akq = a[k * n + q] as number
          a[k * n + p] = c * akp - s * akq
          a[k * n + q] = s * akp + c * akq
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k] as number
          const aqk = a[q * n + k] as number
          a[p * n + k] = c * apk - s * aqk
          a[q * n + k] = s * apk + c * aqk
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number
          const vkq = v[k * n + q] as number
          v[k * n + p] = c * vkp - s * vkq
          v[k * n + q] = s * vkp + c * vkq
        }
      }
    }
  }
  const values = new Float64Array(n)
  for (let i = 0; i < n; i++) values[i] = a[i * n + i] as number
  return { values, vectors: v }
}

export interface LsaOptions {
  /** Dimensions kept. */
  dims: number
  /** Extra random directions and power passes: more of each, closer to the exact SVD. */
  oversample: number
  passes: number
  /** Exponent of the singular values that scale the kept dimensions (1: U·Σ, 0: U). */
  sigmaPower: number
}

/**
 * Cards as dense `dims`-vectors (rows of U·Σ^p of X ≈ U Σ Vᵀ), each L2-normalised, so their dot
 * product is a cosine. Returns an n × d row-major array (d ≤ dims, smaller for tiny boards).
 */
export function lsaVectors(
  rows: SparseRow[],
  columns: number,
  options: LsaOptions,
): { vectors: Float64Array; dims: number } {
  const n = rows.length
  const l = Math.max(1, Math.min(options.dims + options.oversample, n, columns))
  const d = Math.min(options.dims, l)
  const next = random(0x5eed)
  // Y = X Ω with Ω Gaussian-ish (sum of uniforms is enough for a range finder).
  const omega = new Float64Array(columns * l)
  for (let i = 0; i < omega.length; i++) omega[i] = next() + next() + next() - 1.5
  const q = new Float64Array(n * l)
  // X·F (into: n × l) and Xᵀ·F (into: columns × l), F row-major with l columns.
  const times = (from: Float64Array, into: Float64Array) => {
    into.fill(0)
    for (let i = 0; i < n; i++) {
      const { cols, vals } = rows[i] as SparseRow
      const out = i * l
      for (let k = 0; k < cols.length; k++) {
        const w = vals[k] as number
        const src = (cols[k] as number) * l
        for (let j = 0; j < l; j++) into[out + j] = (into[out + j] as number) + w * (from[src + j] as number)
      }
    }
  }
  const timesTransposed = (from: Float64Array, into: Float64Array) => {
    into.fill(0)
    for (let i = 0; i < n; i++) {
      const { cols, vals } = rows[i] as SparseRow
      const src = i * l
      for (let k = 0; k < cols.length; k++) {
        const w = vals[k] as number
        const out = (cols[k] as number) * l
        for (let j = 0; j < l; j++) into[out + j] = (into[out + j] as number) + w * (from[src + j] as number)
      }
    }
  }
  const z = new Float64Array(columns * l)
  times(omega, q)
  orthonormalise(q, n, l)
  for (let pass = 0; pass < options.passes; pass++) {
    // Only Q is kept orthonormal: two passes in float64 lose no direction that matters here.
    timesTransposed(q, z)
    times(z, q)
    orthonormalise(q, n, l)
  }
  // B = Qᵀ X (l × columns), through Z = Xᵀ Q; then B Bᵀ = Zᵀ Z (l × l) = W Λ Wᵀ, U = Q W, σ = √λ.
  timesTransposed(q, z)
  const bbt = new Float64Array(l * l)
  for (let a = 0; a < l; a++) {
    for (let b = a; b < l; b++) {
      let s = 0
      for (let c = 0; c < columns; c++) s += (z[c * l + a] as number) * (z[c * l + b] as number)
      bbt[a * l + b] = s
      bbt[b * l + a] = s
    }
  }
  const { values, vectors: w } = symmetricEigen(bbt, l)
  const order = Array.from({ length: l }, (_, i) => i).sort(
    (a, b) => (values[b] as number) - (values[a] as number),
  )
  const kept = order.slice(0, d)
  const out = new Float64Array(n * d)
  for (let i = 0; i < n; i++) {
    let norm = 0
    for (let j = 0; j < d; j++) {
      const e = kept[j] as number
      let u = 0
      for (let k = 0; k < l; k++) u += (q[i * l + k] as number) * (w[k * l + e] as number)
      const scaled = u * Math.max(0, values[e] as number) ** (options.sigmaPower / 2)
      out[i * d + j] = scaled
      norm += scaled * scaled
    }
    norm = Math.sqrt(norm)
    if (norm > 0) for (let j = 0; j < d; j++) out[i * d + j] = (out[i * d + j] as number) / norm
  }
  return { vectors: out, dims: d }
}
