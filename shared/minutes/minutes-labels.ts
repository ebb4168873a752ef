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
  phases: string
  currentPhase: string
  results: string
  card: string
  total: string
  groups: Record<'citizen' | 'councillor' | 'staff', string>
  voters: string
  hiddenGroup: string
  tooFewVoters: string
  disagreements: string
  measures: string
  noMeasures: string
  owner: string
  department: string
  due: string
  hiddenCard: string
  /** A facilitator's change of someone else's text: `{by}` and `{at}` are filled in. */
  editedBy: string
  noFrame: string
  /** The integrity line: `{snapshot}` and `{log}` are the two SHA-256 hashes. */
  integrity: string
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
    phases: 'Ablauf',
    currentPhase: 'aktuelle Phase',
    results: 'Abstimmung',
    card: 'Karte',
    total: 'Gesamt',
    groups: { citizen: 'Bürger*innen', councillor: 'Ratsmitglieder', staff: 'Verwaltung' },
    voters: 'Abgestimmt haben',
    hiddenGroup:
      'nicht getrennt gezeigt (zu wenige Stimmen, unter {n}, oder mit einer so kleinen Gruppe zusammengefasst); nur in der Summe enthalten',
    tooFewVoters: 'Zu wenige Stimmen für ein Ergebnis (weniger als {n}): keine Zahlen je Karte.',
    disagreements: 'Größte Unterschiede zwischen den Gruppen',
    measures: 'Maßnahmen',
    noMeasures: 'Keine Maßnahmen.',
    integrity: 'Prüfsummen (SHA-256): Stand {snapshot}, Ereignisprotokoll {log}',
    owner: 'Verantwortlich',
    department: 'Fachbereich',
    due: 'Fällig',
    hiddenCard: 'Von der Moderation ausgeblendet ({by}): {reason}',
    editedBy: 'bearbeitet von {by} am {at}',
    noFrame: 'Außerhalb der Rahmen',
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
    phases: 'Agenda',
    currentPhase: 'current phase',
    results: 'Vote',
    card: 'Card',
    total: 'Total',
    groups: { citizen: 'Citizens', councillor: 'Councillors', staff: 'Administration' },
    voters: 'Voters',
    hiddenGroup:
      'not shown apart (too few votes, under {n}, or merged with such a small group); counted in the total only',
    tooFewVoters: 'Too few votes for a result (fewer than {n}): no figures per card.',
    disagreements: 'Largest differences between the groups',
    measures: 'Measures',
    noMeasures: 'No measures.',
    integrity: 'Checksums (SHA-256): snapshot {snapshot}, event log {log}',
    owner: 'Owner',
    department: 'Department',
    due: 'Due',
    hiddenCard: 'Hidden by the facilitator ({by}): {reason}',
    editedBy: 'edited by {by} on {at}',
    noFrame: 'Outside the frames',
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

/** "bearbeitet von X am …": both placeholders filled at once, so a name cannot hold the other. */
export function editedLine(
  edited: { by: string; at: number },
  labels: MinutesLabels,
  lang: MinutesLang,
): string {
  const values: Record<string, string> = { by: edited.by, at: formatDateTime(edited.at, lang) }
  return labels.editedBy.replace(/\{(by|at)\}/g, (_match, key: string) => values[key] ?? '')
}
