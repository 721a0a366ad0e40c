import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  EntitySchema,
  type DataSource,
  type EntityManager,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm'
import { openDatabase, type Database } from './database.js'
import {
  GENERIC_PLAN_STATEMENTS_MAX,
  attachGenericPlans,
  genericPlanName,
  runWithGenericPlan,
  type GenericPlans,
} from './generic-plans.js'
import { createTestDatabase, type TestDatabase } from '../testing.js'
import { RECORD_COLUMNS_SQL, recordColumns, type RecordBase } from '../records/columns.js'
import { listPage, type ListSpec } from '../records/list.js'
import { encodeCursor, type PageRequest } from '../http/paging.js'
import { HttpError } from '../errors.js'

interface DealRow extends RecordBase {
  ownerId: string
  title: string
  amount: string | null
  won: boolean
  lines: Array<{ code: string; qty: number }>
  closedAt: Date | null
}

const DealEntity = new EntitySchema<DealRow>({
  name: 'Deal',
  tableName: 'deal',
  columns: {
    ...recordColumns(),
    ownerId: { type: 'uuid', name: 'owner_id' },
    title: { type: 'varchar', length: 100 },
    amount: { type: 'numeric', precision: 18, scale: 2, nullable: true },
    won: { type: 'boolean' },
    lines: { type: 'jsonb' },
    closedAt: { type: 'timestamptz', name: 'closed_at', nullable: true },
  },
})

