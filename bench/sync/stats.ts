/** Percentiles and the one-line formatting every scenario prints. */

export function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

export interface Latency {
  n: number
  p50: number
  p99: number
  max: number
}

export function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b)
  return { n: sorted.length, p50: pct(sorted, 50), p99: pct(sorted, 99), max: sorted.at(-1) ?? Number.NaN }
}

export const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a').padStart(7)
export const percent = (ratio: number) => `${(ratio * 100).toFixed(1).padStart(5)} %`
export const sleep = (millis: number) => new Promise((r) => setTimeout(r, millis))
