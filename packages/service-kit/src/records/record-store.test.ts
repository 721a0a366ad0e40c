import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import { openDatabase, type Database } from '../db/database.js'
import { createTestDatabase, type TestDatabase } from '../testing.js'
import { HttpError } from '../errors.js'
import { RECORD_COLUMNS_SQL, recordColumns, type RecordBase } from './columns.js'
import { KitRecordTables1763800000000 } from './kit-migration.js'
import { RecordStore } from './record-store.js'
import type { RecordContext } from './record-type.js'

interface NoteRow extends RecordBase {
  title: string
  body: string | null
  ownerId: string | null
  deptId: string | null
  secret: string | null
  label: { zh: string; en: string } | null
}

const NoteEntity = new EntitySchema<NoteRow>({
  name: 'Note',
  tableName: 'note',
  columns: {
    ...recordColumns(),
    title: { type: 'varchar', length: 100 },
    body: { type: 'text', nullable: true },
    ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
    deptId: { type: 'uuid', name: 'dept_id', nullable: true },
    secret: { type: 'text', nullable: true },
    label: { type: 'jsonb', nullable: true },
  },
})

class CreateNote1763800000500 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE note (${RECORD_COLUMNS_SQL},
      title varchar(100) NOT NULL, body text NULL, owner_id uuid NULL, dept_id uuid NULL, secret text NULL, label jsonb NULL)`)
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE note')
  }
}

const notes = new RecordStore<NoteRow>({
  entityType: 'note',
  entity: NoteEntity,
  title: (r) => r.title,
  secretFields: ['secret'],
  scope: { owner: 'ownerId', dept: 'deptId' },
})

const ACTOR = randomUUID()
const OWNER = randomUUID()
const DEPT = randomUUID()
const ctx: RecordContext = { actor: { id: ACTOR, name: 'Tester' }, requestId: 'req-1' }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function principal(over: Partial<Principal>): Principal {
  return {
    userId: randomUUID(),
    username: 'p',
    deptId: null,
    roles: [],
    permissions: [],
    dataScope: 'self',
    kind: 'staff',
    ...over,
  }
}

async function rejection(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError)
    return error as HttpError
  }
  throw new Error('expected a rejection')
}

describe('RecordStore', () => {
  let testDb: TestDatabase
  let db: Database

  beforeAll(async () => {
    testDb = await createTestDatabase()
    db = await openDatabase({
      url: testDb.url,
      entities: [NoteEntity],
      migrations: [CreateNote1763800000500, KitRecordTables1763800000000],
    })
  })
  afterAll(async () => {
    await db?.close()
    await testDb?.drop()
  })

  const audits = (id: string) =>
    db.dataSource.query(
      'SELECT action, entity_title, diff, note, actor_id, actor_name, request_id FROM audit_log WHERE entity_id = $1 ORDER BY seq',
      [id],
    ) as Promise<
      Array<{
        action: string
        entity_title: string | null
        diff: Record<string, unknown>
        note: string | null
        actor_id: string
        actor_name: string
        request_id: string
      }>
    >
  const versions = (id: string) =>
    db.dataSource.query(
      'SELECT version, action, actor_id, actor_name, snapshot FROM record_version WHERE entity_id = $1 ORDER BY version',
      [id],
    ) as Promise<
      Array<{
        version: number
        action: string
        actor_id: string
        actor_name: string
        snapshot: Record<string, unknown>
      }>
    >
  const stored = async (id: string) => {
    const [row] = await db.dataSource.query('SELECT * FROM note WHERE id = $1', [id])
    return row as Record<string, unknown> | undefined
  }
  const create = (values: Partial<NoteRow> = {}) =>
    db.transaction((m) =>
      notes.create(m, ctx, {
        title: 'First',
        body: 'hello',
        ownerId: OWNER,
        deptId: DEPT,
        secret: 'hunter2',
        label: null,
        ...values,
      }),
    )

  it('create: inserts version 1, audits the fields and snapshots them, never the secret', async () => {
    const row = await create({ label: { zh: '标签', en: 'Label' } })
    expect(row.version).toBe(1)
    expect(row.createdBy).toBe(ACTOR)
    expect(row.updatedBy).toBe(ACTOR)
    expect(row.deletedAt).toBeNull()
    const db1 = await stored(row.id)
    expect(db1).toMatchObject({
      title: 'First',
      body: 'hello',
      secret: 'hunter2',
      version: 1,
      created_by: ACTOR,
    })

    const trail = await audits(row.id)
    expect(trail).toHaveLength(1)
    expect(trail[0]).toEqual({
      action: 'create',
      entity_title: 'First',
      actor_id: ACTOR,
      actor_name: 'Tester',
      request_id: 'req-1',
      note: null,
      diff: {
        title: { before: null, after: 'First' },
        body: { before: null, after: 'hello' },
        ownerId: { before: null, after: OWNER },
        deptId: { before: null, after: DEPT },
        label: { before: null, after: { zh: '标签', en: 'Label' } },
      },
    })

    const snaps = await versions(row.id)
    expect(snaps).toHaveLength(1)
    expect(snaps[0]).toEqual({
      version: 1,
      action: 'create',
      actor_id: ACTOR,
      actor_name: 'Tester',
      snapshot: {
        title: 'First',
        body: 'hello',
        ownerId: OWNER,
        deptId: DEPT,
        label: { zh: '标签', en: 'Label' },
      },
    })
    expect(JSON.stringify([trail, snaps])).not.toContain('hunter2')
  })

  it('createMany: the records create makes, in one INSERT each for rows, audit and versions, in order', async () => {
    const titles = ['Bulk "one"', 'Bulk two', 'Bulk {three}']
    const rows = await db.transaction((m) =>
      notes.createMany(
        m,
        ctx,
        titles.map((title) => ({
          title,
          body: null,
          ownerId: OWNER,
          deptId: DEPT,
          secret: 's',
          label: null,
        })),
      ),
    )
    expect(rows.map((r) => r.title)).toEqual(titles)
    for (const [i, row] of rows.entries()) {
      expect(await stored(row.id)).toMatchObject({ title: titles[i], version: 1, created_by: ACTOR })
      const [audit] = await audits(row.id)
      expect(audit).toMatchObject({ action: 'create', entity_title: titles[i], request_id: 'req-1' })
      expect(audit!.diff).toMatchObject({ title: { before: null, after: titles[i] } })
      const [snap] = await versions(row.id)
      expect(snap).toMatchObject({ version: 1, action: 'create', snapshot: { title: titles[i] } })
      expect(JSON.stringify(snap)).not.toContain('"secret"')
    }
    // The audit rows keep the run's order (their sequence), as one-by-one creates would.
    const seqs = await db.dataSource.query(
      `SELECT entity_id FROM audit_log WHERE entity_id = ANY($1::varchar[]) ORDER BY seq`,
      [rows.map((r) => r.id)],
    )
    expect(seqs.map((r: { entity_id: string }) => r.entity_id)).toEqual(rows.map((r) => r.id))
    expect(await db.transaction((m) => notes.createMany(m, ctx, []))).toEqual([])
  })

  it('update with the current version: version 2, exact diff, new snapshot', async () => {
    const row = await create()
    const saved = await db.transaction((m) =>
      notes.update(m, ctx, row.id, 1, { title: 'Second', body: null, secret: 'changed-secret' }),
    )
    expect(saved.version).toBe(2)
    expect(saved.title).toBe('Second')
    expect(saved.updatedAt.getTime()).toBeGreaterThanOrEqual(row.updatedAt.getTime())
    expect(await stored(row.id)).toMatchObject({
      version: 2,
      title: 'Second',
      body: null,
      secret: 'changed-secret',
      updated_by: ACTOR,
    })

    const trail = await audits(row.id)
    expect(trail.map((a) => a.action)).toEqual(['create', 'update'])
    expect(trail[1]!.diff).toEqual({
      title: { before: 'First', after: 'Second' },
      body: { before: 'hello', after: null },
    })
    const snaps = await versions(row.id)
    expect(snaps.map((v) => [v.version, v.action])).toEqual([
      [1, 'create'],
      [2, 'update'],
    ])
    expect(snaps[1]!.snapshot).toEqual({
      title: 'Second',
      body: null,
      ownerId: OWNER,
      deptId: DEPT,
      label: null,
    })
    expect(JSON.stringify([trail, snaps])).not.toContain('secret')

    // versions() and audit() answer newest first
    const listed = await db.transaction((m) => notes.versions(m, row.id))
    expect(listed.map((v) => v.version)).toEqual([2, 1])
    const entries = await db.transaction((m) => notes.audit(m, row.id))
    expect(entries.map((e) => e.action)).toEqual(['update', 'create'])
    expect(entries[0]!.requestId).toBe('req-1')
  })

  it('a stale expected version → 412 with the stored state as current; nothing is written', async () => {
    const row = await create()
    await db.transaction((m) => notes.update(m, ctx, row.id, 1, { title: 'Second' }))
    const before = await stored(row.id)
    const error = await rejection(
      db.transaction((m) => notes.update(m, ctx, row.id, 1, { title: 'Lost update' })),
    )
    expect(error.status).toBe(412)
    expect(error.extra.current).toEqual({
      title: 'Second',
      body: 'hello',
      ownerId: OWNER,
      deptId: DEPT,
      label: null,
    })
    expect(await stored(row.id)).toEqual(before)
    expect((await audits(row.id)).map((a) => a.action)).toEqual(['create', 'update'])
    expect(await versions(row.id)).toHaveLength(2)
    // A version from the future is just as stale.
    expect(
      (await rejection(db.transaction((m) => notes.update(m, ctx, row.id, 9, { title: 'x' })))).status,
    ).toBe(412)
  })

  it('two concurrent updates from the same version: exactly one wins, the other gets 412', async () => {
    const row = await create()
    const attempt = (title: string) =>
      db.transaction(async (m) => {
        const saved = await notes.update(m, ctx, row.id, 1, { title })
        await sleep(50) // hold the transaction open so the other one overlaps it
        return saved
      })
    const outcomes = await Promise.allSettled([attempt('From A'), attempt('From B')])
    const won = outcomes.filter((o): o is PromiseFulfilledResult<NoteRow> => o.status === 'fulfilled')
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(1)
    expect(lost[0]!.reason).toBeInstanceOf(HttpError)
    expect((lost[0]!.reason as HttpError).status).toBe(412)
    expect(await stored(row.id)).toMatchObject({ version: 2, title: won[0]!.value.title })
    expect((await audits(row.id)).map((a) => a.action)).toEqual(['create', 'update'])
    expect((await versions(row.id)).map((v) => v.version)).toEqual([1, 2])
  })

  it('a no-op update keeps the version and writes nothing', async () => {
    const row = await create({ label: { zh: '标签', en: 'Label' } })
    const same = await db.transaction((m) =>
      // Key order differs from how jsonb hands the value back: still the same value.
      notes.update(m, ctx, row.id, 1, { title: 'First', body: 'hello', label: { zh: '标签', en: 'Label' } }),
    )
    expect(same.version).toBe(1)
    expect(await stored(row.id)).toMatchObject({ version: 1 })
    expect(await audits(row.id)).toHaveLength(1)
    expect(await versions(row.id)).toHaveLength(1)
    // With an explicit action the write happens even without a field change (e.g. a password reset).
    const forced = await db.transaction((m) =>
      notes.update(m, ctx, row.id, 1, { secret: 'new' }, { action: 'reset_password' }),
    )
    expect(forced.version).toBe(2)
    expect(await stored(row.id)).toMatchObject({ version: 2, secret: 'new' })
    const trail = await audits(row.id)
    expect(trail.at(-1)).toMatchObject({ action: 'reset_password', diff: {} })
  })

  it('softDelete hides the record, restore brings it back', async () => {
    const row = await create()
    const stale = await rejection(db.transaction((m) => notes.softDelete(m, ctx, row.id, 2)))
    expect(stale.status).toBe(412)
    expect((await stored(row.id))!.deleted_at).toBeNull()

    await db.transaction((m) => notes.softDelete(m, ctx, row.id, 1, 'cleanup'))
    expect(await stored(row.id)).toMatchObject({ deleted_by: ACTOR })
    expect((await stored(row.id))!.deleted_at).toBeInstanceOf(Date)
    expect(await db.transaction((m) => notes.find(m, row.id))).toBeNull()
    expect((await rejection(db.transaction((m) => notes.get(m, row.id)))).status).toBe(404)
    const binned = await db.transaction((m) => notes.find(m, row.id, undefined, { withDeleted: true }))
    expect(binned?.deletedAt).toBeInstanceOf(Date)
    // No updates while in the recycle bin, and no second delete.
    expect(
      (await rejection(db.transaction((m) => notes.update(m, ctx, row.id, 1, { title: 'x' })))).status,
    ).toBe(404)
    expect((await rejection(db.transaction((m) => notes.softDelete(m, ctx, row.id, 1)))).status).toBe(404)

    const restored = await db.transaction((m) => notes.restore(m, ctx, row.id))
    expect(restored.id).toBe(row.id)
    expect(restored.deletedAt).toBeNull()
    expect(restored.deletedBy).toBeNull()
    expect(await db.transaction((m) => notes.find(m, row.id))).not.toBeNull()
    const trail = await audits(row.id)
    expect(trail.map((a) => a.action)).toEqual(['create', 'delete', 'restore'])
    expect(trail[1]!.note).toBe('cleanup')
    // Restoring something that is not in the bin is a conflict.
    expect((await rejection(db.transaction((m) => notes.restore(m, ctx, row.id)))).status).toBe(409)
  })

  it('purge works only from the recycle bin, removes the row and its versions, keeps the audit trail', async () => {
    const row = await create()
    await db.transaction((m) => notes.update(m, ctx, row.id, 1, { title: 'Second' }))
    const refused = await rejection(db.transaction((m) => notes.purge(m, ctx, row.id)))
    expect(refused.status).toBe(409)
    expect(await stored(row.id)).toBeDefined()
    expect(await versions(row.id)).toHaveLength(2)

    await db.transaction((m) => notes.softDelete(m, ctx, row.id, 2))
    await db.transaction((m) => notes.purge(m, ctx, row.id))
    expect(await stored(row.id)).toBeUndefined()
    expect(await versions(row.id)).toHaveLength(0)
    const trail = await audits(row.id)
    expect(trail.map((a) => a.action)).toEqual(['create', 'update', 'delete', 'purge'])
    expect(trail[3]!.diff).toEqual({
      title: { before: 'Second', after: null },
      body: { before: 'hello', after: null },
      ownerId: { before: OWNER, after: null },
      deptId: { before: DEPT, after: null },
    })
    expect(JSON.stringify(trail)).not.toContain('hunter2')
    expect((await rejection(db.transaction((m) => notes.purge(m, ctx, row.id)))).status).toBe(404)
  })

  it('audit rows cannot be updated or deleted', async () => {
    const row = await create()
    await expect(
      db.dataSource.query(`UPDATE audit_log SET note = 'forged' WHERE entity_id = $1`, [row.id]),
    ).rejects.toThrow(/append-only/)
    await expect(db.dataSource.query('DELETE FROM audit_log WHERE entity_id = $1', [row.id])).rejects.toThrow(
      /append-only/,
    )
    await expect(db.dataSource.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/)
    const trail = await audits(row.id)
    expect(trail).toHaveLength(1)
    expect(trail[0]!.note).toBeNull()
  })

  it('restoreVersion brings back an earlier version as a new, audited version', async () => {
    const row = await create({ label: { zh: '一', en: 'One' } })
    await db.transaction((m) =>
      notes.update(m, ctx, row.id, 1, {
        title: 'Second',
        body: null,
        label: { zh: '二', en: 'Two' },
        secret: 'kept',
      }),
    )
    expect((await rejection(db.transaction((m) => notes.restoreVersion(m, ctx, row.id, 1, 1)))).status).toBe(
      412,
    )
    expect((await rejection(db.transaction((m) => notes.restoreVersion(m, ctx, row.id, 7, 2)))).status).toBe(
      404,
    )

    const restored = await db.transaction((m) => notes.restoreVersion(m, ctx, row.id, 1, 2))
    expect(restored.version).toBe(3)
    expect(restored).toMatchObject({ title: 'First', body: 'hello', label: { zh: '一', en: 'One' } })
    // The secret is not part of a snapshot, so a restore leaves it alone.
    expect(await stored(row.id)).toMatchObject({ version: 3, title: 'First', body: 'hello', secret: 'kept' })
    const trail = await audits(row.id)
    expect(trail.at(-1)).toMatchObject({
      action: 'restore_version',
      note: 'Restored version 1',
      diff: {
        title: { before: 'Second', after: 'First' },
        body: { before: null, after: 'hello' },
        label: { before: { zh: '二', en: 'Two' }, after: { zh: '一', en: 'One' } },
      },
    })
    expect(Object.keys(trail.at(-1)!.diff).sort()).toEqual(['body', 'label', 'title'])
    const snaps = await versions(row.id)
    expect(snaps.map((v) => [v.version, v.action])).toEqual([
      [1, 'create'],
      [2, 'update'],
      [3, 'restore_version'],
    ])
    expect(snaps[2]!.snapshot).toEqual(snaps[0]!.snapshot)
  })

  it('find respects the data scope: out of scope is simply not found', async () => {
    const row = await create()
    const stranger = principal({ dataScope: 'self' })
    const otherDept = principal({ dataScope: 'dept', deptId: randomUUID() })
    const owner = principal({ userId: OWNER, dataScope: 'self' })
    const colleague = principal({ dataScope: 'dept', deptId: DEPT })
    const boss = principal({ dataScope: 'all' })
    const service = principal({ kind: 'service', dataScope: 'self' })
    const as = (p: Principal): RecordContext => ({ ...ctx, principal: p })

    for (const p of [stranger, otherDept]) {
      expect(await db.transaction((m) => notes.find(m, row.id, as(p)))).toBeNull()
      expect((await rejection(db.transaction((m) => notes.get(m, row.id, as(p))))).status).toBe(404)
      expect((await rejection(db.transaction((m) => notes.audit(m, row.id, as(p))))).status).toBe(404)
      expect((await rejection(db.transaction((m) => notes.versions(m, row.id, as(p))))).status).toBe(404)
      expect(
        (await rejection(db.transaction((m) => notes.update(m, as(p), row.id, 1, { title: 'x' })))).status,
      ).toBe(404)
    }
    for (const p of [owner, colleague, boss, service]) {
      expect((await db.transaction((m) => notes.find(m, row.id, as(p))))?.id).toBe(row.id)
    }
    // Without a principal (system work) there is no scope check.
    expect((await db.transaction((m) => notes.find(m, row.id)))?.id).toBe(row.id)
    expect(await stored(row.id)).toMatchObject({ version: 1, title: 'First' })
  })

  it('an id that is not a uuid is not found (no database error)', async () => {
    for (const id of ['nope', '', '1', `${randomUUID()}x`, "'; DROP TABLE note; --"]) {
      expect(await db.transaction((m) => notes.find(m, id))).toBeNull()
      expect((await rejection(db.transaction((m) => notes.get(m, id)))).status).toBe(404)
    }
    expect(await db.transaction((m) => notes.find(m, randomUUID()))).toBeNull()
  })
})
