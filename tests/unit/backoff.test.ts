/** The growing delay behind login and join-code limits: doubling, capped, forgetting, bounded. */
import { describe, expect, it } from 'vitest'
import { Backoff } from '../../server/http/backoff.ts'

const options = { free: 3, baseMs: 1000, maxMs: 60_000, forgetMs: 10_000, maxKeys: 3 }

describe('Backoff', () => {
  it('lets the free failures pass, then doubles the wait up to the cap', () => {
    let now = 0
    const b = new Backoff(options, () => now)
    const waits: number[] = []
    for (let i = 0; i < 10; i++) {
      expect(b.wait('k')).toBe(0)
      waits.push(b.fail('k'))
      now += b.wait('k')
    }
    expect(waits).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 16_000, 32_000, 60_000])
    expect(b.wait('other')).toBe(0)
  })

  it('counts down the wait and forgets a quiet key', () => {
    let now = 0
    const b = new Backoff(options, () => now)
    for (let i = 0; i < 5; i++) b.fail('k')
    expect(b.wait('k')).toBe(2000)
    now = 1500
    expect(b.wait('k')).toBe(500)
    now = 2000 + 10_000
    expect(b.wait('k')).toBe(0)
    // Forgotten: the next failures are free again.
    expect(b.fail('k')).toBe(0)
  })

  it('keeps at most maxKeys keys, dropping the longest quiet first', () => {
    const b = new Backoff(options, () => 0)
    for (const k of ['a', 'b', 'c', 'a', 'd']) b.fail(k)
    expect(b.size).toBe(3)
    // 'b' was the oldest; 'a' failed again and stayed.
    for (let i = 0; i < 3; i++) b.fail('a')
    expect(b.wait('a')).toBeGreaterThan(0)
    for (let i = 0; i < 3; i++) b.fail('b')
    expect(b.wait('b')).toBe(0)
  })
})
