import { randomUUID } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { AuditAction, AuditEntry, VersionEntry } from '@mosaic/schemas'
import { conflict, forbidden, notFound, preconditionFailed } from '../errors.js'
import { insertRows } from './bulk-insert.js'
import { auditOf, diffRecords, normalise, withNames, writeAudit, writeAudits, type Diff } from './audit.js'
import { accessSatisfies, type AccessLevel, type RecordAccess } from './access.js'
import { META_FIELDS, type RecordBase } from './columns.js'
import type { RecordContext, RecordTypeOptions } from './record-type.js'
import { accessMapOf, scopeFilterOf } from './visibility.js'

export interface FindOptions {
  withDeleted?: boolean
  lock?: boolean
  /** What the caller is about to do; default 'read'. */
  access?: RecordAccess
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A store of whatever record type, for lists that mix them (recycle bin, audit trail, attachment
 * carriers). RecordStore is invariant in its row type, so `unknown` would not accept the stores.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type AnyRecordStore = RecordStore<any>

/**
 * Behaviour every business record shares, written once: audited create/update/delete/restore/purge
 * in the caller's transaction, a version snapshot per change, soft delete, optimistic locking and
 * data-scope visibility (a record outside the caller's scope is "not found", never "forbidden").
 */
export class RecordStore<T extends RecordBase> {
  constructor(readonly options: RecordTypeOptions<T>) {}

  get entityType() {
    return this.options.entityType
  }

  repo(m: EntityManager) {
    return m.getRepository<T>(this.options.entity)
  }

  /**
   * The row if it exists, is not deleted (unless asked) and is visible to ctx.principal; else null.
   * `access` is what the caller is about to do: 'read' (default), 'write' (edit) or 'owner' (delete,
   * transfer: data scope only). A row the caller sees but may not act on that way is a 403, not a 404.
   */
  async find(m: EntityManager, id: string, ctx?: RecordContext, opts: FindOptions = {}) {
    if (!UUID.test(id)) return null
    const qb = this.repo(m).createQueryBuilder('r').where('r.id = :id', { id })
    if (opts.lock) qb.setLock('pessimistic_write')
    const row = await qb.getOne()
    if (!row || (row.deletedAt && !opts.withDeleted)) return null
    if (!ctx?.principal) return row
    const level = await this.accessOf(m, ctx.principal, row)
    if (!level) return null
    const access = opts.access ?? 'read'
    if (!accessSatisfies(level, access))
      throw forbidden(access === 'write' ? 'record.read_only_member' : 'record.owner_only')
    return row
  }

  /** How the principal may act on a visible row — own data scope, or as a team member — or null. */
  async accessOf(m: EntityManager, principal: Principal, row: T): Promise<AccessLevel | null> {
    return (await this.accessMap(m, principal, [row])).get(row.id) ?? null
  }

  /** `accessOf` for a page of rows in one query; rows the principal cannot see are absent. */
  accessMap(m: EntityManager, principal: Principal, rows: T[]): Promise<Map<string, AccessLevel>> {
    return accessMapOf(m, this.options, principal, rows)
  }

  /**
   * The list filter matching `find`: rows in the caller's data scope, plus (with `team`) rows shared
   * with them at `access` or more. `alias` is the query's alias for this entity. Null: no filter.
   */
  scopeWhere(principal: Principal, alias: string, access: RecordAccess = 'read') {
    return scopeFilterOf(this.options, principal, alias, access)
  }

  async get(m: EntityManager, id: string, ctx?: RecordContext, opts: FindOptions = {}) {
    const row = await this.find(m, id, ctx, opts)
    if (!row) throw notFound()
    return row
  }

  async create(
    m: EntityManager,
    ctx: RecordContext,
    values: Omit<T, keyof RecordBase> & Partial<RecordBase>,
  ): Promise<T> {
    const [row] = await this.createMany(m, ctx, [values])
    return row!
  }

  /**
   * Creates the rows in one INSERT, with their audit rows and first versions in one statement each
   * (an import chunk writes hundreds at the cost of a few): the same records `create` makes one by one.
   */
  async createMany(
    m: EntityManager,
    ctx: RecordContext,
    values: Array<Omit<T, keyof RecordBase> & Partial<RecordBase>>,
  ): Promise<T[]> {
    if (!values.length) return []
    const now = new Date()
    const rows = values.map((v) =>
      this.repo(m).create({
        ...v,
        id: v.id ?? randomUUID(),
        version: 1,
        createdAt: now,
        updatedAt: now,
        createdBy: ctx.actor.id,
        updatedBy: ctx.actor.id,
        deletedAt: null,
        deletedBy: null,
      } as T),
    )
    await insertRows(this.repo(m), rows)
    const changes = rows.map((row) => {
      const state = this.state(row)
      return { row, state, diff: diffRecords(null, state) }
    })
    await this.recordMany(m, ctx, 'create', changes)
    for (const row of rows) await this.options.onChange?.(m, row, 'create')
    return rows
  }

