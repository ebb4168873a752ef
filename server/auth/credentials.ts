/** What a username and a password must look like: one rule for the API and the admin script. */
import { z } from 'zod'

export const usernameSchema = z
  .string()
  .trim()
  .min(2, 'Der Benutzername braucht mindestens 2 Zeichen.')
  .max(64)
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'Der Benutzername darf nur Buchstaben, Ziffern und . _ @ - enthalten.')
export const passwordSchema = z.string().min(10, 'Das Passwort braucht mindestens 10 Zeichen.').max(256)
