/**
 * The export file of one workshop (format `ratswerkstatt-export`, version 1): a JSON document
 * with a manifest and one member per part. The manifest holds the SHA-256 of each part's
 * canonical JSON; binary states (board, desks, snapshots, photos) are base64. Table parts are rows of
 * the columns listed here, without the workshop id; the same list drives export and import,
 * so a column name never comes from the file.
 */
import { z } from 'zod'
import { GROUPS } from '../../shared/policy/roles.ts'

export const EXPORT_FORMAT = 'ratswerkstatt-export'
/** 2: adds paper votes and voters, speaking times and card photos (version 1 files lack them). */
export const EXPORT_VERSION = 2

/** `group`: citizen, councillor or staff; `count`: a whole number from 1 (as the tables check). */
type ColumnType = 'text' | 'int' | 'blob' | 'text?' | 'int?' | 'group' | 'count'

/** The workshop's rows in each table, in a stable order. */
export const TABLE_PARTS = {
  participants: {
    table: 'participants',
    order: 'created_at, id',
    // Pseudonymous as stored; account and device links are this instance's and stay here.
    columns: { id: 'text', name: 'text', role: 'text', created_at: 'int', removed_at: 'int?' },
  },
  snapshots: {
    table: 'snapshots',
    order: 'created_at, id',
    columns: {
      id: 'text',
      label: 'text',
      phase: 'text?',
      state: 'blob',
      created_by: 'text',
      created_at: 'int',
    },
  },
  // No `votes` part: the file goes to facilitators, and a ballot names its voter. The results
  // (`voteResults`, computed at the first reveal under the secrecy rule) are what the minutes need.
  voteReveals: {
    table: 'vote_reveals',
    order: 'phase_id',
    columns: { phase_id: 'text', revealed_at: 'int' },
  },
  voteResults: {
    table: 'vote_results',
    order: 'phase_id',
    columns: { phase_id: 'text', results: 'text' },
  },
  cardRecords: {
    table: 'card_records',
    order: 'card_id',
    columns: {
      card_id: 'text',
      author_id: 'text',
      state: 'text',
      reason: 'text?',
      decided_by: 'text?',
      at: 'int',
    },
  },
  hiddenCards: {
    table: 'hidden_cards',
    order: 'card_id',
    columns: {
      card_id: 'text',
      text: 'text',
      author_id: 'text?',
      reason: 'text',
      hidden_by: 'text',
      hidden_at: 'int',
    },
  },
  paperVotes: {
    table: 'paper_votes',
    order: 'phase_id, card_id, voter_group',
    columns: {
      phase_id: 'text',
      card_id: 'text',
      voter_group: 'group',
      points: 'count',
      entered_by: 'text',
      entered_at: 'int',
    },
  },
  paperVoters: {
    table: 'paper_voters',
    order: 'phase_id, voter_group',
    columns: {
      phase_id: 'text',
      voter_group: 'group',
      voters: 'count',
      entered_by: 'text',
      entered_at: 'int',
    },
  },
  speakingTimes: {
    table: 'speaking_times',
    order: 'started_at, id',
    // duration_ms is a generated column and follows from the two times.
    columns: {
      id: 'text',
      participant_id: 'text?',
      name: 'text?',
      role: 'text?',
      on_behalf: 'int',
      phase_id: 'text?',
      phase_name: 'text?',
      started_at: 'int',
      ended_at: 'int?',
    },
  },
  cardPhotos: {
    table: 'card_photos',
    order: 'card_id, version',
    columns: {
      card_id: 'text',
      version: 'text',
      image: 'blob',
      width: 'int',
      height: 'int',
      thumbnail: 'blob',
      uploaded_by: 'text',
      uploaded_at: 'int',
    },
  },
} as const satisfies Record<string, { table: string; order: string; columns: Record<string, ColumnType> }>

export type TablePart = keyof typeof TABLE_PARTS
export type Row = Record<string, string | number | null>

/** Every part, in the order an import checks them: the log first, so an edit names its entry. */
export const PART_NAMES = [
  'log',
  'snapshots',
  'workshop',
  'board',
  'desks',
  ...(Object.keys(TABLE_PARTS) as TablePart[]),
] as const
export type PartName = (typeof PART_NAMES)[number]

const columnSchema: Record<ColumnType, z.ZodType> = {
  text: z.string().max(1_000_000),
  'text?': z.string().max(1_000_000).nullable(),
  int: z.number().int(),
  'int?': z.number().int().nullable(),
  blob: z.base64(),
  group: z.enum(GROUPS),
  count: z.number().int().positive(),
}

export function rowSchema(part: TablePart): z.ZodType<Row> {
  const shape = Object.fromEntries(
    Object.entries(TABLE_PARTS[part].columns).map(([name, type]) => [name, columnSchema[type as ColumnType]]),
  )
  return z.array(z.object(shape).strict()) as unknown as z.ZodType<Row>
}

const sha256 = z.string().regex(/^[0-9a-f]{64}$/)

export const manifestSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    workshop: z.object({ id: z.string().min(1).max(64), title: z.string() }).strict(),
    createdAt: z.number().int(),
    parts: z.record(z.string(), sha256),
  })
  .strict()
export type Manifest = z.infer<typeof manifestSchema>

export const workshopPartSchema = z
  .object({
    title: z.string().min(1).max(200),
    template: z.string().max(64).nullable(),
    createdAt: z.number().int(),
    joining: z.boolean(),
    guestCap: z.number().int().nullable(),
  })
  .strict()
export type WorkshopPart = z.infer<typeof workshopPartSchema>

export const desksPartSchema = z.array(
  z.object({ participantId: z.string().min(1).max(64), state: z.base64() }).strict(),
)
export type DesksPart = z.infer<typeof desksPartSchema>

export const logEntrySchema = z
  .object({
    seq: z.number().int().positive(),
    at: z.number().int(),
    kind: z.string().min(1).max(64),
    actor: z
      .object({
        role: z.string().max(32),
        participant: z.string().max(64).optional(),
        account: z.string().max(64).optional(),
        name: z.string().max(200).optional(),
      })
      .strict(),
    data: z.record(z.string(), z.unknown()),
    prevHash: sha256,
    hash: sha256,
  })
  .strict()

/** The whole file as written (parts as their JSON values). */
export interface ExportFile {
  manifest: Manifest
  log: unknown[]
  snapshots: Row[]
  workshop: WorkshopPart
  board: string
  desks: DesksPart
  participants: Row[]
  voteReveals: Row[]
  voteResults: Row[]
  cardRecords: Row[]
  hiddenCards: Row[]
  paperVotes: Row[]
  paperVoters: Row[]
  speakingTimes: Row[]
  cardPhotos: Row[]
}

export const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'))
export const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64')
