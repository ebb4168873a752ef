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
  phase: string
  speaker: string
  start: string
  end: string
  duration: string
  /** Still speaking when the snapshot was taken. */
  running: string
  /** Someone in the room without a device, entered by an assistant. */
  onBehalf: string
  /** `{count}` speeches, `{duration}` in all. */
  speechTotal: string
  speechByRole: string
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
      assistant: 'Assistenz',
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
    phase: 'Phase',
    speaker: 'Wer',
    start: 'Beginn',
    end: 'Ende',
    duration: 'Dauer',
    running: 'läuft noch',
    onBehalf: 'im Raum, ohne Gerät',
    speechTotal: '{count} Wortmeldungen, zusammen {duration}',
    speechByRole: 'Redezeit nach Rolle',
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
      assistant: 'Assistant',
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
    phase: 'Phase',
    speaker: 'Who',
    start: 'Start',
    end: 'End',
    duration: 'Duration',
    running: 'still speaking',
    onBehalf: 'in the room, no device',
    speechTotal: '{count} speeches, {duration} in all',
    speechByRole: 'Speaking time by role',
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

/**
 * Who a card is by, as the minutes say it: "Verfasst von: Anna (Bürger*in)", or for a card an
 * assistant entered, "Eingetragen von Jan für Bürger*innen" (both placeholders filled at once).
 */
export function provenanceLine(
  card: {
    authorName: string | null
    authorRole: string | null
    authorGroup: 'citizen' | 'councillor' | 'staff' | null
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
  const values: Record<string, string> = { by: edited.by, at: formatDateTime(edited.at, lang) }
  return labels.editedBy.replace(/\{(by|at)\}/g, (_match, key: string) => values[key] ?? '')
}

export function formatTime(ms: number, lang: MinutesLang): string {
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    timeStyle: 'medium',
    timeZone: 'Europe/Berlin',
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
