/**
 * From a card's text to the words that can tie it to other cards, offline: tokenise, fold case
 * and umlauts, drop stop words, guess each card's language (German or English, by stop-word hits)
 * and stem with that language's Snowball stemmer (`snowball-stemmers`, a pure JS port: no model,
 * no download). Folding happens before stemming so that "Spielplaetze", "Spielplätze" and
 * "spielplatze" meet in one stem; "ß" becomes "ss" for the same reason ("Straße", "Strasse").
 */
import snowball from 'snowball-stemmers'
import { ENGLISH_STOP_WORDS, GERMAN_STOP_WORDS, STOP_WORDS } from './stop-words.ts'

export type Language = 'de' | 'en'

const german = snowball.newStemmer('german')
const english = snowball.newStemmer('english')

/** Lower case, umlauts without dots (also when typed as ae/oe/ue), ß as ss. */
export function fold(word: string): string {
  return word
    .toLowerCase()
    .replace(/ä/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/ü/g, 'u')
    .replace(/ß/g, 'ss')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/(?<!q)ue/g, 'u')
}

/** One word of a card: as written (for titles), folded, and its stem. */
export interface Token {
  surface: string
  folded: string
  stem: string
}

// Letters of any script, digits inside words ("E-Bike", "5G"); hyphens split compounds people
// wrote apart ("Rad-Weg"), the parts are words of their own.
const WORD = /[\p{L}\p{N}]+/gu

/** The raw words of a text, in order. */
export function words(text: string): string[] {
  return text.normalize('NFC').match(WORD) ?? []
}

/** German unless English stop words clearly outnumber German ones. */
export function guessLanguage(raw: string[]): Language {
  let de = 0
  let en = 0
  for (const w of raw) {
    const f = fold(w)
    if (GERMAN_STOP_WORDS.has(f)) de++
    if (ENGLISH_STOP_WORDS.has(f)) en++
  }
  return en > de ? 'en' : 'de'
}

export function stem(folded: string, language: Language): string {
  return language === 'en' ? english.stem(folded) : german.stem(folded)
}

/** Content words of a card: no stop words, no numbers alone, nothing shorter than 3 letters. */
export function tokenize(text: string): Token[] {
  const raw = words(text)
  const language = guessLanguage(raw)
  const tokens: Token[] = []
  for (const surface of raw) {
    const folded = fold(surface)
    if (folded.length < 3 || /^\p{N}+$/u.test(folded) || STOP_WORDS.has(folded)) continue
    tokens.push({ surface, folded, stem: stem(folded, language) })
  }
  return tokens
}
