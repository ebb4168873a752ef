/** Who is using this browser: refreshed from /api/me after login, join and logout. */
import { createResource, createRoot } from 'solid-js'
import { api, fetchMe } from './api/http.ts'

const session = createRoot(() => {
  const [me, { refetch, mutate }] = createResource(fetchMe)
  return { me, refetch, mutate }
})

export const me = session.me
export const refreshMe = () => session.refetch()

export async function logout(): Promise<void> {
  await api('POST', '/api/logout').catch(() => undefined)
  session.mutate(null)
}
