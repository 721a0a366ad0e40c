import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm'
import { bulkEditOf } from '@mosaic/schemas'
import { packPermissions } from '../auth/principal.js'
import { problem } from '../errors.js'
import { ApiRouter } from '../http/route.js'
import { startDemo, type Demo } from '../test-support/demo-service.js'
import { bulkOutcomes, fieldCodes } from '../testing-expect.js'
import { RECORD_COLUMNS_SQL, recordColumns, type RecordBase } from './columns.js'
import { KitRecordTables1763800000000 } from './kit-migration.js'
import { RecordStore } from './record-store.js'
import { registerAggregate } from './aggregate.js'

interface NoteRow extends RecordBase {
  title: string
  stage: string
}

const NoteEntity = new EntitySchema<NoteRow>({
  name: 'BulkNote',
  tableName: 'bulk_note',
  columns: {
    ...recordColumns(),
    title: { type: 'varchar', length: 100 },
    stage: { type: 'varchar', length: 20 },
  },
})

class CreateBulkNote1763800000700 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE bulk_note (${RECORD_COLUMNS_SQL},
      title varchar(100) NOT NULL, stage varchar(20) NOT NULL)`)
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE bulk_note')
  }
}

const notes = new RecordStore<NoteRow>({ entityType: 'bulk_note', entity: NoteEntity, title: (r) => r.title })
const NoteUpdate = z.strictObject({
  title: z.string().max(100).optional(),
  stage: z.string().max(20).optional(),
})
const NoteBulkEdit = bulkEditOf(NoteUpdate.pick({ stage: true }))

/**
 * Notes filed under the `sales.lead` codes. Rules: a note titled "Refuse" refuses an edit after
 * writing it (so only a savepoint can undo it); a note in stage "locked" cannot be deleted.
 */
function registerNotes(api: ApiRouter, db: Parameters<typeof registerAggregate>[1]['db']) {
  registerAggregate(api, {
    resource: 'sales.lead',
    path: '/notes',
    db,
    store: notes,
    create: {
      summary: 'Create a note',
      body: z.strictObject({ title: z.string().max(100), stage: z.string().max(20) }),
      run: (m, ctx, body) => notes.create(m, ctx, body),
    },
    update: {
      body: NoteUpdate,
      apply: async (m, ctx, id, version, body) => {
        const row = await notes.update(m, ctx, id, version, body)
        if (row.title === 'Refuse') throw problem(409, 'http.conflict')
        return row
      },
    },
    remove: async (m, ctx, id, version) => {
      const row = await notes.get(m, id, ctx)
      if (row.stage === 'locked') throw problem(409, 'record.awaiting_approval')
      await notes.softDelete(m, ctx, id, version)
    },
    bulk: { edit: NoteBulkEdit },
  })
}

describe('aggregate bulk option: routes', () => {
  it('registers bulk edit with the update code and bulk delete with the delete code', () => {
    const api = new ApiRouter('/api/demo')
    registerNotes(api, {} as never)
    const routes = new Map(api.routes().map((r) => [`${r.method} ${r.path}`, r]))
    expect(routes.get('post /api/demo/notes/bulk-edit')).toMatchObject({ access: 'sales.lead.update' })
    expect(routes.get('post /api/demo/notes/bulk-edit')?.body).toBe(NoteBulkEdit)
    expect(routes.get('post /api/demo/notes/bulk-delete')).toMatchObject({ access: 'sales.lead.delete' })
  })

  it('has no bulk edit without an edit schema, no bulk delete without a deletion rule', () => {
    const api = new ApiRouter('/api/demo')
    registerAggregate(api, {
      resource: 'sales.lead',
      path: '/plain',
      db: {} as never,
      store: notes,
      bulk: {},
    })
    const paths = api.routes().map((r) => r.path)
    expect(paths.filter((p) => p.includes('bulk'))).toEqual([])
    registerAggregate(api, {
      resource: 'sales.lead',
      path: '/soft',
      db: {} as never,
      store: notes,
      remove: 'soft',
      bulk: {},
    })
    expect(
      api
        .routes()
        .filter((r) => r.path.includes('bulk'))
        .map((r) => r.path),
    ).toEqual(['/api/demo/soft/bulk-delete'])
  })

  it('refuses a bulk edit without the aggregate’s update, and bulk routes under a nested path', () => {
    const api = new ApiRouter('/api/demo')
    const base = { resource: 'sales.lead' as const, db: {} as never, store: notes }
    expect(() => registerAggregate(api, { ...base, path: '/x', bulk: { edit: NoteBulkEdit } })).toThrow(
      /needs the aggregate's update/,
    )
    expect(() => registerAggregate(api, { ...base, path: '/x/:id/y', remove: 'soft', bulk: {} })).toThrow(
      /top-level lists/,
    )
  })
})

describe('aggregate bulk option over HTTP', () => {
  let demo: Demo
  let writer: string
  let reader: string

  beforeAll(async () => {
    demo = await startDemo({
      entities: [NoteEntity],
      migrations: [KitRecordTables1763800000000, CreateBulkNote1763800000700],
      routes: ({ api, db }) => registerNotes(api, db),
    })
    const as = (codes: string[]) => demo.token({ claims: { perms: packPermissions(codes) } })
    writer = await as(['sales.lead.read', 'sales.lead.create', 'sales.lead.update', 'sales.lead.delete'])
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
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined }
  }
  const newNote = async (title: string, stage = 'new') =>
    (await call('POST', '/notes', { body: { title, stage } })).body as { id: string; version: number }
  const actions = async (id: string) =>
    ((await call('GET', `/notes/${id}/audit`)).body as Array<{ action: string }>).map((e) => e.action)
  const MISSING = '00000000-0000-4000-8000-0000000000ff'

  it('edits each record at its current version; a refused record leaves nothing, even after writing', async () => {
    const edited = await newNote('Edited earlier')
    await call('PATCH', `/notes/${edited.id}`, { ifMatch: '"1"', body: { title: 'Edited twice' } })
    const plain = await newNote('Plain')
    const refuser = await newNote('Refuse')
    const res = await call('POST', '/notes/bulk-edit', {
      body: { ids: [edited.id, plain.id, refuser.id, MISSING, plain.id], changes: { stage: 'won' } },
    })
    expect(bulkOutcomes(res)).toEqual({
      [edited.id]: 'ok',
      [plain.id]: 'ok',
      [refuser.id]: 'http.conflict',
      [MISSING]: 'http.not_found',
    })
    expect(res.body.results[0]).toMatchObject({ ok: true, title: 'Edited twice' })
    expect(res.body.results[2]).toMatchObject({ ok: false, status: 409, title: null })
    expect((await call('GET', `/notes/${edited.id}`)).body).toMatchObject({ stage: 'won', version: 3 })
    expect((await call('GET', `/notes/${refuser.id}`)).body).toMatchObject({ stage: 'new', version: 1 })
    expect(await actions(plain.id)).toEqual(['update', 'create'])
    expect(await actions(refuser.id)).toEqual(['create'])
  })

  it('deletes each record through its deletion rule; a guarded record answers with the guard’s code', async () => {
    const a = await newNote('Gone A')
    const locked = await newNote('Locked', 'locked')
    const res = await call('POST', '/notes/bulk-delete', { body: { ids: [a.id, locked.id] } })
    expect(bulkOutcomes(res)).toEqual({ [a.id]: 'ok', [locked.id]: 'record.awaiting_approval' })
    expect((await call('GET', `/notes/${a.id}`)).status).toBe(404)
    expect((await call('GET', `/notes/${locked.id}`)).status).toBe(200)
    expect(await actions(a.id)).toEqual(['delete', 'create'])
  })

  it('checks access and the body: 403 without the code, the unknown field named, at least one change, at most 200 ids', async () => {
    const note = await newNote('Checked')
    const body = { ids: [note.id], changes: { stage: 'x' } }
    expect((await call('POST', '/notes/bulk-edit', { token: reader, body })).status).toBe(403)
    expect(
      (await call('POST', '/notes/bulk-delete', { token: reader, body: { ids: [note.id] } })).status,
    ).toBe(403)
    const unknown = await call('POST', '/notes/bulk-edit', {
      body: { ids: [note.id], changes: { title: 'No' } },
    })
    expect(unknown.status).toBe(400)
    expect(fieldCodes(unknown)).toEqual({ 'changes.title': 'validation.unknown_field' })
    const empty = await call('POST', '/notes/bulk-edit', { body: { ids: [note.id], changes: {} } })
    expect(fieldCodes(empty)).toEqual({ changes: 'validation.bulk_field_required' })
    const many = Array.from({ length: 201 }, () => note.id)
    const tooMany = await call('POST', '/notes/bulk-delete', { body: { ids: many } })
    expect(fieldCodes(tooMany)).toEqual({ ids: 'validation.too_many' })
    expect((await call('GET', `/notes/${note.id}`)).body).toMatchObject({ version: 1 })
  })
})
