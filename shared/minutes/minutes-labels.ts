/** The words of the minutes, in the two languages the product speaks, and their typography. */
import type { Group } from '../policy/roles.ts'
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
  groups: Record<Group, string>
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
  /** Connectors between cards and frames: a heading, a frame `{title}`, a hidden or empty card. */
  connections: string
  connectionFrame: string
  connectionHidden: string
  connectionEmpty: string
  integrity: string
  snapshotHash: string
  logHead: string
  nothingInPhase: string
  /** Hand-counted dots: `{points}`, `{n}` filled in. */
  paperPoints: string
  paperVoters: string
  /** The device part beside the paper part: `{points}`, `{n}` filled in. */
  devicePoints: string
  paperColumn: string
  withheld: Record<'devices' | 'paper', string>
  /** A card an assistant entered for someone in the room: `{by}` and `{group}` are filled in. */
  enteredFor: string
  /** Markdown (no images): a photo of the paper card exists. */
  photo: string
  /** Cards per group, and how many came from paper (`{n}`). */
  cardsByGroup: string
  fromPaper: string
  speeches: string
  speaker: string
  duration: string
  /** Still speaking when the snapshot was taken. */
  running: string
  /** Someone in the room without a device, entered by an assistant. */
  onBehalf: string
  /** `{count}` speeches, `{duration}` in all. */
  speechTotal: string
  speechByRole: string
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
      assistant: 'Assistenz',
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
    connections: 'Verbindungen',
    connectionFrame: 'Rahmen „{title}“',
    connectionHidden: '(ausgeblendete Karte)',
    connectionEmpty: '(leere Karte)',
    integrity: 'Nachweis der Unversehrtheit',
    snapshotHash: 'Prüfsumme des Stands',
    logHead: 'Letzter Eintrag des Ereignisprotokolls',
    nothingInPhase: 'Keine Einträge in dieser Phase.',
    paperPoints: 'davon {points} Punkte von Papier (von Hand gezählt)',
    paperVoters: '{n} Personen auf Papier',
    devicePoints: 'davon {points} Punkte an Geräten; {n} Personen an Geräten',
    paperColumn: 'davon Papier',
    withheld: {
      devices:
        'Stimmen an Geräten nicht gezählt: weniger als {n} Personen, deren Stimmen sonst neben den gezählten Papierpunkten erkennbar wären.',
      paper: 'Punkte von Papier nicht gezählt: weniger als {n} Personen, deren Punkte sonst erkennbar wären.',
    },
    enteredFor: 'Eingetragen von {by} für {group}',
    photo: 'Foto vorhanden',
    cardsByGroup: 'Karten je Gruppe',
    fromPaper: 'davon {n} von Papier eingetragen',
    speeches: 'Wortmeldungen',
    speaker: 'Wer',
    duration: 'Dauer',
    running: 'läuft noch',
    onBehalf: 'im Raum, ohne Gerät',
    speechTotal: '{count} Wortmeldungen, zusammen {duration}',
    speechByRole: 'Redezeit nach Rolle',
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
      assistant: 'Assistant',
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
    connections: 'Connections',
    connectionFrame: 'frame “{title}”',
    connectionHidden: '(hidden card)',
    connectionEmpty: '(empty card)',
    integrity: 'Proof of integrity',
    snapshotHash: 'Hash of the snapshot',
    logHead: 'Head of the event log',
    nothingInPhase: 'Nothing recorded in this phase.',
    paperPoints: 'of which {points} points from paper (counted by hand)',
    paperVoters: '{n} people on paper',
    devicePoints: 'of which {points} points on devices; {n} people on devices',
    paperColumn: 'of which paper',
    withheld: {
      devices:
        'Votes on devices not counted: fewer than {n} people, whose ballots would otherwise show beside the counted paper points.',
      paper: 'Points from paper not counted: fewer than {n} people, whose points would otherwise show.',
    },
    enteredFor: 'Entered by {by} for {group}',
    photo: 'Photo attached',
    cardsByGroup: 'Cards per group',
    fromPaper: '{n} of them entered from paper',
    speeches: 'Speakers',
    speaker: 'Who',
    duration: 'Duration',
    running: 'still speaking',
    onBehalf: 'in the room, no device',
    speechTotal: '{count} speeches, {duration} in all',
    speechByRole: 'Speaking time by role',
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

/**
 * A plain calendar day (a measure's due date, `2027-06-30`) in words: „30. Juni 2027“. It names
 * that day wherever it is read, so no time zone applies; anything else stays as it was typed.
 */
export function formatDay(day: string, lang: MinutesLang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return day
  const [, y, m, d] = match
  // Plain spaces: a table cell may wrap it, and every format's text reads back the same.
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))))
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

/**
 * Who a card is by, as the minutes say it: "Verfasst von: Anna (Bürger*in)", or for a card an
 * assistant entered, "Eingetragen von Jan für Bürger*innen" (both placeholders filled at once).
 */
export function provenanceLine(
  card: {
    authorName: string | null
    authorRole: string | null
    authorGroup: Group | null
    enteredBy: string | null
  },
  labels: MinutesLabels,
): string {
  if (card.enteredBy !== null && card.authorGroup !== null) {
    const values: Record<string, string> = { by: card.enteredBy, group: labels.groups[card.authorGroup] }
    return labels.enteredFor.replace(/\{(by|group)\}/g, (_match, key: string) => values[key] ?? '')
  }
  return `${labels.author}: ${authorLine(card, labels)}`
}

/** "bearbeitet von X am …": both placeholders filled at once, so a name cannot hold the other. */
export function editedLine(
  edited: { by: string; at: number },
  labels: MinutesLabels,
  lang: MinutesLang,
): string {
  return fill(labels.editedBy, { by: edited.by, at: formatDateTime(edited.at, lang) })
}

/** A time to the second (speaking times): „18:02:05“. */
export function formatClock(ms: number, lang: MinutesLang): string {
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    timeStyle: 'medium',
    timeZone: TIME_ZONE,
  }).format(new Date(ms))
}

/** A speaking time as m:ss (h:mm:ss from an hour on). */
export function formatSpan(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/** Who spoke: "Name (Rolle)", the role alone where names are not recorded, and "im Raum" for a proxy. */
export function speakerLine(
  speech: { name: string | null; role: string | null; onBehalf: boolean },
  labels: MinutesLabels,
): string {
  const role = speech.role ? (labels.role[speech.role] ?? speech.role) : null
  const who = speech.name ? (role ? `${speech.name} (${role})` : speech.name) : (role ?? labels.anonymous)
  return speech.onBehalf ? `${who}, ${labels.onBehalf}` : who
}
