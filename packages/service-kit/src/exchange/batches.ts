import { randomUUID } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import type { ImportBatch, ImportRowError } from '@mosaic/schemas'
import type { AggregateContext } from '../records/aggregate.js'
import { notFound } from '../errors.js'
import type { SheetData, SheetRow } from './read-file.js'

/** At most this many row errors are kept with a batch (`errorCount` has them all). */
export const KEPT_ERRORS = 1000

const COLUMNS = `id, resource, file_name, status, headers, mapping, duplicates, total, processed, created, updated,
  skipped, errors, error_count, created_by, created_by_name, created_at, finished_at, undone_at, undone_by, undone_by_name`

interface BatchRow {
  id: string
  resource: string
  file_name: string
  status: ImportBatch['status']
  headers: string[]
  mapping: ImportBatch['mapping']
  duplicates: ImportBatch['duplicates']
  total: number
  processed: number
  created: number
  updated: number
  skipped: number
  errors: ImportRowError[]
  error_count: number
  created_by: string | null
  created_by_name: string
  created_at: Date
  finished_at: Date | null
  undone_at: Date | null
  undone_by: string | null
  undone_by_name: string | null
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null)

function present(r: BatchRow): ImportBatch {
  return {
    id: r.id,
    resource: r.resource,
    fileName: r.file_name,
    status: r.status,
    headers: r.headers,
    mapping: r.mapping,
    duplicates: r.duplicates,
    total: r.total,
    processed: r.processed,
    created: r.created,
    updated: r.updated,
    skipped: r.skipped,
    errors: r.errors,
    errorCount: r.error_count,
    createdBy: { id: r.created_by, name: r.created_by_name },
    createdAt: iso(r.created_at)!,
    finishedAt: iso(r.finished_at),
    undoneAt: iso(r.undone_at),
    undoneBy: r.undone_at ? { id: r.undone_by, name: r.undone_by_name ?? '' } : null,
  }
}

/** Admins whose data scope is `all` see everyone's batches; anyone else only their own. */
const seesAll = (ctx: AggregateContext) => ctx.principal.dataScope === 'all'

export async function insertBatch(
  m: EntityManager,
  ctx: AggregateContext,
  o: { resource: string; fileName: string; format: string; sheet: SheetData },
): Promise<ImportBatch> {
  const id = randomUUID()
  const rows = o.sheet.rows.map((r) => [r.line, ...r.cells])
  await m.query(
    `INSERT INTO import_batch (id, resource, file_name, format, status, headers, rows, total, created_by, created_by_name)
     VALUES ($1, $2, $3, $4, 'uploaded', $5, $6, $7, $8, $9)`,
    [
      id,
      o.resource,
      o.fileName,
      o.format,
      JSON.stringify(o.sheet.headers),
      JSON.stringify(rows),
      rows.length,
      ctx.actor.id,
      ctx.actor.name ?? ctx.principal.username,
    ],
  )
  return getBatch(m, ctx, o.resource, id)
}

/** The batch if the caller may see it (404 otherwise, like a record outside the scope). */
export async function getBatch(
  m: EntityManager,
  ctx: AggregateContext,
  resource: string,
  id: string,
  lock = false,
): Promise<ImportBatch> {
  const [row]: BatchRow[] = await m.query(
    `SELECT ${COLUMNS} FROM import_batch WHERE id = $1 AND resource = $2 ${lock ? 'FOR UPDATE' : ''}`,
    [id, resource],
  )
  if (!row || (!seesAll(ctx) && row.created_by !== ctx.actor.id)) throw notFound()
  return present(row)
}

export async function listBatches(m: EntityManager, ctx: AggregateContext, resource: string) {
  const rows: BatchRow[] = await m.query(
    `SELECT ${COLUMNS} FROM import_batch WHERE resource = $1 ${seesAll(ctx) ? '' : 'AND created_by = $2'}
     ORDER BY created_at DESC LIMIT 100`,
    seesAll(ctx) ? [resource] : [resource, ctx.actor.id],
  )
  return rows.map(present)
}

export async function batchRows(m: EntityManager, id: string): Promise<SheetRow[]> {
  const [{ rows }] = await m.query('SELECT rows FROM import_batch WHERE id = $1', [id])
  return (rows as [number, ...string[]][]).map(([line, ...cells]) => ({ line, cells }))
}

type BatchPatch = Partial<{
  status: ImportBatch['status']
  mapping: ImportBatch['mapping']
  duplicates: ImportBatch['duplicates']
  processed: number
  created: number
  updated: number
  skipped: number
  errors: ImportRowError[]
  errorCount: number
  finished: boolean
  undoneBy: { id: string | null; name: string }
}>

const COLUMN_OF: Record<string, string> = { errorCount: 'error_count' }

export async function patchBatch(m: EntityManager, id: string, patch: BatchPatch): Promise<void> {
  const sets: string[] = []
  const params: unknown[] = [id]
  const set = (column: string, value: unknown) => {
    params.push(value)
    sets.push(`${column} = $${params.length}`)
  }
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue
    if (key === 'finished') sets.push('finished_at = now()')
    else if (key === 'undoneBy') {
      const who = value as { id: string | null; name: string }
      sets.push('undone_at = now()')
      set('undone_by', who.id)
      set('undone_by_name', who.name)
    } else if (key === 'mapping' || key === 'errors') set(key, JSON.stringify(value))
    else set(COLUMN_OF[key] ?? key, value)
  }
  if (sets.length) await m.query(`UPDATE import_batch SET ${sets.join(', ')} WHERE id = $1`, params)
}
