/**
 * The one way a value becomes bytes for hashing: JSON with object keys sorted (by UTF-16 code
 * unit, recursively), no whitespace, undefined fields dropped. Two servers, or the same server
 * years later, get the same bytes for the same entry whatever order its fields were built in.
 */
import { createHash } from 'node:crypto'

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('not a finite number')
    return JSON.stringify(value) ?? 'null'
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`
}

/** SHA-256, lowercase hex. */
export function sha256Hex(input: string | Uint8Array): string {
  return createHash('sha256').update(input).digest('hex')
}

/** The SHA-256 of a value's canonical JSON. */
export const hashOf = (value: unknown): string => sha256Hex(canonicalJson(value))
