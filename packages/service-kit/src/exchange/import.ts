import type { EntityManager } from 'typeorm'
import type { ImportBatch, ImportDryRun, ImportPlan, ImportRowError, ImportUndo } from '@mosaic/schemas'
import type { Database } from '../db/database.js'
import { conflict, HttpError, problem } from '../errors.js'
import type { AggregateContext } from '../records/aggregate.js'
import { writeAudit } from '../records/audit.js'
import { batchRows, getBatch, KEPT_ERRORS, patchBatch } from './batches.js'
import { planImport, problemsOfRow, type Plan, type PlannedRow } from './plan.js'
import type { ExchangeDeps, ExchangeSpec } from './spec.js'

export interface ImportEnv {
  db: Database
  spec: ExchangeSpec
  deps: ExchangeDeps & { timeZone: string }
  /** Where a failed background commit is reported. */
  log: (error: unknown, batchId: string) => void
}

type Plain = { mapping: ImportPlan['mapping']; duplicates: 'skip' | 'update' }

const counts = (plan: Plan) => ({
  create: plan.rows.filter((r) => r.outcome === 'create').length,
  update: plan.rows.filter((r) => r.outcome === 'update').length,
  skip: plan.rows.filter((r) => r.outcome === 'skip').length,
})

async function runPlan(env: ImportEnv, ctx: AggregateContext, batch: ImportBatch, body: Plain) {
  const m = env.db.dataSource.manager
  const rows = await batchRows(m, batch.id)
  return planImport(m, ctx, env.spec, env.deps, { headers: batch.headers, rows, ...body })
}

/** Checks every row and keeps the result with the batch; nothing of the list is written. */
export async function dryRun(
  env: ImportEnv,
  ctx: AggregateContext,
  id: string,
  body: Plain,
): Promise<ImportDryRun> {
  const batch = await getBatch(env.db.dataSource.manager, ctx, env.spec.resource, id)
  assertStatus(batch, ['uploaded', 'checked'])
  const plan = await runPlan(env, ctx, batch, body)
  await env.db.transaction((m) =>
    patchBatch(m, id, {
      status: 'checked',
      mapping: body.mapping,
      duplicates: body.duplicates,
      errors: plan.errors.slice(0, KEPT_ERRORS),
      errorCount: plan.errors.length,
    }),
  )
  const after = await getBatch(env.db.dataSource.manager, ctx, env.spec.resource, id)
  return {
    batch: after,
    ...counts(plan),
    errors: plan.errors.slice(0, KEPT_ERRORS),
    errorCount: plan.errors.length,
  }
}

/**
 * Checks again (the data may have changed since the dry run), refuses with every problem (422),
 * else marks the batch running and writes it in the background, one transaction per chunk.
 */
export async function startCommit(
  env: ImportEnv,
  ctx: AggregateContext,
  id: string,
  body: Plain,
): Promise<ImportBatch> {
  const batch = await getBatch(env.db.dataSource.manager, ctx, env.spec.resource, id)
  assertStatus(batch, ['uploaded', 'checked'])
  const plan = await runPlan(env, ctx, batch, body)
  const kept = plan.errors.slice(0, KEPT_ERRORS)
  if (plan.errors.length) {
    await env.db.transaction((m) =>
      patchBatch(m, id, {
        status: 'checked',
        mapping: body.mapping,
        duplicates: body.duplicates,
        errors: kept,
        errorCount: plan.errors.length,
      }),
    )
    throw problem(
      422,
      'import.has_errors',
      { count: plan.errors.length },
      { rowErrors: kept, errorCount: plan.errors.length },
    )
  }
  // Claimed under the row lock: a second commit of the same batch finds it running.
  await env.db.transaction(async (m) => {
    assertStatus(await getBatch(m, ctx, env.spec.resource, id, true), ['uploaded', 'checked'])
    await patchBatch(m, id, {
      status: 'running',
      mapping: body.mapping,
      duplicates: body.duplicates,
      processed: 0,
      errors: [],
      errorCount: 0,
    })
  })
  void writeRows(env, ctx, id, plan.rows).catch(async (error) => {
    env.log(error, id)
    await env.db.transaction((m) => patchBatch(m, id, { status: 'failed', finished: true })).catch(() => {})
  })
  return getBatch(env.db.dataSource.manager, ctx, env.spec.resource, id)
}

