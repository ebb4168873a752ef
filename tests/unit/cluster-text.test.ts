/**
 * The text side of cluster suggestions (server/clusters): folding, stop words, the language
 * guess and Snowball stemming, German compound splitting against the corpus vocabulary, and the
 * character n-grams that forgive typos.
 */
import { describe, expect, it } from 'vitest'
import { CompoundSplitter } from '../../server/clusters/compounds.ts'
import { cardFeatures, charGrams, type SparseVector } from '../../server/clusters/features.ts'
import { ENGLISH_STOP_WORDS, GERMAN_STOP_WORDS } from '../../server/clusters/stop-words.ts'
import { DEFAULT_CLUSTER_OPTIONS } from '../../server/clusters/suggest.ts'
import { fold, guessLanguage, stem, tokenize, words } from '../../server/clusters/text.ts'

const stems = (text: string) => tokenize(text).map((t) => t.stem)

describe('tokenising and stemming', () => {
  it('folds case, umlauts (also typed as ae/oe/ue) and ß before stemming', () => {
    expect(fold('Spielplätze')).toBe('spielplatze')
    expect(fold('Spielplaetze')).toBe('spielplatze')
    expect(fold('Straße')).toBe(fold('STRASSE'))
    expect(stems('Spielplätze')).toEqual(stems('spielplaetze'))
    expect(stems('Spielplätze')).toEqual(stems('Spielplatz'))
  })

  it('drops stop words of both languages, numbers and very short words', () => {
    expect(stems('Wir brauchen endlich mehr sichere Radwege für die 3 Kinder!')).toEqual([
      stem('sichere', 'de'),
      'radweg',
      'kind',
    ])
    expect(stems('We need more bike lanes for the kids')).toEqual(['bike', 'lane', 'kid'])
    expect(GERMAN_STOP_WORDS.has('fur')).toBe(true)
    expect(ENGLISH_STOP_WORDS.has('the')).toBe(true)
  })

  it('guesses English only when its stop words outnumber German ones', () => {
    expect(guessLanguage(words('Parking near the hospital is impossible'))).toBe('en')
    expect(guessLanguage(words('Parkplätze am Krankenhaus fehlen'))).toBe('de')
    expect(guessLanguage(words('Bikesharing'))).toBe('de')
  })

  it('splits words at hyphens and keeps letters of any kind', () => {
    expect(words('E-Bike-Ladestation, Café; ÖPNV!')).toEqual(['E', 'Bike', 'Ladestation', 'Café', 'ÖPNV'])
  })
})

describe('compound splitting', () => {
  const vocabulary = new Set(['radweg', 'ausbau', 'verkehr', 'sich', 'mull', 'eim', 'bus', 'haltestell'])

  it('splits a compound into stems the corpus knows, with linking elements', () => {
    const splitter = new CompoundSplitter(vocabulary)
    expect(splitter.split('radwegeausbau')).toEqual(['radweg', 'ausbau'])
    expect(splitter.split('bushaltestelle')).toEqual(['bus', 'haltestell'])
    // The linking -s- of "Verkehrssicherheit".
    expect(splitter.split('verkehrssicherheit')).toEqual(['verkehr', 'sich'])
  })

  it('leaves words alone that are no compound of known words', () => {
    const splitter = new CompoundSplitter(vocabulary)
    expect(splitter.split('beleuchtung')).toBeNull()
    expect(splitter.split('radweg')).toBeNull()
    expect(splitter.split('digitalisierung')).toBeNull()
  })

  it('learns the parts from the cards themselves', () => {
    const [compound] = cardFeatures(
      ['Radwegeausbau jetzt', 'Der Radweg ist kaputt', 'Ausbau der Schule'],
      DEFAULT_CLUSTER_OPTIONS,
    )
    expect(compound?.words.has('radweg')).toBe(true)
    expect(compound?.words.has('ausbau')).toBe(true)
  })
})

describe('character n-grams', () => {
  it('let a typo still share most of its grams with the right spelling', () => {
    const a: SparseVector = new Map()
    const b: SparseVector = new Map()
    charGrams(fold('Fahrradweg'), a)
    charGrams(fold('Fahradweg'), b)
    const shared = [...b.keys()].filter((g) => a.has(g)).length
    expect(shared / b.size).toBeGreaterThan(0.7)
  })
})
