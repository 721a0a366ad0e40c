import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { EntitySchema, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm'
import { packPermissions } from '../auth/principal.js'
import { problem } from '../errors.js'
import { ApiRouter } from '../http/route.js'
import { startDemo, type Demo } from '../test-support/demo-service.js'
import { RECORD_COLUMNS_SQL, recordColumns, type RecordBase } from './columns.js'
import { KitRecordTables1763800000000 } from './kit-migration.js'
import { RecordStore } from './record-store.js'
import { registerAggregate } from './aggregate.js'
import { presentBy } from './present.js'

interface MemoRow extends RecordBase {
  title: string
  stage: string
  dueAt: Date | null
}

const MemoEntity = new EntitySchema<MemoRow>({
  name: 'Memo',
  tableName: 'memo',
  columns: {
    ...recordColumns(),
    title: { type: 'varchar', length: 100 },
    stage: { type: 'varchar', length: 20 },
    dueAt: { type: 'timestamptz', name: 'due_at', nullable: true },
  },
})

class CreateMemo1763800000600 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE memo (${RECORD_COLUMNS_SQL},
      title varchar(100) NOT NULL, stage varchar(20) NOT NULL, due_at timestamptz NULL)`)
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE memo')
  }
}

const memos = new RecordStore<MemoRow>({ entityType: 'memo', entity: MemoEntity, title: (r) => r.title })
const liveMemos = (m: EntityManager) =>
  memos.repo(m).createQueryBuilder('x').where('x.deleted_at IS NULL').orderBy('x.created_at').getMany()

const Memo = z.object({
  id: z.string(),
  version: z.number(),
  createdAt: z.string(),
  title: z.string(),
  stage: z.string(),
  dueAt: z.string().nullable(),
})
const presentMemo = presentBy(Memo)
const MemoCreate = z.strictObject({ title: z.string().max(100) })
const Reason = z.strictObject({ reason: z.string().max(100) })

/** A memo aggregate filed under the `sales.lead` codes (the catalog's codes are the only ones that exist). */
function registerMemos(api: ApiRouter, db: Parameters<typeof registerAggregate>[1]['db']) {
  registerAggregate(api, {
    resource: 'sales.lead',
    path: '/memos',
    db,
    store: memos,
    response: Memo,
    list: {
      summary: 'Memos',
      response: z.array(Memo),
      run: async (m) => (await liveMemos(m)).map(presentMemo),
    },
    create: {
      summary: 'Create a memo',
      body: MemoCreate,
      run: (m, ctx, body) => memos.create(m, ctx, { title: body.title, stage: 'new', dueAt: null }),
    },
    remove: 'soft',
    actions: {
      convert: {
        summary: 'Convert a memo',
        run: (m, ctx, id, version) => memos.update(m, ctx, id, version, { stage: 'converted' }),
      },
      invalidate: {
        summary: 'Invalidate a memo, then refuse (its write must not survive)',
        body: Reason,
        run: async (m, ctx, id, version, body) => {
          await memos.update(m, ctx, id, version, { stage: 'invalid', title: body.reason })
          throw problem(409, 'http.conflict')
        },
      },
    },
    commands: {
      'bulk-delete': {
        summary: 'Delete all memos',
        access: 'delete',
        run: async (m, ctx) => {
          for (const row of await liveMemos(m)) await memos.softDelete(m, ctx, row.id, row.version)
          return { deleted: true }
        },
      },
    },
  })
}

describe('aggregate descriptor: permission codes', () => {
  it('derives every route’s code from its resource, with overrides', () => {
    const api = new ApiRouter('/api/demo')
    registerMemos(api, {} as never)
    const codes = Object.fromEntries(api.routes().map((r) => [`${r.method} ${r.path}`, r.access]))
    expect(codes).toMatchObject({
      'get /api/demo/memos': 'sales.lead.read',
      'post /api/demo/memos': 'sales.lead.create',
      'post /api/demo/memos/bulk-delete': 'sales.lead.delete',
      'post /api/demo/memos/:id/convert': 'sales.lead.convert',
      'post /api/demo/memos/:id/invalidate': 'sales.lead.invalidate',
      'get /api/demo/memos/:id': 'sales.lead.read',
      'delete /api/demo/memos/:id': 'sales.lead.delete',
      'post /api/demo/memos/:id/restore': 'sales.lead.restore',
      'post /api/demo/memos/:id/versions/:version/restore': 'sales.lead.revert',
    })
    expect(codes).not.toHaveProperty(['patch /api/demo/memos/:id'])
  })

  it('restores with the service’s recycle-bin code when the resource has none, and keeps special access', () => {
    const api = new ApiRouter('/api/demo')
    registerAggregate(api, {
      resource: 'admin.dept',
      path: '/depts',
      tag: 'depts',
      db: {} as never,
      store: memos,
      access: { read: 'authenticated' },
    })
    const codes = Object.fromEntries(api.routes().map((r) => [`${r.method} ${r.path}`, r.access]))
    expect(codes['post /api/demo/depts/:id/restore']).toBe('admin.recycle.restore')
    expect(codes['get /api/demo/depts/:id']).toBe('authenticated')
    // No revert code for departments: an earlier version is restored with the update code.
    expect(codes['post /api/demo/depts/:id/versions/:version/restore']).toBe('admin.dept.update')
  })

  it('refuses at registration a code the permission catalog does not have', () => {
    const api = new ApiRouter('/api/demo')
    expect(() =>
      registerAggregate(api, {
        resource: 'sales.lead',
        path: '/leads',
        tag: 'leads',
        db: {} as never,
        actions: { approve: { summary: 'No such code', run: async () => ({}) as never } },
      }),
    ).toThrow(/sales\.lead\.approve is not a permission code/)
  })
})

describe('aggregate descriptor over HTTP', () => {
  let demo: Demo
  let writer: string
  let reader: string

  beforeAll(async () => {
    demo = await startDemo({
      entities: [MemoEntity],
      migrations: [KitRecordTables1763800000000, CreateMemo1763800000600],
      routes: ({ api, db }) => registerMemos(api, db),
    })
    const as = (codes: string[]) => demo.token({ claims: { perms: packPermissions(codes) } })
    writer = await as([
      'sales.lead.read',
      'sales.lead.create',
      'sales.lead.convert',
      'sales.lead.invalidate',
      'sales.lead.delete',
    ])
    reader = await as(['sales.lead.read'])
  })
  afterAll(async () => {
    await demo?.close()
  })

  async function call(
    method: string,
    path: string,
    o: { token?: string; body?: unknown; ifMatch?: string } = {},
  ) {
    const headers: Record<string, string> = { authorization: `Bearer ${o.token ?? writer}` }
    if (o.body !== undefined) headers['content-type'] = 'application/json'
    if (o.ifMatch) headers['if-match'] = o.ifMatch
    const res = await fetch(`${demo.base}/api/demo${path}`, {
      method,
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : undefined }
  }

  it('creates (201, presented from the schema), lists, and refuses a caller without the derived code', async () => {
    const created = await call('POST', '/memos', { body: { title: 'First' } })
    expect(created.status).toBe(201)
    expect(Object.keys(created.body).sort()).toEqual(Object.keys(Memo.shape).sort())
    expect(created.body).toMatchObject({ title: 'First', stage: 'new', dueAt: null, version: 1 })
    expect(created.body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/)
    expect((await call('POST', '/memos', { token: reader, body: { title: 'No' } })).status).toBe(403)
    const list = await call('GET', '/memos', { token: reader })
    expect(list.status).toBe(200)
    expect(list.body.map((m: { title: string }) => m.title)).toContain('First')
  })

  it('runs an action with If-Match: 428 without it, 412 when stale, the presented record when current', async () => {
    const { body: memo } = await call('POST', '/memos', { body: { title: 'Act' } })
    expect((await call('POST', `/memos/${memo.id}/convert`)).status).toBe(428)
    const stale = await call('POST', `/memos/${memo.id}/convert`, { ifMatch: '"9"' })
    expect(stale.status).toBe(412)
    expect(stale.body.current).toMatchObject({ title: 'Act', stage: 'new' })
    const done = await call('POST', `/memos/${memo.id}/convert`, { ifMatch: '"1"' })
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ id: memo.id, version: 2, stage: 'converted' })
  })

  it('rolls back everything an action wrote when it fails', async () => {
    const { body: memo } = await call('POST', '/memos', { body: { title: 'Keep me' } })
    const failed = await call('POST', `/memos/${memo.id}/invalidate`, {
      ifMatch: '"1"',
      body: { reason: 'Gone' },
    })
    expect(failed.status).toBe(409)
    const after = await call('GET', `/memos/${memo.id}`)
    expect(after.body).toMatchObject({ version: 1, stage: 'new', title: 'Keep me' })
    const trail = await call('GET', `/memos/${memo.id}/audit`)
    expect(trail.body.map((e: { action: string }) => e.action)).toEqual(['create'])
  })

  it('runs a collection command in one transaction with its derived code', async () => {
    expect((await call('POST', '/memos/bulk-delete', { token: reader })).status).toBe(403)
    const done = await call('POST', '/memos/bulk-delete')
    expect(done).toEqual({ status: 200, body: { deleted: true } })
    expect((await call('GET', '/memos')).body).toEqual([])
  })
})

describe('presentBy', () => {
  it('copies the schema’s fields, dates as ISO strings, a nullable field left undefined as null', () => {
    const at = new Date('2026-01-02T03:04:05.000Z')
    const row = { id: 'a', version: 3, createdAt: at, title: 'T', stage: 's', extra: 'not in the schema' }
    expect(presentMemo({ ...row, dueAt: undefined as unknown as null })).toEqual({
      id: 'a',
      version: 3,
      createdAt: '2026-01-02T03:04:05.000Z',
      title: 'T',
      stage: 's',
      dueAt: null,
    })
    expect(presentMemo({ ...row, dueAt: at }).dueAt).toBe('2026-01-02T03:04:05.000Z')
    // @ts-expect-error a row without a field of the schema is refused at compile time
    presentMemo({ id: 'a', version: 3, createdAt: at, title: 'T', dueAt: null })
  })
})
