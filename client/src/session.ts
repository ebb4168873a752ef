/**
 * Who is using this tab: refreshed from /api/me after login, join and logout. A guest's tab
 * names its participant (api/tab-identity.ts), so another guest's tab in the same browser
 * profile is someone else.
 */
import { createResource, createRoot } from 'solid-js'
import { api, fetchMe } from './api/http.ts'
import { forgetIdentity } from './api/tab-identity.ts'
import { forgetAnswers } from './offline/offline-answers.ts'

const session = createRoot(() => {
  const [me, { refetch, mutate }] = createResource(fetchMe)
  return { me, refetch, mutate }
})

export const me = session.me
export const refreshMe = () => session.refetch()

/** Ends this tab's session: a guest's alone (the server keeps another tab's guest logged in). */
export async function logout(): Promise<void> {
  await api('POST', '/api/logout').catch(() => undefined)
  forgetIdentity()
  forgetAnswers()
  session.mutate(null)
}
