/** Types for the `snowball-stemmers` package (JS port of the Snowball stemmers; ships none). */
declare module 'snowball-stemmers' {
  export interface Stemmer {
    stem(word: string): string
  }
  export function newStemmer(language: string): Stemmer
  export function algorithms(): string[]
  const snowball: { newStemmer: typeof newStemmer; algorithms: typeof algorithms }
  export default snowball
}
