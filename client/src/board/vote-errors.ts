/**
 * A refused ballot or reveal in the reader's language: the server answers with a code
 * (`over-budget`, `card-hidden`, …), the client shows its own words for it; a vote's
 * `403 forbidden` says who votes.
 */
import { ApiError } from '../api/http.ts'
import { messageOf } from '../components/ErrorMessage.tsx'
import { voteErrorWords } from '../i18n/i18n.ts'

export function voteErrorText(err: unknown): string {
  if (err instanceof ApiError) {
    const text = voteErrorWords(err.code)
    if (text) return text
  }
  return messageOf(err)
}
