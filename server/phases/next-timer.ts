/**
 * The shared timer's next state for a facilitator's action, in server time. Pure, so the rules
 * (what start, pause, extend and reset do from each state) are tested without a server.
 */
import { type TimerState, timerRemainingMs } from '../../shared/board/facilitation.ts'

export type TimerAction = 'start' | 'pause' | 'extend' | 'reset'
export type TimerRefusal = 'timer-no-time-left' | 'timer-not-running'

export function nextTimer(
  current: TimerState,
  action: TimerAction,
  seconds: number | undefined,
  now: number,
): TimerState | TimerRefusal {
  const remaining = timerRemainingMs(current, now)
  const durationMs = current.durationMs
  if (action === 'start') {
    const ms = seconds ? seconds * 1000 : remaining
    if (ms <= 0) return 'timer-no-time-left'
    return { status: 'running', endsAt: now + ms, durationMs: seconds ? ms : durationMs }
  }
  if (action === 'pause') {
    if (current.status !== 'running') return 'timer-not-running'
    return { status: 'paused', remainingMs: remaining, durationMs }
  }
  if (action === 'extend') {
    const add = (seconds ?? 60) * 1000
    if (current.status === 'running') return { ...current, endsAt: current.endsAt + add }
    if (current.status === 'paused') return { ...current, remainingMs: current.remainingMs + add }
    return { status: 'idle', durationMs: durationMs + add }
  }
  return { status: 'idle', durationMs }
}
