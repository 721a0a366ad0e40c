import { randomUUID } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import { isAuditAction, type AuditAction, type AuditEntry } from '@mosaic/schemas'

export interface Actor {
  id: string | null
  name: string | null
}

/** Who is acting and under which request: carried into every audit row. */
export interface ActionContext {
  actor: Actor
  requestId?: string
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' }

export type Diff = Record<string, { before: unknown; after: unknown }>

/** Normalises values so that equal data compares equal (dates, numerics as strings, arrays). */
export function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (value === undefined) return null
  return value
}

/** JSON with object keys sorted: jsonb reorders keys, so key order must not count as a change. */
function canonicalJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  )
}

export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  options: { ignore?: readonly string[]; secret?: readonly string[] } = {},
): Diff {
  const ignore = new Set(options.ignore ?? [])
  const secret = new Set(options.secret ?? [])
  // A creation (or a purge) lists every field that has a value: nothing to compare against.
  if (!before || !after) return presentFields((before ?? after)!, before ? 'before' : 'after', ignore, secret)
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  const diff: Diff = {}
  for (const key of keys) {
    if (ignore.has(key)) continue
    const b = normalise(before?.[key])
    const a = normalise(after?.[key])
    if (canonicalJson(b) === canonicalJson(a)) continue
    // A secret's change is recorded, never its value.
    diff[key] = secret.has(key)
      ? { before: b === null ? null : '***', after: a === null ? null : '***' }
      : { before: b, after: a }
  }
  return diff
}

function presentFields(
  values: Record<string, unknown> | null,
  side: 'before' | 'after',
  ignore: Set<string>,
  secret: Set<string>,
): Diff {
  const diff: Diff = {}
  for (const [key, raw] of Object.entries(values ?? {})) {
    const value = normalise(raw)
    if (ignore.has(key) || value === null) continue
    const shown = secret.has(key) ? '***' : value
    diff[key] = side === 'after' ? { before: null, after: shown } : { before: shown, after: null }
  }
  return diff
}

export interface AuditInput {
  /** One of `AUDIT_ACTIONS` (@mosaic/schemas): the UI labels it in both languages. */
  action: AuditAction
  entityType: string
  entityId: string
  /** The record's human label at the time (e.g. "Alice (alice)"). */
  entityTitle?: string | null
  diff?: Diff
  note?: string | null
}

/** Writes one audit row through the caller's transaction manager, so it commits or rolls back with the change. */
export function writeAudit(m: EntityManager, ctx: ActionContext, input: AuditInput): Promise<void> {
  return writeAudits(m, ctx, [input])
}

/** Audit rows of one action context in one statement (a batch: an import chunk writes hundreds). */
export async function writeAudits(m: EntityManager, ctx: ActionContext, inputs: AuditInput[]): Promise<void> {
  if (!inputs.length) return
  // A programming error, caught by the services' tests: every action needs its labels first.
  for (const input of inputs)
    if (!isAuditAction(input.action))
      throw new Error(`Audit action "${String(input.action)}" is not in AUDIT_ACTIONS (@mosaic/schemas)`)
  await m.query(
    `INSERT INTO audit_log (id, actor_id, actor_name, action, entity_type, entity_id, entity_title, diff, note, request_id)
     SELECT id, $1::uuid, $2::varchar, action, entity_type, entity_id, entity_title, diff, note, $3::varchar
     FROM ROWS FROM (
       unnest($4::uuid[]), unnest($5::varchar[]), unnest($6::varchar[]), unnest($7::varchar[]),
       unnest($8::varchar[]), jsonb_array_elements($9::jsonb), unnest($10::text[])
     ) AS t(id, action, entity_type, entity_id, entity_title, diff, note)`,
    [
      ctx.actor.id,
      ctx.actor.name,
      ctx.requestId ?? null,
      inputs.map(() => randomUUID()),
      inputs.map((i) => i.action),
      inputs.map((i) => i.entityType),
      inputs.map((i) => i.entityId),
      inputs.map((i) => i.entityTitle?.slice(0, 200) ?? null),
      // One JSON document for all the diffs: parsed once, not as an array literal of escaped texts.
      JSON.stringify(inputs.map((i) => i.diff ?? {})),
      inputs.map((i) => i.note ?? null),
    ],
  )
}

interface AuditRow {
  id: string
  at: Date
  actor_id: string | null
  actor_name: string | null
  action: string
  entity_type: string
  entity_id: string
  entity_title: string | null
  diff: AuditEntry['diff']
  note: string | null
  request_id: string | null
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    entityTitle: row.entity_title,
    diff: row.diff,
    note: row.note,
    requestId: row.request_id,
  }
}

export async function auditOf(m: EntityManager, entityType: string, entityId: string): Promise<AuditEntry[]> {
  const rows: AuditRow[] = await m.query(
    'SELECT * FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY seq DESC LIMIT 500',
    [entityType, entityId],
  )
  return withNames(m, rows.map(toAuditEntry))
}

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Every UUID inside a value (strings, arrays, nested objects): the ids a diff or snapshot refers to. */
export function idsIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    if (UUID_TEXT.test(value)) into.add(value.toLowerCase())
  } else if (Array.isArray(value)) {
    for (const v of value) idsIn(v, into)
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) idsIn(v, into)
  }
  return into
}

/**
 * Display names of the given ids, from the service's `directory_name` view (id, name): each
 * service defines it over what it has — admin over its users, departments and roles, the others
 * over their user and department replicas. A service without the view names nothing.
 */
export async function namesOf(m: EntityManager, ids: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set(ids)]
  if (!list.length) return new Map()
  const [{ view }] = await m.query(`SELECT to_regclass('directory_name') IS NOT NULL AS view`)
  if (!view) return new Map()
  const rows: Array<{ id: string; name: string }> = await m.query(
    'SELECT id::text AS id, name FROM directory_name WHERE id = ANY($1::uuid[])',
    [list],
  )
  return new Map(rows.map((r) => [r.id, r.name]))
}

/**
 * Adds `names` (id → display name) to each entry for the users, departments and roles its diff
 * and actor refer to, resolved in one query for the whole page.
 */
export async function withNames<E extends { actorId: string | null; names?: Record<string, string> }>(
  m: EntityManager,
  entries: E[],
  valuesOf: (e: E) => unknown = (e) => (e as { diff?: unknown }).diff,
): Promise<E[]> {
  const idsOf = (e: E) => {
    const ids = idsIn(valuesOf(e))
    if (e.actorId) ids.add(e.actorId.toLowerCase())
    return ids
  }
  const perEntry = entries.map(idsOf)
  const names = await namesOf(
    m,
    perEntry.flatMap((s) => [...s]),
  )
  return entries.map((e, i) => ({
    ...e,
    names: Object.fromEntries(
      [...perEntry[i]!].flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : [])),
    ),
  }))
}
