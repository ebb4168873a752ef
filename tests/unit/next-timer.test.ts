/** The shared timer's rules, without a server: what each action does from each state. */
import { describe, expect, it } from 'vitest'
import { nextTimer } from '../../server/phases/next-timer.ts'

const now = 1_000_000

describe('the timer', () => {
  it('starts from its duration or a given time, and refuses to start with nothing left', () => {
    expect(nextTimer({ status: 'idle', durationMs: 60_000 }, 'start', undefined, now)).toEqual({
      status: 'running',
      endsAt: now + 60_000,
      durationMs: 60_000,
    })
    expect(nextTimer({ status: 'idle', durationMs: 60_000 }, 'start', 30, now)).toEqual({
      status: 'running',
      endsAt: now + 30_000,
      durationMs: 30_000,
    })
    expect(nextTimer({ status: 'idle', durationMs: 0 }, 'start', undefined, now)).toBe('timer-no-time-left')
  })

  it('pauses only while running, keeps what is left, and resumes from there', () => {
    const running = { status: 'running' as const, endsAt: now + 45_000, durationMs: 60_000 }
    const paused = nextTimer(running, 'pause', undefined, now)
    expect(paused).toEqual({ status: 'paused', remainingMs: 45_000, durationMs: 60_000 })
    expect(nextTimer({ status: 'idle', durationMs: 60_000 }, 'pause', undefined, now)).toBe(
      'timer-not-running',
    )
    if (typeof paused === 'string') throw new Error('paused')
    expect(nextTimer(paused, 'start', undefined, now + 5_000)).toEqual({
      status: 'running',
      endsAt: now + 50_000,
      durationMs: 60_000,
    })
  })

  it('extends in every state (a minute by default) and resets to the duration', () => {
    expect(
      nextTimer({ status: 'running', endsAt: now + 1_000, durationMs: 60_000 }, 'extend', undefined, now),
    ).toEqual({
      status: 'running',
      endsAt: now + 61_000,
      durationMs: 60_000,
    })
    expect(
      nextTimer({ status: 'paused', remainingMs: 1_000, durationMs: 60_000 }, 'extend', 30, now),
    ).toEqual({
      status: 'paused',
      remainingMs: 31_000,
      durationMs: 60_000,
    })
    expect(nextTimer({ status: 'idle', durationMs: 60_000 }, 'extend', undefined, now)).toEqual({
      status: 'idle',
      durationMs: 120_000,
    })
    expect(
      nextTimer({ status: 'running', endsAt: now + 1_000, durationMs: 60_000 }, 'reset', undefined, now),
    ).toEqual({
      status: 'idle',
      durationMs: 60_000,
    })
  })
})
