/**
 * Reads an export file back as a new workshop. Nothing is trusted before it is recomputed: the
 * log's chain (an edited entry is named by its sequence number), every snapshot against the hash
 * the log vouches for, then every part against the manifest; only a file that passes all of it
 * is written, in one transaction, under a new workshop id and join code, with the log copied
 * entry by entry and continued by `workshop.imported` (which names the new id and the file's
 * SHA-256). Ids of participants, cards, snapshots and speeches are kept, so the minutes come out
 * the same.
 */
import { z } from 'zod'
import type { AuditActor, AuditService } from '../audit/audit-service.ts'
import { hashOf, sha256Hex } from '../audit/canonical.ts'
import { checkChain, checkSnapshots, type LogEntry } from '../audit/chain.ts'
import type { SqlDatabase, SqlQueries } from '../db/sql-database.ts'
import { boardRoomName, deskRoomName } from '../sync/workshop-rooms.ts'
import type { WorkshopStore } from '../workshops/workshop-store.ts'
import {
  type DesksPart,
  desksPartSchema,
  fromBase64,
  logEntrySchema,
  type Manifest,
  manifestSchema,
  PART_NAMES,
  type Row,
  rowSchema,
  TABLE_PARTS,
  type TablePart,
  type WorkshopPart,
  workshopPartSchema,
} from './export-format.ts'

