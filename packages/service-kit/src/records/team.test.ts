import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EntitySchema, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import { openDatabase, type Database } from '../db/database.js'
import { createTestDatabase, type TestDatabase } from '../testing.js'
import { HttpError } from '../errors.js'
import { RECORD_COLUMNS_SQL, recordColumns, type RecordBase } from './columns.js'
import { KitRecordTables1763800000000 } from './kit-migration.js'
import { KitDirectoryTables1763900000200 } from './directory-migration.js'
import { RecordStore } from './record-store.js'
import type { RecordContext } from './record-type.js'
import { addTeamMember, listTeam, removeTeamMember, updateTeamMember } from './team.js'

interface DealRow extends RecordBase {
  title: string
  ownerId: string | null
  deptId: string | null
  stage: string
}
interface MemoRow extends RecordBase {
  dealId: string
  parentType: string
  text: string
  ownerId: string | null
  deptId: string | null
}

const DealEntity = new EntitySchema<DealRow>({
  name: 'Deal',
  tableName: 'deal',
  columns: {
    ...recordColumns(),
    title: { type: 'varchar', length: 100 },
    ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
    deptId: { type: 'uuid', name: 'dept_id', nullable: true },
    stage: { type: 'varchar', length: 20 },
  },
})
const MemoEntity = new EntitySchema<MemoRow>({
  name: 'Memo',
  tableName: 'memo',
  columns: {
    ...recordColumns(),
    dealId: { type: 'uuid', name: 'deal_id' },
    parentType: { type: 'varchar', length: 20, name: 'parent_type' },
    text: { type: 'text' },
    ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
    deptId: { type: 'uuid', name: 'dept_id', nullable: true },
  },
})

