/** Identifiers: random, URL-safe, and join codes without characters people confuse (0/O, 1/I/L). */
import { customAlphabet, nanoid } from 'nanoid'

export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const JOIN_CODE_LENGTH = 8

export const newId = (): string => nanoid(16)
export const newJoinCode = customAlphabet(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH)

/** Accepts what people type: any case, with spaces or dashes; null when it cannot be a code. */
export function normaliseJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '')
  if (code.length !== JOIN_CODE_LENGTH) return null
  for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return null
  return code
}