  /**
   * Applies `patch` if the stored version still equals `expectedVersion`. The UPDATE itself
   * carries the version guard (TypeORM's @VersionColumn does not guard plain updates), so a
   * concurrent writer can never be overwritten even without the row lock.
   */
  async update(
    m: EntityManager,
    ctx: RecordContext,
    id: string,
    expectedVersion: number,
    patch: Partial<T>,
    opts: {
      action?: AuditAction
      note?: string
      allowDeleted?: boolean
      /** Changes beneath the record (its child rows, e.g. a payment plan) shown beside its own fields. */
      extraDiff?: Diff
    } = {},
  ): Promise<T> {
    const before = await this.get(m, id, ctx, {
      lock: true,
      withDeleted: opts.allowDeleted,
      access: 'write',
    })
    if (before.version !== expectedVersion) throw preconditionFailed(await this.present(m, before))
    const after = { ...before, ...patch } as T
    const diff = { ...diffRecords(this.state(before), this.state(after)), ...opts.extraDiff }
    if (Object.keys(diff).length === 0 && !opts.action) return before
    const result = await this.repo(m)
      .createQueryBuilder()
      .update()
      .set({
        ...patch,
        version: () => 'version + 1',
        updatedAt: new Date(),
        updatedBy: ctx.actor.id,
      } as never)
      .where('id = :id AND version = :version', { id, version: expectedVersion })
      .execute()
    if (result.affected !== 1) throw preconditionFailed(await this.present(m, await this.get(m, id)))
    const saved = await this.get(m, id, undefined, { withDeleted: true })
    await this.record(m, ctx, opts.action ?? 'update', saved, diff, opts.note)
    await this.options.onChange?.(m, saved, opts.action ?? 'update')
    return saved
  }

  async softDelete(m: EntityManager, ctx: RecordContext, id: string, expectedVersion: number, note?: string) {
    const row = await this.get(m, id, ctx, { lock: true, access: 'owner' })
    if (row.version !== expectedVersion) throw preconditionFailed(await this.present(m, row))
    await this.repo(m).update(
      id as never,
      {
        deletedAt: new Date(),
        deletedBy: ctx.actor.id,
        version: () => 'version + 1',
      } as never,
    )
    await writeAudit(m, ctx, {
      action: 'delete',
      entityType: this.entityType,
      entityId: id,
      entityTitle: this.options.title(row),
      note,
    })
    if (this.options.onChange)
      await this.options.onChange(m, await this.get(m, id, undefined, { withDeleted: true }), 'delete')
  }

  async restore(m: EntityManager, ctx: RecordContext, id: string): Promise<T> {
    const row = await this.get(m, id, ctx, { withDeleted: true, lock: true, access: 'owner' })
    if (!row.deletedAt) throw conflict('record.not_in_recycle_bin')
    await this.repo(m).update(
      id as never,
      {
        deletedAt: null,
        deletedBy: null,
        version: () => 'version + 1',
      } as never,
    )
    await writeAudit(m, ctx, {
      action: 'restore',
      entityType: this.entityType,
      entityId: id,
      entityTitle: this.options.title(row),
    })
    const restored = await this.get(m, id)
    await this.options.onChange?.(m, restored, 'restore')
    return restored
  }

  /** Permanent removal from the recycle bin; the audit trail (append-only) survives it. */
  async purge(m: EntityManager, ctx: RecordContext, id: string): Promise<void> {
    const row = await this.get(m, id, ctx, { withDeleted: true, lock: true, access: 'owner' })
    if (!row.deletedAt) throw conflict('record.purge_needs_delete')
    await writeAudit(m, ctx, {
      action: 'purge',
      entityType: this.entityType,
      entityId: id,
      entityTitle: this.options.title(row),
      diff: diffRecords(this.state(row), null),
    })
    await m.query(`DELETE FROM record_version WHERE entity_type = $1 AND entity_id = $2`, [
      this.entityType,
      id,
    ])
    if (this.options.team === true) {
      await m.query('DELETE FROM team_member WHERE entity_type = $1 AND entity_id = $2', [
        this.entityType,
        id,
      ])
    }
    try {
      await this.repo(m).delete(id as never)
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23503') {
        throw conflict('record.purge_referenced')
      }
      throw error
    }
    await this.options.onChange?.(m, { ...row, version: row.version + 1 }, 'purge')
  }

  async audit(m: EntityManager, id: string, ctx?: RecordContext): Promise<AuditEntry[]> {
    await this.get(m, id, ctx, { withDeleted: true })
    // Rows written before a field became internal still carry it: the trail shows only visible fields.
    return (await auditOf(m, this.entityType, id)).map((e) => ({ ...e, diff: this.visible(e.diff) }))
  }