class CreateDeal1763900000900 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE deal (${RECORD_COLUMNS_SQL}, title varchar(100) NOT NULL,
      owner_id uuid NULL, dept_id uuid NULL, stage varchar(20) NOT NULL)`)
    await q.query(`CREATE TABLE memo (${RECORD_COLUMNS_SQL}, deal_id uuid NOT NULL, parent_type varchar(20) NOT NULL,
      text text NOT NULL, owner_id uuid NULL, dept_id uuid NULL)`)
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE memo')
    await q.query('DROP TABLE deal')
  }
}

const deals = new RecordStore<DealRow>({
  entityType: 'deal',
  entity: DealEntity,
  title: (d) => d.title,
  scope: { owner: 'ownerId', dept: 'deptId' },
  systemFields: ['ownerId', 'deptId'],
  team: true,
})
// One memo store shares a fixed parent type's team, the other reads the type from a column.
const memos = new RecordStore<MemoRow>({
  entityType: 'memo',
  entity: MemoEntity,
  title: (m) => m.text,
  scope: { owner: 'ownerId', dept: 'deptId' },
  team: { entityType: 'deal', idField: 'dealId' },
})
const typedMemos = new RecordStore<MemoRow>({
  entityType: 'memo',
  entity: MemoEntity,
  title: (m) => m.text,
  scope: { owner: 'ownerId', dept: 'deptId' },
  team: { typeField: 'parentType', idField: 'dealId' },
})

const DEPT = randomUUID()
function principal(name: string, over: Partial<Principal> = {}): Principal {
  return {
    userId: randomUUID(),
    username: name,
    displayName: name,
    deptId: null,
    roles: [],
    permissions: [],
    dataScope: 'self',
    kind: 'staff',
    ...over,
  }
}
const ctxOf = (p: Principal): RecordContext => ({
  actor: { id: p.userId, name: p.displayName! },
  principal: p,
})

async function rejection(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError)
    return error as HttpError
  }
  throw new Error('expected a rejection')
}

describe('team members on RecordStore', () => {
  let testDb: TestDatabase
  let db: Database
  const owner = principal('owner', { deptId: DEPT })
  const reader = principal('reader')
  const writer = principal('writer')
  const stranger = principal('stranger')
  const manager = principal('manager', { dataScope: 'dept', deptId: DEPT, scopeDeptIds: [DEPT] })
  let deal: DealRow
  let other: DealRow
  const tx = <T>(work: (m: EntityManager) => Promise<T>) => db.transaction(work)

  beforeAll(async () => {
    testDb = await createTestDatabase()
    db = await openDatabase({
      url: testDb.url,
      entities: [DealEntity, MemoEntity],
      migrations: [KitRecordTables1763800000000, KitDirectoryTables1763900000200, CreateDeal1763900000900],
    })
    const values = { ownerId: owner.userId, deptId: DEPT, stage: 'new' }
    deal = await tx((m) => deals.create(m, ctxOf(owner), { title: 'Shared deal', ...values }))
    other = await tx((m) => deals.create(m, ctxOf(owner), { title: 'Private deal', ...values }))
    await tx((m) =>
      addTeamMember(m, ctxOf(owner), deals, deal.id, {
        userId: reader.userId,
        userName: 'reader',
        access: 'read',
      }),
    )
    await tx((m) =>
      addTeamMember(m, ctxOf(owner), deals, deal.id, {
        userId: writer.userId,
        userName: 'writer',
        access: 'write',
      }),
    )
  })
  afterAll(async () => {
    await db?.close()
    await testDb?.drop()
  })

  it('tells how each caller may act on a record', async () => {
    const levels = await tx(async (m) =>
      Promise.all([owner, manager, writer, reader, stranger].map((p) => deals.accessOf(m, p, deal))),
    )
    expect(levels).toEqual(['scope', 'scope', 'write', 'read', null])
    const map = await tx((m) => deals.accessMap(m, reader, [deal, other]))
    expect([...map]).toEqual([[deal.id, 'read']])
  })

  it('a read member sees the record but cannot update (403); a stranger gets not found', async () => {
    expect((await tx((m) => deals.get(m, deal.id, ctxOf(reader)))).title).toBe('Shared deal')
    const denied = await rejection(
      tx((m) => deals.update(m, ctxOf(reader), deal.id, deal.version, { title: 'x' })),
    )
    expect(denied.status).toBe(403)
    expect(denied.detail).toMatch(/read-only team member/)
    expect(denied.code).toBe('record.read_only_member')
    expect((await rejection(tx((m) => deals.get(m, deal.id, ctxOf(stranger))))).status).toBe(404)
    expect(await tx((m) => deals.find(m, other.id, ctxOf(reader)))).toBeNull()
  })

  it('a write member updates, but only the owner side may delete', async () => {
    const updated = await tx((m) => deals.update(m, ctxOf(writer), deal.id, deal.version, { stage: 'won' }))
    expect(updated).toMatchObject({ stage: 'won', version: 2 })
    deal = updated
    const del = await rejection(tx((m) => deals.softDelete(m, ctxOf(writer), deal.id, deal.version)))
    expect(del.status).toBe(403)
    expect(del.detail).toMatch(/team members cannot/)
  })

  it('list filters include shared rows at the requested access', async () => {
    const list = (p: Principal, access?: 'read' | 'write' | 'owner') =>
      tx(async (m) => {
        const qb = deals.repo(m).createQueryBuilder('d').where('d.deleted_at IS NULL')
        const scope = deals.scopeWhere(p, 'd', access)
        if (scope) qb.andWhere(scope.sql, scope.params)
        return (await qb.orderBy('d.title').getMany()).map((d) => d.title)
      })
    expect(await list(owner)).toEqual(['Private deal', 'Shared deal'])
    expect(await list(reader)).toEqual(['Shared deal'])
    expect(await list(reader, 'write')).toEqual([])
    expect(await list(writer, 'write')).toEqual(['Shared deal'])
    expect(await list(writer, 'owner')).toEqual([])
    expect(await list(stranger)).toEqual([])
  })

  it("a child record shares its parent's team (fixed type or type column)", async () => {
    const memo = await tx((m) =>
      memos.create(m, ctxOf(owner), {
        dealId: deal.id,
        parentType: 'deal',
        text: 'call back',
        ownerId: owner.userId,
        deptId: DEPT,
      }),
    )
    for (const store of [memos, typedMemos]) {
      expect((await tx((m) => store.get(m, memo.id, ctxOf(reader)))).text).toBe('call back')
      expect(await tx((m) => store.find(m, memo.id, ctxOf(stranger)))).toBeNull()
      const rows = await tx(async (m) => {
        const qb = store.repo(m).createQueryBuilder('x')
        const scope = store.scopeWhere(reader, 'x')
        if (scope) qb.where(scope.sql, scope.params)
        return qb.getMany()
      })
      expect(rows.map((r) => r.id)).toEqual([memo.id])
    }
  })

  it('team changes are the owner’s, audited on the record, and checked', async () => {
    const dup = await rejection(
      tx((m) =>
        addTeamMember(m, ctxOf(owner), deals, deal.id, {
          userId: reader.userId,
          userName: 'reader',
          access: 'write',
        }),
      ),
    )
    expect(dup.status).toBe(409)
    const self = await rejection(
      tx((m) =>
        addTeamMember(m, ctxOf(owner), deals, deal.id, {
          userId: owner.userId,
          userName: 'owner',
          access: 'read',
        }),
      ),
    )
    expect(self.status).toBe(409)
    const byWriter = await rejection(
      tx((m) =>
        addTeamMember(m, ctxOf(writer), deals, deal.id, {
          userId: stranger.userId,
          userName: 's',
          access: 'read',
        }),
      ),
    )
    expect(byWriter.status).toBe(403)
    expect(
      await tx((m) => updateTeamMember(m, ctxOf(owner), deals, deal.id, reader.userId, 'write')),
    ).toMatchObject({ access: 'write' })
    await tx((m) => removeTeamMember(m, ctxOf(owner), deals, deal.id, writer.userId))
    const team = await tx((m) => listTeam(m, deals, deal.id, ctxOf(reader)))
    expect(team).toEqual([
      expect.objectContaining({ userId: reader.userId, access: 'write', addedBy: 'owner' }),
    ])
    const trail = await tx((m) =>
      m.query(
        `SELECT action, diff FROM audit_log WHERE entity_id = $1 AND action LIKE 'team_%' ORDER BY seq`,
        [deal.id],
      ),
    )
    expect(trail.map((a: { action: string }) => a.action)).toEqual([
      'team_add',
      'team_add',
      'team_update',
      'team_remove',
    ])
    expect(trail[2].diff).toEqual({
      teamMember: { before: reader.userId, after: reader.userId },
      teamAccess: { before: 'read', after: 'write' },
    })
  })

  it('a version restore leaves system fields alone; a purge drops the team', async () => {
    const moved = await tx((m) =>
      deals.update(m, ctxOf(owner), other.id, other.version, { ownerId: reader.userId, title: 'Renamed' }),
    )
    const back = await tx((m) => deals.restoreVersion(m, ctxOf(manager), other.id, 1, moved.version))
    expect(back).toMatchObject({ title: 'Private deal', ownerId: reader.userId })
    await tx((m) => deals.softDelete(m, ctxOf(owner), deal.id, deal.version))
    await tx((m) => deals.purge(m, ctxOf(owner), deal.id))
    const [{ n }] = await tx((m) =>
      m.query('SELECT count(*)::int AS n FROM team_member WHERE entity_id = $1', [deal.id]),
    )
    expect(n).toBe(0)
  })
})
