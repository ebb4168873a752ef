/** Small HTTP helpers for tests: the public interface v1 as an outside client uses it. */
export interface Session {
  token: string
}

export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  // biome-ignore lint/suspicious/noExplicitAny: each test asserts the response shape it expects.
): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  let json: unknown = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = text
  }
  return { status: res.status, json }
}

export const PASSWORD = 'richtig-langes-passwort'

export async function setupFacilitator(base: string): Promise<string> {
  const res = await call(base, 'POST', '/api/setup', { username: 'moderation', password: PASSWORD })
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.json)}`)
  return res.json.token as string
}

export async function createWorkshop(base: string, token: string, title = 'Digitale Kommune') {
  const res = await call(base, 'POST', '/api/workshops', { title }, token)
  if (res.status !== 201) throw new Error(`create workshop failed: ${res.status}`)
  return res.json as { id: string; joinCode: string }
}

export async function joinAsGuest(base: string, code: string, name: string, role?: 'citizen' | 'observer') {
  const res = await call(base, 'POST', '/api/join', { code, name, ...(role ? { role } : {}) })
  if (res.status !== 200) throw new Error(`join failed: ${res.status} ${JSON.stringify(res.json)}`)
  return res.json as { workshopId: string; participantId: string; role: string; token: string }
}
