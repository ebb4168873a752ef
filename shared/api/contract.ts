/**
 * The HTTP contract shared by server and client: the request and response body of every JSON
 * endpoint of docs/api.md, and the error body with its codes. Server routes answer through these
 * types (`c.json(body satisfies X)`) and check their zod schemas against the request types
 * (server/http/read-json.ts, `BodySchema`); the browser client names them in `api<X>()`. A changed
 * shape therefore fails the typecheck of both sides.
 *
 * Why plain shared types and not Hono's RPC client (`hc<AppType>`): that needs every route
 * chained into one exported app type, across ten route files that are built as separate Hono
 * instances and mounted with `app.route`; it would also pull Hono's types into the client and
 * tie the public interface v1 (used by non-browser clients) to one framework's inference. Plain
 * interfaces in `shared/` cost nothing at runtime and are readable as documentation.
 */
export type * from './auth.ts'
export type * from './clusters.ts'
export type * from './errors.ts'
export type * from './facilitation.ts'
export type * from './hands.ts'
export type * from './history.ts'
export type * from './minutes.ts'
export type * from './paper-votes.ts'
export type * from './photos.ts'
export type * from './records.ts'
export type * from './retention.ts'
export type * from './votes.ts'
export type * from './workshops.ts'