  async versions(m: EntityManager, id: string, ctx?: RecordContext): Promise<VersionEntry[]> {
    await this.get(m, id, ctx, { withDeleted: true })
    const rows = await m.query(
      `SELECT version, at, actor_id, actor_name, action, snapshot FROM record_version
       WHERE entity_type = $1 AND entity_id = $2 ORDER BY version DESC LIMIT 200`,
      [this.entityType, id],
    )
    const entries: VersionEntry[] = rows.map((r: Record<string, unknown>) => ({
      version: r.version as number,
      at: new Date(r.at as string).toISOString(),
      actorId: r.actor_id as string | null,
      actorName: r.actor_name as string | null,
      action: r.action as string,
      snapshot: this.visible(r.snapshot as Record<string, unknown>),
    }))
    return withNames(m, entries, (e) => e.snapshot)
  }

  /** Brings back an earlier version's editable fields as a new, audited version. */
  async restoreVersion(
    m: EntityManager,
    ctx: RecordContext,
    id: string,
    version: number,
    expectedVersion: number,
  ) {
    await this.get(m, id, ctx, { access: 'write' })
    const [row] = await m.query(
      'SELECT snapshot FROM record_version WHERE entity_type = $1 AND entity_id = $2 AND version = $3',
      [this.entityType, id, version],
    )
    if (!row) throw notFound('record.version_not_found', { version })
    const patch = this.restorablePatch(row.snapshot as Record<string, unknown>)
    await this.options.checkRestore?.(m, ctx, patch, id)
    return this.update(m, ctx, id, expectedVersion, patch, {
      action: 'restore_version',
      note: `Restored version ${version}`,
    })
  }

  /** The record's own editable state: no bookkeeping, secrets or internal counters. */
  state(row: T): Record<string, unknown> {
    const skip = new Set<string>([
      ...META_FIELDS,
      ...(this.options.secretFields ?? []),
      ...(this.options.internalFields ?? []),
    ])
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(row)) if (!skip.has(key)) out[key] = normalise(value)
    return out
  }

  /** A diff or snapshot without bookkeeping, secrets or internal fields (older rows may hold them). */
  visible<V>(values: Record<string, V>): Record<string, V> {
    const skip = new Set<string>([
      ...META_FIELDS,
      ...(this.options.secretFields ?? []),
      ...(this.options.internalFields ?? []),
    ])
    return Object.fromEntries(Object.entries(values ?? {}).filter(([key]) => !skip.has(key)))
  }

  private restorablePatch(snapshot: Record<string, unknown>): Partial<T> {
    const columns = this.columnTypes()
    const patch: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(snapshot)) {
      if (!columns.has(key)) continue
      patch[key] = value !== null && columns.get(key) === 'timestamptz' ? new Date(value as string) : value
    }
    return patch as Partial<T>
  }

  private columnTypes(): Map<string, string> {
    const columns = this.options.entity.options.columns as Record<string, { type?: unknown }>
    const skip = new Set<string>([
      ...META_FIELDS,
      ...(this.options.secretFields ?? []),
      ...(this.options.internalFields ?? []),
      ...(this.options.systemFields ?? []),
    ])
    return new Map(
      Object.entries(columns)
        .filter(([key]) => !skip.has(key))
        .map(([key, col]) => [key, String(col.type)]),
    )
  }

  private record(
    m: EntityManager,
    ctx: RecordContext,
    action: AuditAction,
    row: T,
    diff: Diff,
    note?: string,
  ) {
    return this.recordMany(m, ctx, action, [{ row, diff, note }])
  }

  /** The audit rows and version snapshots of changes made under one action, a statement each. */
  private async recordMany(
    m: EntityManager,
    ctx: RecordContext,
    action: AuditAction,
    changes: Array<{ row: T; diff: Diff; note?: string; state?: Record<string, unknown> }>,
  ) {
    await writeAudits(
      m,
      ctx,
      changes.map(({ row, diff, note }) => ({
        action,
        entityType: this.entityType,
        entityId: row.id,
        entityTitle: this.options.title(row),
        diff,
        note,
      })),
    )
    await m.query(
      `INSERT INTO record_version (entity_type, entity_id, version, actor_id, actor_name, action, snapshot)
       SELECT $1::varchar, entity_id, version, $2::uuid, $3::varchar, $4::varchar, snapshot
       FROM ROWS FROM (unnest($5::uuid[]), unnest($6::int[]), jsonb_array_elements($7::jsonb))
         AS t(entity_id, version, snapshot)`,
      [
        this.entityType,
        ctx.actor.id,
        ctx.actor.name,
        action,
        changes.map((c) => c.row.id),
        changes.map((c) => c.row.version),
        // One JSON document for all the snapshots: parsed once, not as an array of escaped texts.
        JSON.stringify(changes.map((c) => c.state ?? this.state(c.row))),
      ],
    )
  }

  private present(m: EntityManager, row: T) {
    return this.options.present ? this.options.present(m, row) : Promise.resolve(this.state(row))
  }
}
