import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import { openDatabase, type Database } from '../db/database.js'
import { createTestDatabase, type TestDatabase } from '../testing.js'
import { RECORD_COLUMNS_SQL, recordColumns, type RecordBase } from '../records/columns.js'
import { KitRecordTables1763800000000 } from '../records/kit-migration.js'
import { RecordStore } from '../records/record-store.js'
import type { RecordContext } from '../records/record-type.js'
import { KitAttachmentTables1763900000300 } from './migration.js'
import { attachmentPolicy } from './policy.js'

interface MemoRow extends RecordBase {
  title: string
  ownerId: string | null
  files: Array<{ id: string }>
}

const MemoEntity = new EntitySchema<MemoRow>({
  name: 'Memo',
  tableName: 'memo',
  columns: {
    ...recordColumns(),
    title: { type: 'varchar', length: 100 },
    ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
    files: { type: 'jsonb', name: 'file_list' },
  },
})

class CreateMemo1763800000600 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE memo (${RECORD_COLUMNS_SQL},
      title varchar(100) NOT NULL, owner_id uuid NULL, file_list jsonb NOT NULL DEFAULT '[]')`)
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE memo')
  }
}

const memos = new RecordStore<MemoRow>({
  entityType: 'memo',
  entity: MemoEntity,
  title: (r) => r.title,
  scope: { owner: 'ownerId' },
})
const policy = attachmentPolicy([{ store: memos, field: 'files' }])

function person(name: string, dataScope: Principal['dataScope'] = 'self'): RecordContext {
  const principal: Principal = {
    userId: randomUUID(),
    username: name,
    deptId: null,
    roles: [],
    permissions: [],
    dataScope,
    kind: 'staff',
  }
  return { actor: { id: principal.userId, name }, requestId: 'test', principal }
}

describe('attachment policy', () => {
  let testDb: TestDatabase
  let db: Database
  const alice = person('alice')
  const bob = person('bob')
  const boss = person('boss', 'all')

  beforeAll(async () => {
    testDb = await createTestDatabase()
    db = await openDatabase({
      url: testDb.url,
      entities: [MemoEntity],
      migrations: [CreateMemo1763800000600, KitRecordTables1763800000000, KitAttachmentTables1763900000300],
    })
  })
  afterAll(async () => {
    await db?.close()
    await testDb?.drop()
  })

  async function uploadBy(ctx: RecordContext, name = 'a.pdf') {
    const id = randomUUID()
    await db.dataSource.query(
      `INSERT INTO attachment (id, name, content_type, size, sha256, storage_key, created_by)
       VALUES ($1, $2, 'application/pdf', 10, $3, $4, $5)`,
      [id, name, 'x'.repeat(64), `k/${id}`, ctx.actor.id],
    )
    return id
  }
  const accept = (ctx: RecordContext, ids: string[]) =>
    db.transaction((m) =>
      policy.accept(
        m,
        ctx,
        ids.map((id) => ({ id, name: 'claimed.exe' })),
      ),
    )
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => expect.fail('accepted'),
      (e: unknown) => e,
    )

  it("refuses someone else's upload as unknown, and accepts the uploader's with the stored facts", async () => {
    const file = await uploadBy(alice, '报价.pdf')
    expect(await accept(alice, [file])).toEqual([
      { id: file, name: '报价.pdf', size: 10, contentType: 'application/pdf' },
    ])
    expect(await failure(accept(bob, [file]))).toMatchObject({
      status: 400,
      extra: { errors: [{ field: 'attachments.0', code: 'attachment.unknown' }] },
    })
    // Not visible to bob for download either.
    expect(await db.transaction((m) => policy.visible(m, bob.principal!, file))).toBe(false)
  })

  it('accepts a file the actor already sees on a live record; not once that record is deleted', async () => {
    const file = await uploadBy(alice)
    const memo = await db.transaction((m) =>
      memos.create(m, alice, { title: 'm', ownerId: alice.actor.id, files: [{ id: file }] }),
    )
    expect(await db.transaction((m) => policy.visible(m, boss.principal!, file))).toBe(true)
    expect(await accept(boss, [file])).toHaveLength(1)
    expect(await failure(accept(bob, [file]))).toMatchObject({ status: 400 })
    await db.transaction((m) => memos.softDelete(m, alice, memo.id, memo.version))
    expect(await failure(accept(boss, [file]))).toMatchObject({ status: 400 })
  })

  it('names unknown and repeated ids per position, and needs a principal to borrow', async () => {
    const file = await uploadBy(alice)
    const ghost = randomUUID()
    expect(await failure(accept(alice, [file, ghost, file]))).toMatchObject({
      extra: {
        errors: [
          { field: 'attachments.1', code: 'attachment.unknown' },
          { field: 'attachments.2', code: 'attachment.repeated' },
        ],
      },
    })
    const anonymous = { actor: { id: null, name: 'system' }, requestId: 'x' } as unknown as RecordContext
    expect(await failure(accept(anonymous, [file]))).toMatchObject({ status: 400 })
    expect(await db.transaction((m) => policy.accept(m, alice, undefined))).toEqual([])
  })
  it('refuses a file outside the types a field takes (a PDF as an image), naming its type', async () => {
    const file = await uploadBy(alice)
    const images = ['image/png', 'image/jpeg']
    expect(
      await failure(db.transaction((m) => policy.accept(m, alice, [{ id: file }], 'scans', images))),
    ).toMatchObject({
      status: 400,
      extra: {
        errors: [
          { field: 'scans.0', code: 'attachment.type_not_accepted', params: { type: 'application/pdf' } },
        ],
      },
    })
    expect(
      await failure(db.transaction((m) => policy.acceptOne(m, alice, { id: file }, 'image', images))),
    ).toMatchObject({ extra: { errors: [{ field: 'image', code: 'attachment.type_not_accepted' }] } })
    expect(
      await db.transaction((m) => policy.accept(m, alice, [{ id: file }], 'scans', ['application/pdf'])),
    ).toHaveLength(1)
  })
})