/** Each chunk in one transaction with its entries and the progress; a refused row stops the batch there. */
async function writeRows(env: ImportEnv, ctx: AggregateContext, id: string, rows: PlannedRow[]) {
  const size = env.spec.chunkSize ?? 200
  const tally = { processed: 0, created: 0, updated: 0, skipped: 0 }
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size)
    const failure = await env.db
      .transaction(async (m) => {
        const step = { ...tally }
        const entries: EntryInput[] = []
        for (const run of runsOf(env.spec, chunk)) {
          entries.push(...(await writeRun(m, env.spec, ctx, run, step)))
          step.processed += run.length
        }
        await insertEntries(m, id, entries)
        await patchBatch(m, id, step)
        Object.assign(tally, step)
        return null
      })
      .catch((error: unknown) => refusal(error, chunk))
    if (failure) {
      const errors = [failure]
      await env.db.transaction((m) =>
        patchBatch(m, id, { status: 'failed', finished: true, errors, errorCount: 1 }),
      )
      return
    }
  }
  await env.db.transaction(async (m) => {
    await patchBatch(m, id, { ...tally, processed: rows.length, status: 'committed', finished: true })
    await writeAudit(m, ctx, {
      action: 'import',
      entityType: 'import_batch',
      entityId: id,
      entityTitle: env.spec.resource,
      // The counts as a diff, so the timeline renders them in the reader's language.
      diff: {
        created: { before: null, after: tally.created },
        updated: { before: null, after: tally.updated },
        skipped: { before: null, after: tally.skipped },
      },
    })
  })
}

interface EntryInput {
  recordId: string
  line: number
  outcome: 'created' | 'updated'
  versionBefore: number | null
  versionAfter: number
}

/** A chunk's entries in one statement. */
async function insertEntries(m: EntityManager, batchId: string, entries: EntryInput[]) {
  if (!entries.length) return
  await m.query(
    `INSERT INTO import_batch_entry (batch_id, record_id, line, outcome, version_before, version_after)
     SELECT $1, * FROM unnest($2::uuid[], $3::int[], $4::varchar[], $5::int[], $6::int[])`,
    [
      batchId,
      entries.map((e) => e.recordId),
      entries.map((e) => e.line),
      entries.map((e) => e.outcome),
      entries.map((e) => e.versionBefore),
      entries.map((e) => e.versionAfter),
    ],
  )
}

/** Which row of the chunk a domain refusal came from is carried on the error. */
function refusal(error: unknown, chunk: PlannedRow[]): ImportRowError {
  const line = (error as { importLine?: number }).importLine ?? chunk[0]!.line
  if (error instanceof HttpError) return problemsOfRow(error, line, [])[0]!
  throw error
}

/** The chunk in runs written together: consecutive creates when the spec creates in bulk, else one row each. */
function runsOf(spec: ExchangeSpec, chunk: PlannedRow[]): PlannedRow[][] {
  const runs: PlannedRow[][] = []
  for (const row of chunk) {
    const last = runs.at(-1)
    const joins = spec.createMany && row.outcome === 'create' && last?.[0]!.outcome === 'create'
    if (joins) last!.push(row)
    else runs.push([row])
  }
  return runs
}

async function writeRun(
  m: EntityManager,
  spec: ExchangeSpec,
  ctx: AggregateContext,
  run: PlannedRow[],
  step: { created: number; updated: number; skipped: number },
): Promise<EntryInput[]> {
  if (run.length === 1 || !spec.createMany) {
    const entry = await writeRow(m, spec, ctx, run[0]!, step)
    return entry ? [entry] : []
  }
  const written = await spec
    .createMany(
      m,
      ctx,
      run.map((r) => r.values),
    )
    .catch((error: unknown) => {
      const index = (error as { importIndex?: number }).importIndex ?? 0
      if (error instanceof Error) Object.assign(error, { importLine: run[index]?.line ?? run[0]!.line })
      throw error
    })
  step.created += written.length
  return written.map((w, i) => ({
    recordId: w.id,
    line: run[i]!.line,
    outcome: 'created',
    versionBefore: null,
    versionAfter: w.version,
  }))
}

