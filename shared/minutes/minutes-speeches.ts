/**
 * The "Wortmeldungen" part of the minutes outline (every format walks it; JSON carries `speeches`
 * as they are): who had the floor, in which phase, from when to when and how long, and the
 * speaking time summed by role. Renderers escape every string.
 */
import type { MinutesData, MinutesSpeech } from './minutes-data.ts'
import {
  fill,
  formatClock,
  formatSpan,
  type MinutesLabels,
  type MinutesLang,
  speakerLine,
} from './minutes-labels.ts'
import type { Block } from './minutes-outline.ts'

function rowOf(s: MinutesSpeech, t: MinutesLabels, lang: MinutesLang): string[] {
  return [
    s.phaseName ?? '',
    speakerLine(s, t),
    formatClock(s.startedAt, lang),
    s.endedAt === null ? t.running : formatClock(s.endedAt, lang),
    s.durationMs === null ? '' : formatSpan(s.durationMs),
  ]
}

/** "3 Wortmeldungen, zusammen 4:10" and the time by role, from the finished speeches. */
function summary(speeches: MinutesSpeech[], t: MinutesLabels): string[] {
  const done = speeches.filter((s) => s.durationMs !== null)
  const total = done.reduce((sum, s) => sum + (s.durationMs ?? 0), 0)
  const byRole = new Map<string, number>()
  for (const s of done) {
    const role = s.role ? (t.role[s.role] ?? s.role) : t.anonymous
    byRole.set(role, (byRole.get(role) ?? 0) + (s.durationMs ?? 0))
  }
  const lines = [fill(t.speechTotal, { count: String(speeches.length), duration: formatSpan(total) })]
  if (byRole.size > 0) {
    lines.push(
      `${t.speechByRole}: ${[...byRole].map(([role, ms]) => `${role} ${formatSpan(ms)}`).join(', ')}`,
    )
  }
  return lines
}

export function speechBlocks(data: MinutesData, t: MinutesLabels, lang: MinutesLang): Block[] {
  if (data.speeches.length === 0) return []
  return [
    { kind: 'heading', level: 2, text: `${t.speeches} (${data.speeches.length})` },
    {
      kind: 'table',
      head: [t.phase, t.speaker, t.start, t.end, t.duration],
      rows: data.speeches.map((s) => rowOf(s, t, lang)),
      numeric: [false, false, true, true, true],
    },
    ...summary(data.speeches, t).map((text): Block => ({ kind: 'paragraph', note: true, text })),
  ]
}
