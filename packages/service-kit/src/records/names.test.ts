import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm'
import { openDatabase, type Database } from '../db/database.js'
import { createTestDatabase, type TestDatabase } from '../testing.js'
import { RECORD_COLUMNS_SQL, recordColumns, type RecordBase } from './columns.js'
import { KitRecordTables1763800000000 } from './kit-migration.js'
import { KitDirectoryTables1763900000200 } from './directory-migration.js'
import { KitDeptReplica1764400000000, upsertDeptReplica } from './dept-replica.js'
import { upsertUserReplica } from './user-replica.js'
import { KitUserAuthVersion1764200000100 } from '../replica/auth-migration.js'
import { RecordStore } from './record-store.js'
import type { RecordContext } from './record-type.js'
import { addTeamMember, removeTeamMember } from './team.js'
import { idsIn, writeAudit } from './audit.js'

interface TaskRow extends RecordBase {
  title: string
  ownerId: string | null
  deptId: string | null
  clock: Date | null
}

const TaskEntity = new EntitySchema<TaskRow>({
  name: 'Task',
  tableName: 'task',
  columns: {
    ...recordColumns(),
    title: { type: 'varchar', length: 100 },
    ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
    deptId: { type: 'uuid', name: 'dept_id', nullable: true },
    clock: { type: 'timestamptz', nullable: true },
  },
})

class CreateTask1763800000600 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE task (${RECORD_COLUMNS_SQL},
      title varchar(100) NOT NULL, owner_id uuid NULL, dept_id uuid NULL, clock timestamptz NULL)`)
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE task')
  }
}

const tasks = new RecordStore<TaskRow>({
  entityType: 'task',
  entity: TaskEntity,
  title: (r) => r.title,
  internalFields: ['clock'],
  scope: { owner: 'ownerId', dept: 'deptId' },
  team: true,
})

const ALICE = randomUUID()
const BOB = randomUUID()
const SALES = randomUUID()
const ctx: RecordContext = { actor: { id: ALICE, name: 'Alice' } }

describe('audit and version answers name the ids they carry', () => {
  let testDb: TestDatabase
  let db: Database

  beforeAll(async () => {
    testDb = await createTestDatabase()
    db = await openDatabase({
      url: testDb.url,
      entities: [TaskEntity],
      migrations: [
        CreateTask1763800000600,
        KitRecordTables1763800000000,
        KitDirectoryTables1763900000200,
        KitDeptReplica1764400000000,
        KitUserAuthVersion1764200000100,
      ],
    })
    await db.transaction(async (m) => {
      for (const [id, name] of [
        [ALICE, 'Alice Wang'],
        [BOB, 'Bob Li'],
      ] as const) {
        await upsertUserReplica(m, {
          id,
          username: name,
          displayName: name,
          deptId: SALES,
          enabled: true,
          version: 1,
        })
      }
      await upsertDeptReplica(m, {
        id: SALES,
        name: 'East sales',
        parentId: null,
        version: 1,
        deleted: false,
      })
    })
  })
  afterAll(async () => {
    await db?.close()
    await testDb?.drop()
  })

  it('resolves owners, departments and the actor from the replicas, and hides internal fields', async () => {
    const id = await db.transaction(async (m) => {
      const row = await tasks.create(m, ctx, {
        title: 'Call',
        ownerId: ALICE,
        deptId: SALES,
        clock: new Date(),
      })
      await tasks.update(
        m,
        ctx,
        row.id,
        1,
        { ownerId: BOB, clock: new Date(Date.now() + 1000) },
        { action: 'transfer' },
      )
      return row.id
    })
    const audit = await db.transaction((m) => tasks.audit(m, id))
    expect(audit[0]).toMatchObject({
      action: 'transfer',
      diff: { ownerId: { before: ALICE, after: BOB } },
      names: { [ALICE]: 'Alice Wang', [BOB]: 'Bob Li' },
    })
    expect(Object.keys(audit[0]!.diff)).toEqual(['ownerId'])
    expect(audit[1]!.names).toMatchObject({ [SALES]: 'East sales' })

    const versions = await db.transaction((m) => tasks.versions(m, id))
    expect(versions.map((v) => v.version)).toEqual([2, 1])
    expect(versions[0]!.snapshot).not.toHaveProperty('clock')
    expect(versions[0]!.snapshot).not.toHaveProperty('version')
    expect(versions[0]!.names).toMatchObject({ [BOB]: 'Bob Li', [SALES]: 'East sales' })
  })

  it('records team changes as the member id and access, named in the answer', async () => {
    const id = await db.transaction(async (m) => {
      const row = await tasks.create(m, ctx, { title: 'Visit', ownerId: ALICE, deptId: SALES, clock: null })
      await addTeamMember(m, ctx, tasks, row.id, { userId: BOB, userName: 'Bob Li', access: 'read' })
      await removeTeamMember(m, ctx, tasks, row.id, BOB)
      return row.id
    })
    const [removed, added] = await db.transaction((m) => tasks.audit(m, id))
    expect(added).toMatchObject({
      action: 'team_add',
      diff: { teamMember: { before: null, after: BOB }, teamAccess: { before: null, after: 'read' } },
      names: { [BOB]: 'Bob Li' },
    })
    expect(removed).toMatchObject({
      action: 'team_remove',
      diff: { teamMember: { before: BOB, after: null }, teamAccess: { before: 'read', after: null } },
    })
  })

  it('refuses an action that is not in AUDIT_ACTIONS', async () => {
    await expect(
      db.transaction((m) =>
        writeAudit(m, ctx, { action: 'frobnicate' as never, entityType: 'task', entityId: randomUUID() }),
      ),
    ).rejects.toThrow(/AUDIT_ACTIONS/)
  })

  it('finds ids anywhere in a value', () => {
    expect([...idsIn({ a: [ALICE, 'x', { b: BOB.toUpperCase() }], c: 3 })]).toEqual([ALICE, BOB])
  })
})
