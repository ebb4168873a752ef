/** The words of the minutes, in the two languages the product speaks, and their typography. */
export type MinutesLang = 'de' | 'en'

export interface MinutesLabels {
  minutes: string
  date: string
  place: string
  noPlace: string
  snapshot: string
  takenAt: string
  takenBy: string
  facilitators: string
  attendance: string
  attendanceTotal: string
  roleColumn: string
  countColumn: string
  namesColumn: string
  attendanceNamesWithheld: string
  cards: string
  noCards: string
  author: string
  anonymous: string
  role: Record<string, string>
  agenda: string
  phase: string
  start: string
  end: string
  ongoing: string
  notHeld: string
  currentPhase: string
  outsidePhases: string
  prompt: string
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
  hiddenCards: string
  hiddenCard: string
  /** A facilitator's change of someone else's text: `{by}` and `{at}` are filled in. */
  editedBy: string
  edits: string
  editedCard: string
  noFrame: string
  integrity: string
  snapshotHash: string
  logHead: string
  nothingInPhase: string
}

export const MINUTES_LABELS: Record<MinutesLang, MinutesLabels> = {
  de: {
    minutes: 'Protokoll',
    date: 'Datum',
    place: 'Ort',
    noPlace: 'nicht angegeben',
    snapshot: 'Stand',
    takenAt: 'Erstellt am',
    takenBy: 'Erstellt von',
    facilitators: 'Moderation',
    attendance: 'Teilnahme',
    attendanceTotal: 'Insgesamt',
    roleColumn: 'Rolle',
    countColumn: 'Anzahl',
    namesColumn: 'Namen',
    attendanceNamesWithheld: 'Namen werden auf dieser Instanz nicht ins Protokoll übernommen.',
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
    agenda: 'Ablauf',
    phase: 'Phase',
    start: 'Beginn',
    end: 'Ende',
    ongoing: 'läuft noch',
    notHeld: 'nicht durchgeführt',
    currentPhase: 'aktuelle Phase',
    outsidePhases: 'Außerhalb des Ablaufs',
    prompt: 'Leitfrage',
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
    owner: 'Verantwortlich',
    department: 'Fachbereich',
    due: 'Fällig',
    hiddenCards: 'Ausgeblendete Karten',
    hiddenCard: 'Von der Moderation ausgeblendet ({by}): {reason}',
    editedBy: 'bearbeitet von {by} am {at}',
    edits: 'Änderungen der Moderation an Karten anderer',
    editedCard: 'Karte {text} von {author}',
    noFrame: 'Außerhalb der Rahmen',
    integrity: 'Nachweis der Unversehrtheit',
    snapshotHash: 'Prüfsumme des Stands',
    logHead: 'Letzter Eintrag des Ereignisprotokolls',
    nothingInPhase: 'Keine Einträge in dieser Phase.',
  },
  en: {
    minutes: 'Minutes',
    date: 'Date',
    place: 'Place',
    noPlace: 'not given',
    snapshot: 'Snapshot',
    takenAt: 'Taken on',
    takenBy: 'Taken by',
    facilitators: 'Facilitation',
    attendance: 'Attendance',
    attendanceTotal: 'Total',
    roleColumn: 'Role',
    countColumn: 'Count',
    namesColumn: 'Names',
    attendanceNamesWithheld: 'This instance does not put names into the minutes.',
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
    agenda: 'Agenda',
    phase: 'Phase',
    start: 'Start',
    end: 'End',
    ongoing: 'ongoing',
    notHeld: 'not held',
    currentPhase: 'current phase',
    outsidePhases: 'Outside the agenda',
    prompt: 'Question',
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
    owner: 'Owner',
    department: 'Department',
    due: 'Due',
    hiddenCards: 'Hidden cards',
    hiddenCard: 'Hidden by the facilitator ({by}): {reason}',
    editedBy: 'edited by {by} on {at}',
    edits: 'Facilitators’ changes to other people’s cards',
    editedCard: 'Card {text} by {author}',
    noFrame: 'Outside the frames',
    integrity: 'Proof of integrity',
    snapshotHash: 'Hash of the snapshot',
    logHead: 'Head of the event log',
    nothingInPhase: 'Nothing recorded in this phase.',
  },
}

const NBSP = '\u00a0'
const TIME_ZONE = 'Europe/Berlin'

/** Spaces inside a date or time never break a line: „25. November 2026“ stays together. */
const unbreakable = (s: string) => s.replace(/[ \u202f]/g, NBSP)

export function formatDate(ms: number, lang: MinutesLang): string {
  return unbreakable(
    new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
      dateStyle: 'long',
      timeZone: TIME_ZONE,
    }).format(new Date(ms)),
  )
}

export function formatTime(ms: number, lang: MinutesLang): string {
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TIME_ZONE,
  }).format(new Date(ms))
}

export function formatDateTime(ms: number, lang: MinutesLang): string {
  return unbreakable(
    new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: TIME_ZONE,
    }).format(new Date(ms)),
  )
}

const sameDay = (a: number, b: number) => formatDate(a, 'de') === formatDate(b, 'de')

/** The date line: one day, or first and last day with an en dash. */
export function formatDateRange(start: number, end: number, lang: MinutesLang): string {
  return sameDay(start, end) ? formatDate(start, lang) : `${formatDate(start, lang)}–${formatDate(end, lang)}`
}

/** German quotation marks „…“, English “…”. */
export function quote(text: string, lang: MinutesLang): string {
  return lang === 'de' ? `„${text}“` : `“${text}”`
}

/** Fills `{name}` placeholders at once, so a value cannot hold another placeholder. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match)
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
  return fill(labels.editedBy, { by: edited.by, at: formatDateTime(edited.at, lang) })
}
