/**
 * The "Wortmeldungen" section of the minutes (HTML and Markdown; JSON carries `speeches` as they
 * are): who had the floor, in which phase, from when to when and how long, and the speaking time
 * summed by role. Every user string is escaped.
 */
import { escapeHtml, escapeMarkdown } from './escape.ts'
import type { MinutesData, MinutesSpeech } from './minutes-data.ts'
import {
  formatSpan,
  formatTime,
  MINUTES_LABELS,
  type MinutesLabels,
  type MinutesLang,
  speakerLine,
} from './minutes-labels.ts'

interface SpeechRow {
  phase: string
  who: string
  start: string
  end: string
  duration: string
}

function rowOf(s: MinutesSpeech, t: MinutesLabels, lang: MinutesLang): SpeechRow {
  return {
    phase: s.phaseName ?? '',
    who: speakerLine(s, t),
    start: formatTime(s.startedAt, lang),
    end: s.endedAt === null ? t.running : formatTime(s.endedAt, lang),
    duration: s.durationMs === null ? '' : formatSpan(s.durationMs),
  }
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
  const lines = [
    t.speechTotal.replace(/\{(count|duration)\}/g, (_m, key: string) =>
      key === 'count' ? String(speeches.length) : formatSpan(total),
    ),
  ]
  if (byRole.size > 0) {
    lines.push(
      `${t.speechByRole}: ${[...byRole].map(([role, ms]) => `${role} ${formatSpan(ms)}`).join(', ')}`,
    )
  }
  return lines
}

export function speechesHtml(data: MinutesData, lang: MinutesLang): string {
  if (data.speeches.length === 0) return ''
  const t = MINUTES_LABELS[lang]
  const e = escapeHtml
  const head = `<tr><th>${e(t.phase)}</th><th>${e(t.speaker)}</th><th>${e(t.start)}</th><th>${e(t.end)}</th><th class="num">${e(t.duration)}</th></tr>`
  const rows = data.speeches
    .map((s) => rowOf(s, t, lang))
    .map(
      (r) =>
        `<tr><td>${e(r.phase)}</td><td>${e(r.who)}</td><td>${e(r.start)}</td><td>${e(r.end)}</td><td class="num">${e(r.duration)}</td></tr>`,
    )
    .join('\n')
  const notes = summary(data.speeches, t)
    .map((line) => `<p class="note">${e(line)}</p>`)
    .join('')
  return `<h2>${e(t.speeches)} (${data.speeches.length})</h2>\n<table>${head}\n${rows}</table>${notes}\n`
}

export function speechesMarkdown(data: MinutesData, lang: MinutesLang): string[] {
  if (data.speeches.length === 0) return []
  const t = MINUTES_LABELS[lang]
  const e = escapeMarkdown
  const lines = [
    `## ${e(t.speeches)} (${data.speeches.length})`,
    '',
    `| ${e(t.phase)} | ${e(t.speaker)} | ${e(t.start)} | ${e(t.end)} | ${e(t.duration)} |`,
    '| --- | --- | --- | --- | ---: |',
  ]
  for (const r of data.speeches.map((s) => rowOf(s, t, lang))) {
    const cell = (value: string) => e(value).replace(/ {2}\n/g, ' ')
    lines.push(
      `| ${cell(r.phase)} | ${cell(r.who)} | ${cell(r.start)} | ${cell(r.end)} | ${cell(r.duration)} |`,
    )
  }
  lines.push('')
  for (const line of summary(data.speeches, t)) lines.push(`*${e(line)}*`, '')
  return lines
}
