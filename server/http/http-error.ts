/**
 * The one error type HTTP handlers throw, and the single handler that turns any error into
 * `{error:{code,message}}` (`ErrorBody` of the shared contract, with its codes). Unknown errors become a 500 without details: no stack traces leave
 * the server.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorBody, ServerErrorCode } from '../../shared/api/contract.ts'
import type { Logger } from '../logger.ts'

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ServerErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export const badRequest = (message: string, code: ServerErrorCode = 'invalid-request') =>
  new HttpError(400, code, message)
export const unauthenticated = (message = 'Please log in.') => new HttpError(401, 'unauthenticated', message)
export const forbidden = (message = 'You are not allowed to do this.') =>
  new HttpError(403, 'forbidden', message)
export const notFound = (message = 'Not found.') => new HttpError(404, 'not-found', message)
export const conflict = (message: string) => new HttpError(409, 'conflict', message)
export const storageFailing = (detail: string) =>
  new HttpError(503, 'storage-failing', `The server cannot store data right now: ${detail}`)

export function errorBody(code: ServerErrorCode, message: string): ErrorBody {
  return { error: { code, message } }
}

export function createErrorHandler(logger: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof HttpError) return c.json(errorBody(err.code, err.message), err.status)
    if (err instanceof HTTPException) {
      const status = err.status
      const code = status === 413 ? 'payload-too-large' : status === 401 ? 'unauthenticated' : 'http-error'
      return c.json(errorBody(code, err.message || 'Request refused.'), status as ContentfulStatusCode)
    }
    logger.error(
      { err: { name: err.name, message: err.message, stack: err.stack }, path: c.req.path },
      'unhandled',
    )
    return c.json(errorBody('internal', 'Something went wrong on the server.'), 500)
  }
}
