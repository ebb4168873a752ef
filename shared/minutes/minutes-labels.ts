/** The words of the minutes, in the two languages the product speaks. */
export type MinutesLang = 'de' | 'en'

export interface MinutesLabels {
  minutes: string
  snapshot: string
  takenAt: string
  takenBy: string
  cards: string
  noCards: string
  author: string
  anonymous: string
  role: Record<string, string>
}

export const MINUTES_LABELS: Record<MinutesLang, MinutesLabels> = {
  de: {
    minutes: 'Protokoll',
    snapshot: 'Stand',
    takenAt: 'Erstellt am',
    takenBy: 'Erstellt von',
    cards: 'Karten',
    noCards: 'Keine Karten.',
    author: 'Verfasst von',
    anonymous: 'ohne Namen',
    role: {
      facilitator: 'Moderation',
      councillor: 'Ratsmitglied',
      staff: 'Verwaltung',
      citizen: 'Bürger*in',
      observer: 'Beobachtung',
    },
  },
  en: {
    minutes: 'Minutes',
    snapshot: 'Snapshot',
    takenAt: 'Taken on',
    takenBy: 'Taken by',
    cards: 'Cards',
    noCards: 'No cards.',
    author: 'Written by',
    anonymous: 'unnamed',
    role: {
      facilitator: 'Facilitation',
      councillor: 'Councillor',
      staff: 'Administration',
      citizen: 'Citizen',
      observer: 'Observer',
    },
  },
}

export function formatDateTime(ms: number, lang: MinutesLang): string {
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
  }).format(new Date(ms))
}

export function authorLine(
  card: { authorName: string | null; authorRole: string | null },
  labels: MinutesLabels,
): string {
  const name = card.authorName ?? labels.anonymous
  const role = card.authorRole ? (labels.role[card.authorRole] ?? card.authorRole) : null
  return role ? `${name} (${role})` : name
}
