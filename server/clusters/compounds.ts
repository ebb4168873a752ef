/**
 * German compound splitting against the corpus's own vocabulary: "Radwegeausbau" becomes
 * "radweg" + "ausbau" when both occur as words of their own on the board. No dictionary ships
 * with the server, so a compound is split only into parts the people in the room also wrote
 * alone, which keeps false splits rare ("Beleuchtung" is never "Bel" + "euchtung"). Linking
 * elements (Fugen: -s-, -es-, -n-, -en-, -e-, -er-) are tried on the left part. Of the possible
 * splits the one with the fewest parts wins, then the one with the longest first part.
 */
import { type Language, stem } from './text.ts'

const MIN_WORD = 8
const MIN_PART = 3
const LINKS = ['', 's', 'es', 'n', 'en', 'e', 'er']

export class CompoundSplitter {
  private readonly cache = new Map<string, string[] | null>()

  /** `vocabulary`: the stems of the words that occur alone in the corpus. */
  constructor(
    private readonly vocabulary: ReadonlySet<string>,
    private readonly language: Language = 'de',
  ) {}

  private known(part: string): string | null {
    if (part.length < MIN_PART) return null
    const s = stem(part, this.language)
    if (s.length >= MIN_PART && this.vocabulary.has(s)) return s
    return this.vocabulary.has(part) ? part : null
  }

  /** The stems of the parts of a folded word, or null when it is no compound of known words. */
  split(folded: string): string[] | null {
    if (folded.length < MIN_WORD) return null
    const cached = this.cache.get(folded)
    if (cached !== undefined) return cached
    const parts = this.best(folded, 0)
    this.cache.set(folded, parts)
    return parts
  }

  private best(word: string, depth: number): string[] | null {
    const whole = depth > 0 ? this.known(word) : null
    if (whole) return [whole]
    if (depth > 2 || word.length < 2 * MIN_PART) return null
    let best: string[] | null = null
    for (let i = word.length - MIN_PART; i >= MIN_PART; i--) {
      const left = word.slice(0, i)
      let leftStem: string | null = null
      for (const link of LINKS) {
        if (!left.endsWith(link) || left.length - link.length < MIN_PART) continue
        leftStem = this.known(left.slice(0, left.length - link.length))
        if (leftStem) break
      }
      if (!leftStem) continue
      const rest = this.best(word.slice(i), depth + 1)
      if (!rest) continue
      const candidate = [leftStem, ...rest]
      // Fewest parts; the loop runs from the longest left part, so ties keep the first found.
      if (!best || candidate.length < best.length) best = candidate
    }
    return best
  }
}
