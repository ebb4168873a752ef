/**
 * Ties a route's zod body schema to its request type in the shared HTTP contract
 * (shared/api/contract.ts), at compile time: the schema must yield that type, accept every value
 * of it, and know exactly its fields. So the schema (what the server accepts) and the shared type
 * (what the client sends) cannot drift apart; a mismatch fails the typecheck at the schema. At
 * runtime this is the identity.
 */
import type { z } from 'zod'

/** True when the schema's fields and types are the shared type's. */
type Matches<T, S extends z.ZodType> = [T] extends [z.input<S>]
  ? [Exclude<keyof T, keyof z.input<S>> | Exclude<keyof z.output<S>, keyof T>] extends [never]
    ? true
    : false
  : false

/** `bodySchema<JoinRequest>()(z.object({...}).strict())` */
export function bodySchema<T>() {
  return <S extends z.ZodType<T>>(
    schema: S & (Matches<T, S> extends true ? unknown : { 'differs from the shared request type': T }),
  ): S => schema
}