/** The file does not match itself: `where` names the part, entry or snapshot. */
export class ExportAltered extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${where}: ${reason}`)
    this.name = 'ExportAltered'
  }
}

/** This instance already holds participants or snapshots of that file (imported before). */
export class ImportConflict extends Error {}

export interface CheckedExport {
  manifest: Manifest
  log: LogEntry[]
  workshop: WorkshopPart
  board: string
  desks: DesksPart
  tables: Record<TablePart, Row[]>
  sha256: string
}

function parsePart<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new ExportAltered(where, `malformed at ${issue?.path.join('.') || 'top'}: ${issue?.message ?? ''}`)
}

/** Recomputes every hash of the file; throws ExportAltered naming the first that does not match. */
export function checkExport(text: string): CheckedExport {
  let file: Record<string, unknown>
  try {
    file = JSON.parse(text) as Record<string, unknown>
  } catch {
    throw new ExportAltered('file', 'not complete JSON (truncated or damaged)')
  }
  if (typeof file !== 'object' || file === null || Array.isArray(file))
    throw new ExportAltered('file', 'not an export')
  const manifest = parsePart(manifestSchema, file.manifest, 'manifest')
  for (const name of PART_NAMES) {
    if (!(name in file) || !(name in manifest.parts)) throw new ExportAltered(`part ${name}`, 'missing')
  }
  const known = new Set<string>(['manifest', ...PART_NAMES])
  const extra = [...Object.keys(file), ...Object.keys(manifest.parts)].find((name) => !known.has(name))
  if (extra) throw new ExportAltered(`part ${extra}`, 'unknown')
  const log = parsePart(z.array(logEntrySchema), file.log, 'part log') as LogEntry[]
  const chain = checkChain(log, manifest.workshop.id)
  if (chain) throw new ExportAltered(`log entry ${chain.id}`, chain.reason)
  const snapshots = parsePart(rowSchema('snapshots'), file.snapshots, 'part snapshots') as unknown as Row[]
  const states = snapshots.map((s) => ({ id: String(s.id), state: fromBase64(String(s.state)) }))
  const vouched = checkSnapshots(states, log)
  if (vouched) throw new ExportAltered(`snapshot ${vouched.id}`, vouched.reason)
  for (const name of PART_NAMES) {
    if (hashOf(file[name]) !== manifest.parts[name]) throw new ExportAltered(`part ${name}`, 'hash-mismatch')
  }
  const tables = Object.fromEntries(
    (Object.keys(TABLE_PARTS) as TablePart[]).map((part) => [
      part,
      parsePart(rowSchema(part), file[part], `part ${part}`) as unknown as Row[],
    ]),
  ) as Record<TablePart, Row[]>
  const desks = parsePart(desksPartSchema, file.desks, 'part desks')
  const people = new Set(tables.participants.map((p) => p.id))
  const stranger = desks.find((d) => !people.has(d.participantId))
  if (stranger) throw new ExportAltered('part desks', `desk of unknown participant ${stranger.participantId}`)
  return {
    manifest,
    log,
    workshop: parsePart(workshopPartSchema, file.workshop, 'part workshop'),
    board: parsePart(z.base64(), file.board, 'part board'),
    desks,
    tables,
    sha256: sha256Hex(text),
  }
}

async function insertRows(
  tx: SqlQueries,
  workshopId: string,
  part: TablePart,
  rows: readonly Row[],
): Promise<void> {
  const { table, columns } = TABLE_PARTS[part]
  const names = Object.keys(columns)
  const blobs = new Set(names.filter((n) => (columns as Record<string, string>)[n] === 'blob'))
  const insert = `INSERT INTO ${table} (workshop_id, ${names.join(', ')}) VALUES (?, ${names.map(() => '?').join(', ')})`
  for (const [index, row] of rows.entries()) {
    try {
      await tx.run(insert, [
        workshopId,
        ...names.map((n) => (blobs.has(n) ? Buffer.from(fromBase64(String(row[n]))) : (row[n] ?? null))),
      ])
    } catch (err) {
      // A row the table's own checks refuse (a key twice, a value out of range) is a file that
      // does not match itself, not a fault of this instance.
      // PostgreSQL's serialization failures are the transaction's to retry.
      const code = (err as { code?: unknown }).code
      if (code === '40001' || code === '40P01') throw err
      const reason = err instanceof Error ? err.message : String(err)
      throw new ExportAltered(`part ${part}`, `row ${index + 1} refused by the database: ${reason}`)
    }
  }
}

/** Ids that must stay the same (they are in the board, the log and the minutes) and are taken here. */
async function takenIds(tx: SqlQueries, checked: CheckedExport): Promise<string | null> {
  const exists = async (sql: string, id: unknown) => (await tx.get(sql, [String(id)])) !== undefined
  for (const p of checked.tables.participants)
    if (await exists('SELECT 1 FROM participants WHERE id = ?', p.id)) return `participant ${p.id}`
  for (const s of checked.tables.snapshots)
    if (await exists('SELECT 1 FROM snapshots WHERE id = ?', s.id)) return `snapshot ${s.id}`
  for (const s of checked.tables.speakingTimes)
    if (await exists('SELECT 1 FROM speaking_times WHERE id = ?', s.id)) return `speaking time ${s.id}`
  return null
}

/** Writes a checked file as a new workshop owned by `ownerId`, in one transaction; its id and join code. */
export function importWorkshop(
  deps: { sql: SqlDatabase; workshops: WorkshopStore; audit: AuditService },
  checked: CheckedExport,
  ownerId: string,
  actor: AuditActor,
): Promise<{ id: string; joinCode: string }> {
  return deps.sql.transaction(async (tx) => {
    const taken = await takenIds(tx, checked)
    if (taken) throw new ImportConflict(`This instance already holds ${taken}: the file was imported before.`)
    const { workshops, audit } = deps
    const workshop = await workshops.create(
      {
        title: checked.workshop.title,
        template: checked.workshop.template,
        ownerId,
        createdAt: checked.workshop.createdAt,
      },
      tx,
    )
    if (!checked.workshop.joining) await workshops.setJoining(workshop.id, false, tx)
    await workshops.setGuestCap(workshop.id, checked.workshop.guestCap, tx)
    await insertRows(tx, workshop.id, 'participants', checked.tables.participants)
    for (const part of Object.keys(TABLE_PARTS) as TablePart[]) {
      if (part !== 'participants') await insertRows(tx, workshop.id, part, checked.tables[part])
    }
    const room = 'INSERT INTO room_state (room, state, last_seq) VALUES (?, ?, 0)'
    await tx.run(room, [boardRoomName(workshop.id), Buffer.from(fromBase64(checked.board))])
    for (const desk of checked.desks)
      await tx.run(room, [deskRoomName(workshop.id, desk.participantId), Buffer.from(fromBase64(desk.state))])
    await audit.log.insertSealed(workshop.id, checked.log, tx)
    await audit.record(
      workshop.id,
      'workshop.imported',
      actor,
      {
        workshop: workshop.id,
        source: checked.manifest.workshop.id,
        exportedAt: checked.manifest.createdAt,
        sha256: checked.sha256,
      },
      tx,
    )
    // What was written must verify where it now lies, or nothing of it stays.
    const verified = await audit.verify(workshop.id, tx)
    if (!verified.ok)
      throw new ExportAltered(
        `${verified.firstBroken.kind} ${verified.firstBroken.id}`,
        verified.firstBroken.reason,
      )
    return { id: workshop.id, joinCode: workshop.joinCode }
  })
}
