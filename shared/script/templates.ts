/**
 * Workshop script templates (domain background: the Zukunftswerkstatt after Robert Jungk and the
 * everyday formats of municipal participation). Each template is a list of phases with the
 * guiding prompt and the rules of each, in German and English.
 */
import { OPEN_RULES, type Phase, type PhaseRules } from './script-schema.ts'

export const TEMPLATE_IDS = ['zukunftswerkstatt', 'brainstorm', 'world-cafe', 'blank'] as const
export type TemplateId = (typeof TEMPLATE_IDS)[number]
export type ScriptLang = 'de' | 'en'

interface PhaseText {
  de: [name: string, prompt: string]
  en: [name: string, prompt: string]
}

interface PhaseSpec {
  id: string
  text: PhaseText
  minutes: number
  rules: Partial<PhaseRules>
}

const DOTS = { method: 'dots', budget: 5, cap: 3 } as const
const POINTS = { method: 'points', budget: 100, cap: 100 } as const

const SPECS: Record<TemplateId, PhaseSpec[]> = {
  zukunftswerkstatt: [
    {
      id: 'zw-vorbereitung',
      text: {
        de: ['Vorbereitung', 'Wer sind Sie, zu welcher Gruppe gehören Sie, und was erwarten Sie von heute?'],
        en: ['Preparation', 'Who are you, which group do you belong to, and what do you expect from today?'],
      },
      minutes: 10,
      rules: {},
    },
    {
      id: 'zw-kritik',
      text: {
        de: ['Kritikphase', 'Was stört Sie? Eine Kritik pro Karte, zunächst für sich allein.'],
        en: ['Critique', 'What bothers you? One criticism per card, on your own first.'],
      },
      minutes: 20,
      rules: { privateWriting: true, showAuthors: false, participantMoves: true, vote: DOTS },
    },
    {
      id: 'zw-fantasie',
      text: {
        de: ['Fantasiephase', 'Es wäre schön, wenn … Ideen ohne Grenzen, keine Killerphrasen.'],
        en: ['Fantasy', 'Wouldn’t it be great if … Ideas without limits, no killer phrases.'],
      },
      minutes: 30,
      rules: { participantMoves: true, vote: DOTS },
    },
    {
      id: 'zw-verwirklichung',
      text: {
        de: ['Verwirklichungsphase', 'Was davon setzen wir um? Wer macht was bis wann?'],
        en: ['Implementation', 'Which of these do we put into practice? Who does what by when?'],
      },
      minutes: 30,
      rules: { vote: POINTS },
    },
    {
      id: 'zw-nachbereitung',
      text: {
        de: ['Nachbereitung', 'Wie geht es weiter? Nächste Schritte und Termine.'],
        en: ['Follow-up', 'What happens next? Next steps and dates.'],
      },
      minutes: 10,
      rules: { createCards: false },
    },
  ],
  brainstorm: [
    {
      id: 'bc-sammeln',
      text: {
        de: ['Sammeln', 'Alle Ideen zur Frage, eine pro Karte.'],
        en: ['Brainstorm', 'Every idea on the question, one per card.'],
      },
      minutes: 15,
      rules: {},
    },
    {
      id: 'bc-clustern',
      text: {
        de: ['Clustern', 'Ordnen Sie ähnliche Karten zu Themen.'],
        en: ['Cluster', 'Group similar cards into themes.'],
      },
      minutes: 10,
      rules: { createCards: false, participantMoves: true },
    },
    {
      id: 'bc-bewerten',
      text: {
        de: ['Bewerten', 'Was ist am wichtigsten? Verteilen Sie Ihre Punkte.'],
        en: ['Vote', 'What matters most? Place your dots.'],
      },
      minutes: 10,
      rules: { createCards: false, vote: DOTS },
    },
    {
      id: 'bc-planen',
      text: { de: ['Planen', 'Wer macht was bis wann?'], en: ['Plan', 'Who does what by when?'] },
      minutes: 15,
      rules: { createCards: false },
    },
  ],
  'world-cafe': [
    {
      id: 'wc-ankommen',
      text: {
        de: ['Ankommen', 'Finden Sie einen Tisch; jeder Tisch hat eine Gastgeberin oder einen Gastgeber.'],
        en: ['Arrival', 'Find a table; each table has a host.'],
      },
      minutes: 10,
      rules: { createCards: false },
    },
    {
      id: 'wc-runde-1',
      text: {
        de: ['Runde 1', 'Diskutieren Sie die Frage Ihres Tisches und halten Sie Gedanken fest.'],
        en: ['Round 1', 'Discuss your table’s question and write down what comes up.'],
      },
      minutes: 25,
      rules: {},
    },
    {
      id: 'wc-runde-2',
      text: {
        de: ['Runde 2', 'Wechseln Sie den Tisch; die Gastgeber bleiben und erzählen.'],
        en: ['Round 2', 'Change tables; hosts stay and sum up.'],
      },
      minutes: 25,
      rules: {},
    },
    {
      id: 'wc-ernte',
      text: {
        de: ['Ernte', 'Was nehmen wir aus allen Tischen mit?'],
        en: ['Harvest', 'What do we take from all tables?'],
      },
      minutes: 20,
      rules: { participantMoves: true, vote: DOTS },
    },
  ],
  blank: [
    {
      id: 'open',
      text: { de: ['Offene Phase', ''], en: ['Open phase', ''] },
      minutes: 0,
      rules: {},
    },
  ],
}

/** Frames a template starts with: the tables of a World Café. */
export function templateFrames(template: TemplateId, lang: ScriptLang = 'de'): string[] {
  if (template !== 'world-cafe') return []
  return [1, 2, 3, 4].map((n) => (lang === 'de' ? `Tisch ${n}` : `Table ${n}`))
}

export function templatePhases(template: TemplateId, lang: ScriptLang = 'de'): Phase[] {
  return SPECS[template].map((spec) => {
    const [name, prompt] = spec.text[lang]
    return { id: spec.id, name, prompt, minutes: spec.minutes, rules: { ...OPEN_RULES, ...spec.rules } }
  })
}
