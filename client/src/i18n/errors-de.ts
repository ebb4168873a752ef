/**
 * German words for every error code the server or the client's own fetch can give
 * (shared/api/errors.ts), and for every reason the sync socket closes with
 * (shared/protocol/close-codes.ts). The server's own message is only a fallback for a code the
 * UI does not know; the `satisfies` clauses make a new code a typecheck error until it has words.
 */
import type { CLIENT_ERROR_CODES, SERVER_ERROR_CODES } from '../../../shared/api/errors.ts'
import type { CLOSE } from '../../../shared/protocol/close-codes.ts'

export type ErrorWords = Record<
  (typeof SERVER_ERROR_CODES)[number] | (typeof CLIENT_ERROR_CODES)[number],
  string
>
export type CloseReasonWords = Record<(typeof CLOSE)[keyof typeof CLOSE]['reason'], string>

export const errorsDe = {
  network: 'Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung.',
  'http-error': 'Der Server hat die Anfrage abgelehnt.',
  'invalid-request': 'Die Angaben sind unvollständig oder ungültig. Bitte prüfen Sie die Eingabe.',
  'invalid-json': 'Die Anfrage war nicht lesbar.',
  'unsupported-media-type': 'Diese Dateiart nimmt der Server nicht an.',
  'payload-too-large': 'Das ist zu groß für den Server.',
  unauthenticated: 'Bitte melden Sie sich an.',
  forbidden: 'Dafür fehlt Ihnen die Berechtigung.',
  'cross-origin': 'Anfragen von anderen Seiten werden abgelehnt.',
  'not-found': 'Das gibt es nicht (mehr).',
  conflict: 'Das ist gerade nicht möglich; es wurde inzwischen etwas geändert.',
  'rate-limited': 'Zu viele Versuche. Bitte warten Sie einen Moment.',
  'storage-failing': 'Der Server kann gerade nicht speichern. Bitte versuchen Sie es gleich noch einmal.',
  'database-unreadable': 'Der Server kann seine Daten gerade nicht lesen.',
  'event-loop-stalled': 'Der Server ist gerade überlastet.',
  'account-deactivated': 'Dieses Konto ist deaktiviert.',
  internal: 'Auf dem Server ist etwas schiefgegangen.',
  'setup-code-required': 'Bitte den Einrichtungscode aus dem Server-Log angeben.',
  'invalid-setup-code': 'Dieser Einrichtungscode stimmt nicht.',
  'already-set-up': 'Diese Instanz ist schon eingerichtet.',
  'invalid-credentials': 'Benutzername oder Passwort ist falsch.',
  'wrong-password': 'Das bisherige Passwort ist falsch.',
  'username-taken': 'Diesen Benutzernamen gibt es schon.',
  'self-deactivation': 'Das eigene Konto kann man nicht deaktivieren.',
  'already-hidden': 'Diese Karte ist schon ausgeblendet.',
  'export-altered': 'Die Datei ist verändert oder unvollständig.',
  'already-imported': 'Diese Datei wurde hier schon eingelesen.',
  'workshop-closed': 'Diese Werkstatt ist geschlossen: Sie kann gelesen, nicht mehr geändert werden.',
  'unknown-join-code': 'Diesen Beitrittscode gibt es nicht. Bitte prüfen Sie die Eingabe.',
  'owner-keeps-role': 'Die Eigentümerin oder der Eigentümer der Werkstatt behält die Rolle.',
  'owner-data': 'Die Daten der Eigentümerin oder des Eigentümers gehen mit der Werkstatt.',
  'observer-hand': 'Beobachtende können sich nicht zu Wort melden.',
  'hand-for-others': 'Nur Assistenz und Moderation melden andere zu Wort.',
  'queue-full': 'Die Redeliste ist voll.',
  'empty-name': 'Bitte einen Namen angeben.',
  'timer-no-time-left': 'Bitte eine Dauer setzen: Der Timer hat keine Zeit mehr.',
  'timer-not-running': 'Der Timer läuft nicht.',
  'phase-changed': 'Die Phase hat gewechselt: Bitte die Vorschläge neu berechnen.',
  'too-many-to-cluster': 'Zu viele Karten außerhalb von Rahmen, um sie zu gruppieren.',
  'photo-empty': 'Das Foto ist leer.',
  'photo-unreadable': 'Dieses Bild kann der Server nicht lesen. Bitte JPEG, PNG oder WebP senden.',
  'joining-closed':
    'Diese Werkstatt nimmt gerade niemanden Neues auf. Bitte wenden Sie sich an die Moderation.',
  'workshop-full': 'Diese Werkstatt ist voll. Bitte wenden Sie sich an die Moderation.',
  removed: 'Sie wurden aus dieser Werkstatt entfernt.',
  'no-vote': 'In dieser Phase gibt es keine Abstimmung.',
  'vote-rule-invalid': 'Die Abstimmungsregel dieser Phase ist ungültig; die Moderation muss sie neu setzen.',
  'no-card': 'Diese Karte gibt es auf dem Board nicht mehr.',
  'card-hidden': 'Die Karte wurde von der Moderation ausgeblendet.',
  'over-budget': 'Ihr Budget reicht dafür nicht.',
  'over-cap': 'So viele Punkte darf eine Karte von Ihnen nicht bekommen.',
  revealed: 'Die Abstimmung ist beendet.',
} satisfies ErrorWords

/** Why the board's connection was closed, as the connection line says it. */
export const closeReasonsDe = {
  'malformed-frame': 'Verbindung getrennt: Der Server konnte eine Nachricht nicht lesen.',
  unauthenticated: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich neu an oder treten Sie neu bei.',
  forbidden: 'Zugang verweigert: Sie gehören nicht zu dieser Werkstatt.',
  'origin-not-allowed': 'Zugang verweigert: Diese Seite darf sich nicht mit dem Server verbinden.',
  'read-only': 'Sie sehen das Board nur an; Änderungen nimmt der Server nicht an.',
  'forbidden-write': 'Der Server hat eine Änderung abgelehnt, die Ihnen nicht erlaubt ist.',
  removed: 'Sie wurden aus dieser Werkstatt entfernt.',
  'quota-exceeded': 'Sie haben so viel geschrieben, wie eine Person schreiben kann.',
  'role-changed': 'Ihre Rolle wurde geändert.',
  'workshop-closed': 'Die Werkstatt ist geschlossen: Sie kann gelesen, nicht mehr geändert werden.',
  'rooms-rewritten': 'Die Werkstatt wird gerade aufgeräumt; gleich geht es weiter.',
  'workshop-full': 'Diese Werkstatt ist voll.',
  'rate-limited': 'Zu viele Verbindungsversuche. Bitte warten Sie einen Moment.',
  'too-many-connections':
    'Zu viele Fenster dieser Werkstatt sind offen: Bitte schließen Sie andere Tabs und laden Sie diese Seite neu.',
  'frame-too-large': 'Eine Änderung war zu groß für den Server.',
  'workshop-not-found': 'Diese Werkstatt gibt es nicht (mehr).',
  'slow-consumer': 'Die Verbindung war zu langsam; sie wird neu aufgebaut.',
  'room-failed': 'Auf dem Server ist etwas schiefgegangen; die Verbindung wird neu aufgebaut.',
  'server-restart': 'Der Server startet neu; gleich geht es weiter.',
} satisfies CloseReasonWords