async function writeRow(
  m: EntityManager,
  spec: ExchangeSpec,
  ctx: AggregateContext,
  row: PlannedRow,
  step: { created: number; updated: number; skipped: number },
): Promise<EntryInput | null> {
  if (row.outcome === 'skip') return (step.skipped++, null)
  try {
    const written =
      row.outcome === 'create'
        ? await spec.create(m, ctx, row.values)
        : await spec.update(m, ctx, row.existing!.id, row.existing!.version, row.values)
    if (row.outcome === 'create') step.created++
    else step.updated++
    return {
      recordId: written.id,
      line: row.line,
      outcome: row.outcome === 'create' ? 'created' : 'updated',
      versionBefore: row.existing?.version ?? null,
      versionAfter: written.version,
    }
  } catch (error) {
    if (error instanceof Error) Object.assign(error, { importLine: row.line })
    throw error
  }
}

interface Entry {
  record_id: string
  outcome: 'created' | 'updated'
  version_before: number | null
  version_after: number
}

/**
 * Undo of a whole batch: each record in its own transaction — created ones through the aggregate's
 * deletion rule (to the recycle bin), updated ones restored to their pre-import version — unless it
 * changed since the import (409 for that record). One result per record; the batch is audited.
 */
export async function undoBatch(env: ImportEnv, ctx: AggregateContext, id: string): Promise<ImportUndo> {
  const { db, spec } = env
  await db.transaction(async (m) => {
    const batch = await getBatch(m, ctx, spec.resource, id, true)
    if (batch.status === 'undone') throw conflict('import.already_undone')
    assertStatus(batch, ['committed', 'failed'])
    await patchBatch(m, id, { status: 'undone', undoneBy: { id: ctx.actor.id, name: ctx.actor.name ?? '' } })
  })
  const entries: Entry[] = await db.dataSource.manager.query(
    'SELECT record_id, outcome, version_before, version_after FROM import_batch_entry WHERE batch_id = $1 ORDER BY line DESC',
    [id],
  )
  const results: ImportUndo['results'] = []
  for (const entry of entries) results.push(await undoEntry(env, ctx, entry))
  const succeeded = results.filter((r) => r.ok).length
  await db.transaction((m) =>
    writeAudit(m, ctx, {
      action: 'import_undo',
      entityType: 'import_batch',
      entityId: id,
      entityTitle: spec.resource,
      diff: {
        undone: { before: null, after: succeeded },
        failed: { before: null, after: results.length - succeeded },
      },
    }),
  )
  const batch = await getBatch(db.dataSource.manager, ctx, spec.resource, id)
  return { batch, results, succeeded, failed: results.length - succeeded }
}

async function undoEntry(
  env: ImportEnv,
  ctx: AggregateContext,
  entry: Entry,
): Promise<ImportUndo['results'][number]> {
  const { spec } = env
  let title: string | null = null
  try {
    await env.db.transaction(async (m) => {
      const row = await spec.store.find(m, entry.record_id, ctx, { lock: true, access: 'write' })
      if (!row) throw problem(404, 'import.record_gone')
      title = spec.store.options.title(row)
      if (row.version !== entry.version_after)
        throw conflict('import.changed_since', { version: row.version })
      if (entry.outcome === 'created') await spec.remove(m, ctx, row.id, row.version)
      else await spec.store.restoreVersion(m, ctx, row.id, entry.version_before!, row.version)
    })
    return { id: entry.record_id, ok: true, title }
  } catch (error) {
    if (!(error instanceof HttpError)) throw error
    const coded = { code: error.code, ...(error.params ? { params: error.params } : {}) }
    return { id: entry.record_id, ok: false, title, status: error.status, error: error.detail, ...coded }
  }
}

function assertStatus(batch: ImportBatch, allowed: ImportBatch['status'][]) {
  if (!allowed.includes(batch.status)) throw conflict('import.batch_state', { status: batch.status })
}
