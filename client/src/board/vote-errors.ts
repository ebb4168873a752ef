/**
 * A refused ballot or reveal in the reader's language: the server answers with a code
 * (`over-budget`, `card-hidden`, …), the client shows its own words for it.
 */
import { ApiError } from '../api/http.ts'
import { messageOf } from '../components/ErrorMessage.tsx'
import { de } from '../i18n/de.ts'
import { en } from '../i18n/en.ts'
import { locale } from '../i18n/i18n.ts'

export function voteErrorText(err: unknown): string {
  if (err instanceof ApiError) {
    const words = (locale() === 'en' ? en : de).voteErrors as Record<string, string>
    const text = words[err.code]
    if (text) return text
  }
  return messageOf(err)
}
