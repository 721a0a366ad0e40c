import { randomUUID } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import type { AuditEntry } from '@mosaic/schemas'

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
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
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

export interface AuditInput {
  action: string
  entityType: string
  entityId: string
  /** The record's human label at the time (e.g. "Alice (alice)"). */
  entityTitle?: string | null
  diff?: Diff
  note?: string | null
}

/** Writes one audit row through the caller's transaction manager, so it commits or rolls back with the change. */
export async function writeAudit(m: EntityManager, ctx: ActionContext, input: AuditInput): Promise<void> {
  await m.query(
    `INSERT INTO audit_log (id, actor_id, actor_name, action, entity_type, entity_id, entity_title, diff, note, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      randomUUID(),
      ctx.actor.id,
      ctx.actor.name,
      input.action,
      input.entityType,
      input.entityId,
      input.entityTitle?.slice(0, 200) ?? null,
      JSON.stringify(input.diff ?? {}),
      input.note ?? null,
      ctx.requestId ?? null,
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
  return rows.map(toAuditEntry)
}
