/**
 * Reads and validates a JSON request body with a zod schema. Anything malformed is answered
 * with one clear 400 and changes nothing.
 */
import type { Context } from 'hono'
import type { z } from 'zod'
import { badRequest, HttpError } from './http-error.ts'

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? ''
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new HttpError(415, 'unsupported-media-type', 'Send the request body as application/json.')
  }
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    throw badRequest('The request body is not valid JSON.', 'invalid-json')
  }
  const result = schema.safeParse(body)
  if (!result.success) {
    const issue = result.error.issues[0]
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
    throw badRequest(`${where}${issue?.message ?? 'invalid body'}`)
  }
  return result.data
}