class CreateDeal1763800000700 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE deal (${RECORD_COLUMNS_SQL}, owner_id uuid NOT NULL, title varchar(100) NOT NULL,
      amount numeric(18,2), won boolean NOT NULL, lines jsonb NOT NULL, closed_at timestamptz)`)
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE deal')
  }
}

const ME = '3f1c6a2e-8a3b-4c5d-9e7f-0a1b2c3d4e5f'
const OTHER = '0b5e7a1c-2d3f-4a5b-8c6d-7e8f9a0b1c2d'

type Query = PageRequest & { title?: string }

/** The deals list: the caller's own (scope), optionally a title search (a value-dependent plan). */
function dealList(m: EntityManager, query: Query) {
  const spec: ListSpec<DealRow, Query, DealRow> = {
    scope: { sql: 'd.owner_id = :me', params: { me: ME } },
    filters: { title: (title) => ({ sql: 'd.title LIKE :title', params: { title: `%${title}%` } }) },
    present: (rows) => rows,
  }
  const from = m.getRepository(DealEntity).createQueryBuilder('d').where('d.deleted_at IS NULL')
  return listPage(from, query, spec)
}

/** The SQL of every statement `work` sends through TypeORM's logger (the generic path logs there too). */
async function statementsOf(dataSource: DataSource, work: () => Promise<unknown>): Promise<string[]> {
  const logger = dataSource.logger
  const original = logger.logQuery.bind(logger)
  const sent: string[] = []
  logger.logQuery = (query, parameters, runner) => {
    sent.push(query)
    return original(query, parameters, runner)
  }
  try {
    await work()
  } finally {
    logger.logQuery = original
  }
  return sent
}

const preparedAmong = (dataSource: DataSource, sql: string[]) =>
  sql.filter((s) => genericPlanName(dataSource, s) !== undefined)

describe('generic-plan statement names', () => {
  it('names each distinct statement once, up to the maximum, then none', async () => {
    const fake = {} as DataSource
    const plans = attachGenericPlans(fake, 'postgres://nobody@127.0.0.1:1/none')
    try {
      const first = plans.nameOf('SELECT 0')
      expect(first).toMatch(/^kit_[0-9a-f]{24}$/)
      expect(plans.nameOf('SELECT 0')).toBe(first)
      for (let i = 1; i < GENERIC_PLAN_STATEMENTS_MAX; i++) expect(plans.nameOf(`SELECT ${i}`)).toBeTruthy()
      expect(plans.nameOf('SELECT -1')).toBeNull()
      expect(plans.nameOf('SELECT 0')).toBe(first)
      expect(genericPlanName(fake, 'SELECT 0')).toBe(first)
      expect(genericPlanName(fake, 'SELECT -1')).toBeUndefined()
    } finally {
      await plans.close()
    }
  })
})

describe('plan-stable list pages', () => {
  let testDb: TestDatabase
  let db: Database
  const server = Boolean(process.env.TEST_DATABASE_URL)
  /** The pool put back after a test replaced the database's own (closed with the database). */
  let restored: GenericPlans | undefined

  beforeAll(async () => {
    testDb = await createTestDatabase()
    db = await openDatabase({
      url: testDb.url,
      entities: [DealEntity],
      migrations: [CreateDeal1763800000700],
    })
    // 30 deals of mine and 10 of someone else's, with every kind of value the hydration must keep.
    await db.dataSource.query(`
      INSERT INTO deal (id, created_at, updated_at, owner_id, title, amount, won, lines, closed_at)
      SELECT gen_random_uuid(), timestamptz '2024-01-01T00:00:00.123456Z' + i * interval '1 hour', now(),
        CASE WHEN i <= 30 THEN '${ME}'::uuid ELSE '${OTHER}'::uuid END,
        'deal ' || i, CASE WHEN i % 3 = 0 THEN NULL ELSE (i * 1000.5)::numeric END, i % 2 = 0,
        jsonb_build_array(jsonb_build_object('code', 'P' || i, 'qty', i)),
        CASE WHEN i % 4 = 0 THEN timestamptz '2024-02-01T08:00:00Z' END
      FROM generate_series(1, 40) AS i`)
  })
  afterAll(async () => {
    await restored?.close()
    await db?.close()
    await testDb?.drop()
  })

  it.skipIf(!server)('hydrates rows exactly as TypeORM does', async () => {
    const query = db.dataSource.manager
      .getRepository(DealEntity)
      .createQueryBuilder('d')
      .addSelect('CAST(d.created_at AS text)', 'kit_cursor_key')
      .orderBy('d.created_at', 'DESC')
      .take(25)
    const generic = await runWithGenericPlan(query.clone())
    const typeorm = await query.clone().getRawAndEntities()
    expect(generic).not.toBeNull()
    expect(generic!.entities).toEqual(typeorm.entities)
    expect(generic!.raw).toEqual(typeorm.raw)
    const withNulls = generic!.entities.find((d) => d.amount === null && d.closedAt === null)
    expect(withNulls).toBeDefined()
    const closed = generic!.entities.find((d) => d.closedAt !== null)!
    expect(closed.closedAt).toBeInstanceOf(Date)
    expect(typeof generic!.entities.find((d) => d.amount !== null)!.amount).toBe('string')
    expect(generic!.entities[0]!.lines[0]).toMatchObject({
      code: expect.any(String),
      qty: expect.any(Number),
    })
  })

  it.skipIf(!server)('runs a page narrowed only by the scope prepared, its cursor pages too', async () => {
    let first: Awaited<ReturnType<typeof dealList>> | undefined
    const sent = await statementsOf(db.dataSource, async () => {
      first = await dealList(db.dataSource.manager, { limit: 20 })
    })
    expect(preparedAmong(db.dataSource, sent)).toHaveLength(1)
    expect(first!.items).toHaveLength(20)
    expect(first!.total).toBe(30)
    expect(first!.items.every((d) => d.ownerId === ME)).toBe(true)
    let second: Awaited<ReturnType<typeof dealList>> | undefined
    const next = await statementsOf(db.dataSource, async () => {
      second = await dealList(db.dataSource.manager, { limit: 20, cursor: first!.nextCursor! })
    })
    expect(preparedAmong(db.dataSource, next)).toHaveLength(1)
    const ids = [...first!.items, ...second!.items].map((d) => d.id)
    expect(new Set(ids).size).toBe(30)
  })

  it.skipIf(!server)('plans a search, a numbered page and a transaction per request', async () => {
    const search = await statementsOf(db.dataSource, () =>
      dealList(db.dataSource.manager, { limit: 20, title: 'deal 1' }),
    )
    expect(search.length).toBeGreaterThan(0)
    expect(preparedAmong(db.dataSource, search)).toEqual([])
    const numbered = await statementsOf(db.dataSource, () =>
      dealList(db.dataSource.manager, { limit: 10, page: 2 }),
    )
    expect(preparedAmong(db.dataSource, numbered)).toEqual([])
    const inTransaction = await statementsOf(db.dataSource, () =>
      db.transaction((m) => dealList(m, { limit: 7 })),
    )
    expect(
      preparedAmong(
        db.dataSource,
        inTransaction.filter((s) => s.startsWith('SELECT')),
      ),
    ).toEqual([])
  })

  it.skipIf(!server)('answers concurrent pages each with its own rows', async () => {
    const sequential = await dealList(db.dataSource.manager, { limit: 6 })
    const pages = await Promise.all(
      Array.from({ length: 24 }, (_, i) => dealList(db.dataSource.manager, { limit: 1 + (i % 6) })),
    )
    pages.forEach((page, i) => {
      expect(page.items.map((d) => d.id)).toEqual(sequential.items.slice(0, 1 + (i % 6)).map((d) => d.id))
    })
  })

  it.skipIf(!server)('answers from the service pool when the generic-plan pool has no session', async () => {
    const expected = await dealList(db.dataSource.manager, { limit: 8 })
    // A pool whose server refuses connections stands in for one at the server's connection limit.
    const unreachable = attachGenericPlans(db.dataSource, 'postgres://postgres@127.0.0.1:1/nowhere')
    try {
      const page = await dealList(db.dataSource.manager, { limit: 8 })
      expect(page.items.map((d) => d.id)).toEqual(expected.items.map((d) => d.id))
      expect(page.total).toBe(30)
    } finally {
      await unreachable.close()
      restored = attachGenericPlans(db.dataSource, testDb.url!)
    }
  })

  it('refuses a tampered cursor with 400 on either path', async () => {
    const cursor = encodeCursor({ key: 'not a time', id: ME })
    await expect(dealList(db.dataSource.manager, { limit: 20, cursor })).rejects.toBeInstanceOf(HttpError)
    await expect(dealList(db.dataSource.manager, { limit: 20, cursor })).rejects.toMatchObject({
      status: 400,
    })
  })

  it.skipIf(server)('has no generic-plan pool on embedded Postgres', async () => {
    const query = db.dataSource.manager.getRepository(DealEntity).createQueryBuilder('d').take(3)
    expect(await runWithGenericPlan(query)).toBeNull()
  })
})
