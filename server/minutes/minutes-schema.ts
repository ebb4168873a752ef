/**
 * The published schema of the minutes' JSON format (format "ratswerkstatt-minutes", version 2).
 * The zod schema is bound to the shared MinutesData type, so the two cannot drift apart;
 * docs/minutes.schema.json is its JSON Schema (z.toJSONSchema), served at
 * GET /api/minutes.schema.json, and a test keeps the file equal to it.
 */

import { z } from 'zod'
import type { MinutesData } from '../../shared/minutes/minutes-data.ts'
import { GROUPS } from '../../shared/policy/roles.ts'
import { bodySchema } from '../http/body-schema.ts'

const time = z.number().int().describe('milliseconds since 1970-01-01T00:00:00Z')
const groups = z
  .object({
    citizen: z.number().int().nullable(),
    councillor: z.number().int().nullable(),
    staff: z.number().int().nullable(),
  })
  .strict()
const group = z.enum(GROUPS)

const card = z
  .object({
    id: z.string(),
    text: z.string(),
    color: z.string(),
    authorName: z.string().nullable(),
    authorRole: z.string().nullable(),
    authorGroup: group
      .nullable()
      .describe('The group the card counts for (an entered card: the group it was entered for).'),
    enteredBy: z
      .string()
      .nullable()
      .describe('The assistant who entered this card for someone in the room (authorName is then theirs).'),
    photo: z.boolean().describe('A photo of the paper card is attached (GET …/cards/:cardId/photo).'),
    photoThumbnail: z
      .string()
      .optional()
      .describe('Never in the JSON file: the documents (HTML, PDF, DOCX) embed a JPEG thumbnail.'),
    edited: z.object({ by: z.string(), at: time }).strict().nullable(),
    createdAt: time,
  })
  .strict()

const paperSummary = z
  .object({
    points: z.number().int().describe('Points counted by hand in the published figures (0 when withheld).'),
    voters: z.number().int().nullable().describe('People who voted on paper; null when withheld.'),
    withheld: z
      .array(z.enum(['devices', 'paper']))
      .describe('Sources with fewer voters than minGroupSize, left out of every figure.'),
  })
  .strict()
  .nullable()
  .describe('Hand-counted dots in the results; null when none were entered.')

const speech = z
  .object({
    phaseId: z.string().nullable(),
    phaseName: z.string().nullable(),
    name: z.string().nullable().describe('Null where the phase did not show authors.'),
    role: z.string().nullable(),
    onBehalf: z.boolean().describe('Someone in the room without a device, whose hand an assistant raised.'),
    startedAt: time,
    endedAt: time.nullable().describe('Null: still speaking when the snapshot was taken.'),
    durationMs: z.number().int().nullable(),
  })
  .strict()

/** One end of a connector: a card (its text, '' when hidden) or a frame (its title). */
const connectionEnd = z
  .object({ kind: z.enum(['card', 'frame']), id: z.string(), text: z.string(), hidden: z.boolean() })
  .strict()

const contribution = z.object({ cards: z.number().int(), entered: z.number().int() }).strict()

const results = z
  .object({
    phaseId: z.string(),
    phaseName: z.string(),
    method: z.enum(['dots', 'points']),
    tooFewVoters: z.boolean(),
    voters: z.object({ total: z.number().int().nullable(), byGroup: groups }).strict(),
    hiddenGroups: z.array(group),
    minGroupSize: z.number().int(),
    rows: z.array(
      z
        .object({
          cardId: z.string(),
          text: z.string(),
          total: z.number(),
          byGroup: groups,
          paper: z.number().nullable().describe('Of total, the points counted by hand; null: no paper.'),
        })
        .strict(),
    ),
    disagreements: z.array(z.object({ cardId: z.string(), text: z.string(), spread: z.number() }).strict()),
    paper: paperSummary,
  })
  .strict()
  .describe('Vote results as stored at the reveal: the secrecy rules are already applied (null: withheld).')

const measure = z
  .object({
    id: z.string(),
    title: z.string(),
    cardId: z.string().nullable(),
    owner: z.string(),
    department: z.string(),
    due: z.string().describe('YYYY-MM-DD, or empty'),
    createdAt: time,
  })
  .strict()

const section = z
  .object({
    phaseId: z.string().nullable(),
    name: z.string().nullable(),
    frames: z.array(z.object({ title: z.string().nullable(), cards: z.array(card) }).strict()),
    hiddenCards: z
      .array(z.object({ id: z.string(), reason: z.string(), by: z.string(), at: time }).strict())
      .describe('Hidden cards: who hid them and why, never their text.'),
    results: z.array(results),
    measures: z.array(measure),
    edits: z.array(
      z
        .object({
          cardId: z.string(),
          cardText: z.string(),
          authorName: z.string().nullable(),
          authorRole: z.string().nullable(),
          by: z.string(),
          at: time,
        })
        .strict(),
    ),
  })
  .strict()

export const minutesSchema = bodySchema<MinutesData>()(
  z
    .object({
      format: z.literal('ratswerkstatt-minutes'),
      version: z.literal(2),
      workshop: z.object({ id: z.string(), title: z.string(), place: z.string().nullable() }).strict(),
      snapshot: z
        .object({ id: z.string(), label: z.string(), createdAt: time, createdBy: z.string() })
        .strict(),
      date: z.object({ start: time, end: time }).strict(),
      facilitators: z.array(z.string()),
      attendance: z
        .object({
          namesShown: z.boolean(),
          total: z.number().int(),
          byRole: z.array(
            z
              .object({ role: z.string(), count: z.number().int(), names: z.array(z.string()).nullable() })
              .strict(),
          ),
        })
        .strict(),
      contributions: z
        .object({ citizen: contribution, councillor: contribution, staff: contribution })
        .strict()
        .describe(
          'Cards per group they count for (hidden ones too), and how many an assistant entered from paper.',
        ),
      agenda: z.array(
        z
          .object({
            phaseId: z.string(),
            name: z.string(),
            prompt: z.string(),
            current: z.boolean(),
            periods: z.array(z.object({ start: time.nullable(), end: time.nullable() }).strict()),
          })
          .strict(),
      ),
      sections: z.array(section),
      speeches: z.array(speech).describe('Wortmeldungen: speaking times up to the snapshot, oldest first.'),
      connections: z
        .array(z.object({ from: connectionEnd, to: connectionEnd }).strict())
        .describe('Verbindungen: connectors between cards and frames, oldest first.'),
      integrity: z.object({ snapshotHash: z.string(), logHead: z.string() }).strict().optional(),
    })
    .strict(),
)

/** The JSON Schema document (draft 2020-12) of the minutes' JSON format. */
export function minutesJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(minutesSchema, { target: 'draft-2020-12' }),
    title: 'Ratswerkstatt minutes (Protokoll), JSON format version 2',
  }
}
