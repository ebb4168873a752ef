/** Join codes: unambiguous alphabet, typed input normalised. */
import { describe, expect, it } from 'vitest'
import { JOIN_CODE_ALPHABET, newJoinCode, normaliseJoinCode } from '../../server/ids.ts'

describe('join codes', () => {
  it('never uses characters people confuse', () => {
    for (const ch of '01OIL') expect(JOIN_CODE_ALPHABET).not.toContain(ch)
    for (let i = 0; i < 200; i++) expect(newJoinCode()).toMatch(/^[2-9A-HJKMNP-Z]{8}$/)
  })

  it('accepts what people type and refuses what cannot be a code', () => {
    expect(normaliseJoinCode(' abcd-efgh ')).toBe('ABCDEFGH')
    expect(normaliseJoinCode('abcd efgh')).toBe('ABCDEFGH')
    expect(normaliseJoinCode('ABCD')).toBeNull()
    expect(normaliseJoinCode('ABCDEFG0')).toBeNull()
  })
})
