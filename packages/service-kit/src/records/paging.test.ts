import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EntitySchema, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm'
import { openDatabase, type Database } from '../db/database.js'
import { createTestDatabase, type TestDatabase } from '../testing.js'
import { HttpError } from '../errors.js'
import { PAGE_DEPTH_MAX } from '@mosaic/schemas'
import { COUNT_CAP, clampLimit, decodeCursor, encodeCursor, resolvePaging } from '../http/paging.js'
import { RECORD_COLUMNS_SQL, recordColumns, type RecordBase } from './columns.js'
import { keysetPage, type KeysetOptions } from './paging.js'
import { containsPattern } from './search.js'
import { MAX_BRANCHES } from './branches.js'
import type { WhereFragment } from './search.js'
import { listPage } from './list.js'

interface ItemRow extends RecordBase {
  grp: string
  rank: number
}

const ItemEntity = new EntitySchema<ItemRow>({
  name: 'Item',
  tableName: 'item',
  columns: { ...recordColumns(), grp: { type: 'varchar', length: 20 }, rank: { type: 'int' } },
})

class CreateItem1763800000600 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE item (${RECORD_COLUMNS_SQL}, grp varchar(20) NOT NULL, rank int NOT NULL)`)
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE item')
  }
}

describe('clampLimit', () => {
  it('defaults, clamps and truncates', () => {
    expect(clampLimit(undefined)).toBe(20)
    expect(clampLimit(Number.NaN)).toBe(20)
    expect(clampLimit(Number.POSITIVE_INFINITY)).toBe(20)
    expect(clampLimit(0)).toBe(1)
    expect(clampLimit(-5)).toBe(1)
    expect(clampLimit(1)).toBe(1)
    expect(clampLimit(7.9)).toBe(7)
    expect(clampLimit(100)).toBe(100)
    expect(clampLimit(101)).toBe(100)
    expect(clampLimit(1000)).toBe(100)
  })
})

describe('cursors', () => {
  it('round-trip', () => {
    const id = randomUUID()
    expect(decodeCursor(encodeCursor({ key: '2024-01-01T00:00:00.000Z', id }))).toEqual({
      key: '2024-01-01T00:00:00.000Z',
      id,
    })
    expect(decodeCursor(encodeCursor({ key: 5, id }))).toEqual({ key: 5, id })
    expect(decodeCursor(encodeCursor({ key: null, id }))).toEqual({ key: null, id })
  })

  it('absent → undefined', () => {
    expect(decodeCursor(undefined)).toBeUndefined()
    expect(decodeCursor('')).toBeUndefined()
  })

  it('garbage → 400 naming the cursor', () => {
    const garbage = [
      'garbage',
      '!!!',
      Buffer.from('not json').toString('base64url'),
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('[1, 2]').toString('base64url'),
      Buffer.from('null').toString('base64url'),
      // Well-formed JSON that would reach the query: a non-UUID id, a key of the wrong type,
      // unstorable text, a year Postgres refuses.
      Buffer.from('["a", "not-a-uuid"]').toString('base64url'),
      Buffer.from('[{"x":1}, "3f1c6a2e-8a3b-4c5d-9e7f-0a1b2c3d4e5f"]').toString('base64url'),
      Buffer.from('["a\\u0000b", "3f1c6a2e-8a3b-4c5d-9e7f-0a1b2c3d4e5f"]').toString('base64url'),
      Buffer.from('["0000-01-01T00:00:00Z", "3f1c6a2e-8a3b-4c5d-9e7f-0a1b2c3d4e5f"]').toString('base64url'),
    ]
    for (const raw of garbage) {
      let error: unknown
      try {
        decodeCursor(raw)
      } catch (e) {
        error = e
      }
      expect(error, raw).toBeInstanceOf(HttpError)
      expect((error as HttpError).status).toBe(400)
      expect((error as HttpError).code).toBe('http.cursor_invalid')
      expect((error as HttpError).extra.errors).toMatchObject([
        { field: 'cursor', code: 'validation.cursor' },
      ])
    }
  })
})

describe('resolvePaging', () => {
  const fails = (request: Parameters<typeof resolvePaging>[0]) => {
    try {
      resolvePaging(request)
    } catch (e) {
      return e as HttpError
    }
    throw new Error('expected a 400')
  }

  it('numbered pages are offsets within the depth cap', () => {
    expect(resolvePaging({})).toEqual({ limit: 20, cursor: undefined, offset: 0 })
    expect(resolvePaging({ page: 3, limit: 50 })).toEqual({ limit: 50, cursor: undefined, offset: 100 })
    // The last page that starts inside the first PAGE_DEPTH_MAX rows.
    expect(resolvePaging({ page: PAGE_DEPTH_MAX / 100, limit: 100 }).offset).toBe(PAGE_DEPTH_MAX - 100)
  })

  it('a page beyond the cap is 400 paging.page_too_deep', () => {
    const error = fails({ page: PAGE_DEPTH_MAX / 100 + 1, limit: 100 })
    expect(error.status).toBe(400)
    expect(error.code).toBe('paging.page_too_deep')
    expect(error.params).toEqual({ max: PAGE_DEPTH_MAX })
    expect(fails({ page: 501 }).code).toBe('paging.page_too_deep')
  })

  it('page together with cursor is 400 paging.page_with_cursor', () => {
    const cursor = encodeCursor({ key: 1, id: randomUUID() })
    const error = fails({ page: 1, cursor })
    expect(error.status).toBe(400)
    expect(error.code).toBe('paging.page_with_cursor')
    expect(error.extra.errors).toMatchObject([{ field: 'page', code: 'paging.page_with_cursor' }])
  })
})

describe('keysetPage', () => {
  let testDb: TestDatabase
  let db: Database

  beforeAll(async () => {
    testDb = await createTestDatabase()
    db = await openDatabase({
      url: testDb.url,
      entities: [ItemEntity],
      migrations: [CreateItem1763800000600],
    })
    // 45 rows in group 'walk' (ascending positions): 13 at distinct minutes, 13 sharing one
    // microsecond-precision timestamp (positions 14-26: holds the page boundaries 20 ASC and 26 = 20th DESC),
    // 7 at distinct minutes, 12 sharing one millisecond timestamp (positions 34-45: holds boundary 40 ASC).
    await db.dataSource.query(`
      INSERT INTO item (id, created_at, updated_at, grp, rank)
      SELECT gen_random_uuid(), timestamptz '2024-01-01T00:00:00Z' + (i * interval '1 minute'), now(), 'walk', i % 4
      FROM generate_series(1, 20) AS i`)
    await db.dataSource.query(`
      INSERT INTO item (id, created_at, updated_at, grp, rank)
      SELECT gen_random_uuid(), timestamptz '2024-01-01T00:13:30.123456Z', now(), 'walk', i % 4
      FROM generate_series(1, 13) AS i`)
    await db.dataSource.query(`
      INSERT INTO item (id, created_at, updated_at, grp, rank)
      SELECT gen_random_uuid(), timestamptz '2024-01-01T00:30:00.123Z', now(), 'walk', i % 4
      FROM generate_series(1, 12) AS i`)
    // Many rows for the count cap.
    await db.dataSource.query(`
      INSERT INTO item (id, created_at, updated_at, grp, rank)
      SELECT gen_random_uuid(), now(), now(), 'bulk', i FROM generate_series(1, ${COUNT_CAP + 5}) AS i`)
  })
  afterAll(async () => {
    await db?.close()
    await testDb?.drop()
  })

  const walkQuery = (m: EntityManager) =>
    m.getRepository(ItemEntity).createQueryBuilder('i').where('i.grp = :grp', { grp: 'walk' })

  async function walk(options: Omit<KeysetOptions, 'cursor' | 'alias'>) {
    const pages: Array<{ ids: string[]; total: number; totalCapped: boolean; nextCursor: string | null }> = []
    let cursor: string | undefined
    for (let guard = 0; guard < 10; guard++) {
      // Inside a transaction, as the routes run it: the count must use the same connection.
      const page = await db.transaction((m) => keysetPage(walkQuery(m), { alias: 'i', ...options, cursor }))
      pages.push({
        ids: page.items.map((r) => r.id),
        total: page.total,
        totalCapped: page.totalCapped,
        nextCursor: page.nextCursor,
      })
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    return pages
  }

  async function expectedOrder(column: string, direction: 'ASC' | 'DESC') {
    const rows: Array<{ id: string }> = await db.dataSource.query(
      `SELECT id FROM item WHERE grp = 'walk' ORDER BY ${column} ${direction}, id ${direction}`,
    )
    return rows.map((r) => r.id)
  }

  for (const direction of ['DESC', 'ASC'] as const) {
    it(`walks 45 rows in 3 pages of 20, ${direction}, without duplicates or gaps`, async () => {
      const pages = await walk({ sortColumn: 'created_at', sortProperty: 'createdAt', direction, limit: 20 })
      expect(pages.map((p) => p.ids.length)).toEqual([20, 20, 5])
      expect(pages.map((p) => p.total)).toEqual([45, 45, 45])
      expect(pages.every((p) => p.totalCapped === false)).toBe(true)
      expect(pages.at(-1)!.nextCursor).toBeNull()
      const ids = pages.flatMap((p) => p.ids)
      expect(new Set(ids).size).toBe(45)
      expect(ids).toEqual(await expectedOrder('created_at', direction))
    })
  }

  it('pages on an int column with many ties', async () => {
    for (const direction of ['ASC', 'DESC'] as const) {
      const pages = await walk({
        sortColumn: 'rank',
        sortProperty: 'rank',
        sortType: 'int',
        direction,
        limit: 7,
      })
      expect(pages.map((p) => p.ids.length)).toEqual([7, 7, 7, 7, 7, 7, 3])
      expect(pages.flatMap((p) => p.ids)).toEqual(await expectedOrder('rank', direction))
    }
  })

  describe('alternatives paged branch by branch (anyOf)', () => {
    const early = '2024-01-01T00:14:00Z'
    // rank 0 or rank 1 or early: overlapping alternatives, each row must come once.
    const overlapping: WhereFragment[] = [
      { sql: 'i.rank = :r0', params: { r0: 0 } },
      { sql: 'i.rank = :r1', params: { r1: 1 } },
      { sql: 'i.created_at < :early', params: { early } },
    ]
    const matching = async (where: string, order = 'created_at DESC, id DESC') => {
      const rows: Array<{ id: string }> = await db.dataSource.query(
        `SELECT id FROM item WHERE grp = 'walk' AND ${where} ORDER BY ${order}`,
        where.includes('$1') ? [early] : [],
      )
      return rows.map((r) => r.id)
    }

    it('walks the union in order, overlaps once, with exact totals, both directions', async () => {
      for (const direction of ['DESC', 'ASC'] as const) {
        const expected = await matching(
          '(rank IN (0, 1) OR created_at < $1)',
          `created_at ${direction}, id ${direction}`,
        )
        const pages = await walk({
          sortColumn: 'created_at',
          sortProperty: 'createdAt',
          direction,
          limit: 7,
          anyOf: [overlapping],
        })
        expect(pages.flatMap((p) => p.ids)).toEqual(expected)
        expect(pages.every((p) => p.total === expected.length && !p.totalCapped)).toBe(true)
      }
    })

    it('ANDs groups (each combination a branch) and serves numbered pages', async () => {
      const expected = await matching('(rank = 0 OR rank = 1) AND (created_at < $1 OR rank = 1)')
      const anyOf = [
        overlapping.slice(0, 2),
        [overlapping[2]!, { sql: 'i.rank = :alsoR1', params: { alsoR1: 1 } }],
      ]
      const page = (n: number) =>
        db.transaction((m) =>
          keysetPage(walkQuery(m), {
            alias: 'i',
            sortColumn: 'created_at',
            sortProperty: 'createdAt',
            paging: { page: n, limit: 4 },
            anyOf,
          }),
        )
      const pages = await Promise.all([1, 2, 3, 4, 5, 6].map(page))
      expect(pages.flatMap((p) => p.items.map((r) => r.id))).toEqual(expected)
      expect(pages[0]!.total).toBe(expected.length)
    })

    it(`folds a group wider than ${MAX_BRANCHES} alternatives back into one OR`, async () => {
      const wide = Array.from({ length: MAX_BRANCHES + 1 }, (_, n) => ({
        sql: `i.rank = :wide${n}`,
        params: { [`wide${n}`]: n % 2 },
      }))
      const pages = await walk({
        sortColumn: 'created_at',
        sortProperty: 'createdAt',
        limit: 9,
        anyOf: [wide],
      })
      expect(pages.flatMap((p) => p.ids)).toEqual(await matching('rank IN (0, 1)'))
    })

    it('pages in an order given as an expression (text, C collation)', async () => {
      const sortSql = `(i.rank::text || i.grp) COLLATE "C"`
      const pages = await walk({
        sortColumn: 'created_at',
        sortProperty: 'createdAt',
        sortSql,
        sortType: 'text',
        limit: 6,
        anyOf: [overlapping],
      })
      const expected = await matching(
        '(rank IN (0, 1) OR created_at < $1)',
        `(rank::text || grp) COLLATE "C" DESC, id DESC`,
      )
      expect(pages.flatMap((p) => p.ids)).toEqual(expected)
    })
  })

  it('numbered pages: page n is rows (n-1)*limit.., in the keyset order, with a cursor to walk on', async () => {
    const order = await expectedOrder('created_at', 'DESC')
    const numbered = async (page: number) =>
      db.transaction((m) =>
        keysetPage(walkQuery(m), {
          alias: 'i',
          sortColumn: 'created_at',
          sortProperty: 'createdAt',
          paging: { page, limit: 10 },
        }),
      )
    const pages = await Promise.all([1, 2, 3, 4, 5].map(numbered))
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 10, 10, 5])
    expect(pages.flatMap((p) => p.items.map((r) => r.id))).toEqual(order)
    expect(pages.map((p) => p.total)).toEqual([45, 45, 45, 45, 45])
    expect(pages[4]!.nextCursor).toBeNull()
    // The cursor of a numbered page continues exactly where the next numbered page starts.
    const walked = await db.transaction((m) =>
      keysetPage(walkQuery(m), {
        alias: 'i',
        sortColumn: 'created_at',
        sortProperty: 'createdAt',
        paging: { cursor: pages[1]!.nextCursor!, limit: 10 },
      }),
    )
    expect(walked.items.map((r) => r.id)).toEqual(pages[2]!.items.map((r) => r.id))
    const beyond = await numbered(9)
    expect(beyond.items).toEqual([])
  })

  it('defaults to 20 per page, newest first', async () => {
    const page = await db.transaction((m) =>
      keysetPage(walkQuery(m), { alias: 'i', sortColumn: 'created_at', sortProperty: 'createdAt' }),
    )
    expect(page.items).toHaveLength(20)
    expect(page.items.map((r) => r.id)).toEqual((await expectedOrder('created_at', 'DESC')).slice(0, 20))
  })

  it('clamps the limit: 1000 → 100, 0 → 1', async () => {
    const big = await db.transaction((m) =>
      keysetPage(m.getRepository(ItemEntity).createQueryBuilder('i'), {
        alias: 'i',
        sortColumn: 'created_at',
        sortProperty: 'createdAt',
        limit: 1000,
      }),
    )
    expect(big.items).toHaveLength(100)
    const one = await db.transaction((m) =>
      keysetPage(walkQuery(m), { alias: 'i', sortColumn: 'created_at', sortProperty: 'createdAt', limit: 0 }),
    )
    expect(one.items).toHaveLength(1)
    expect(one.nextCursor).not.toBeNull()
  })

  it('an empty result has no cursor and total 0', async () => {
    const page = await db.transaction((m) =>
      keysetPage(m.getRepository(ItemEntity).createQueryBuilder('i').where('i.grp = :g', { g: 'none' }), {
        alias: 'i',
        sortColumn: 'created_at',
        sortProperty: 'createdAt',
      }),
    )
    expect(page).toEqual({ items: [], nextCursor: null, total: 0, totalCapped: false })
  })

  it('counts exactly up to the cap, then says totalCapped', async () => {
    const bulk = (m: EntityManager) =>
      m.getRepository(ItemEntity).createQueryBuilder('i').where('i.grp = :g', { g: 'bulk' })
    const capped = await db.transaction((m) =>
      keysetPage(bulk(m), { alias: 'i', sortColumn: 'created_at', sortProperty: 'createdAt', limit: 5 }),
    )
    expect(capped.total).toBe(COUNT_CAP)
    expect(capped.totalCapped).toBe(true)
    expect(capped.items).toHaveLength(5)
    const exact = await db.transaction((m) =>
      keysetPage(bulk(m).andWhere('i.rank <= :max', { max: COUNT_CAP }), {
        alias: 'i',
        sortColumn: 'created_at',
        sortProperty: 'createdAt',
        limit: 5,
      }),
    )
    expect(exact.total).toBe(COUNT_CAP)
    expect(exact.totalCapped).toBe(false)
    const under = await db.transaction((m) =>
      keysetPage(bulk(m).andWhere('i.rank <= :max', { max: 123 }), {
        alias: 'i',
        sortColumn: 'created_at',
        sortProperty: 'createdAt',
        limit: 5,
      }),
    )
    expect(under.total).toBe(123)
    expect(under.totalCapped).toBe(false)
  })

  describe('a counted set without alternatives is read once, with its page', () => {
    // The bulk rows share one created_at (one statement's now()): the pages' order rests on the id.
    const upTo = (max: number) => (m: EntityManager) =>
      m
        .getRepository(ItemEntity)
        .createQueryBuilder('i')
        .where('i.grp = :g', { g: 'bulk' })
        .andWhere('i.rank <= :max', { max })

    /** Every page of the set, 100 at a time (the most a page holds), with the statements each sent. */
    async function walkSet(max: number, pagesAtMost = 20) {
      const pages: Array<{ ids: string[]; total: number; capped: boolean; statements: string[] }> = []
      let cursor: string | undefined
      for (let n = 0; n < pagesAtMost; n++) {
        const statements: string[] = []
        const logger = db.dataSource.logger
        const original = logger.logQuery
        logger.logQuery = (sql) => void (/^\s*(SELECT|WITH)/i.test(sql) && statements.push(sql))
        const page = await db
          .transaction((m) =>
            keysetPage(upTo(max)(m), {
              alias: 'i',
              sortColumn: 'created_at',
              sortProperty: 'createdAt',
              paging: { limit: 100, cursor },
            }),
          )
          .finally(() => (logger.logQuery = original))
        pages.push({
          ids: page.items.map((r) => r.id),
          total: page.total,
          capped: page.totalCapped,
          statements,
        })
        if (!page.nextCursor) break
        cursor = page.nextCursor
      }
      return pages
    }

    async function expectedIds(max: number) {
      const rows: Array<{ id: string }> = await db.dataSource.query(
        `SELECT id FROM item WHERE grp = 'bulk' AND rank <= $1 ORDER BY created_at DESC, id DESC`,
        [max],
      )
      return rows.map((r) => r.id)
    }

    it('one statement a page: exact totals, the set in order, cursors across ties', async () => {
      for (const max of [7, 1_234]) {
        const pages = await walkSet(max)
        expect(pages.flatMap((p) => p.ids)).toEqual(await expectedIds(max))
        expect(pages.map((p) => p.ids.length)).toEqual(
          Array.from({ length: Math.ceil(max / 100) }, (_, k) => Math.min(100, max - k * 100)),
        )
        expect(pages.every((p) => p.total === max && !p.capped)).toBe(true)
        for (const { statements } of pages) {
          expect(statements).toHaveLength(1)
          expect(statements[0]).toMatch(/^\s*WITH "kit_set" AS MATERIALIZED/)
        }
      }
    })

    it('numbered pages of the set: page n is its rows (n-1)*limit.., in order', async () => {
      const expected = await expectedIds(345)
      const numbered = (page: number) =>
        db.transaction((m) =>
          keysetPage(upTo(345)(m), {
            alias: 'i',
            sortColumn: 'created_at',
            sortProperty: 'createdAt',
            paging: { page, limit: 50 },
          }),
        )
      const pages = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(numbered))
      expect(pages.flatMap((p) => p.items.map((r) => r.id))).toEqual(expected)
      expect(pages.every((p) => p.total === 345)).toBe(true)
    })

    it(`past the cap (${COUNT_CAP}+): the rows read were not the first, the plain query pages`, async () => {
      const pages = await walkSet(COUNT_CAP + 5, 2)
      const expected = (await expectedIds(COUNT_CAP + 5)).slice(0, 200)
      expect(pages.flatMap((p) => p.ids)).toEqual(expected)
      for (const { statements, total, capped } of pages) {
        expect([total, capped]).toEqual([COUNT_CAP, true])
        expect(statements).toHaveLength(2)
        expect(statements[1]).not.toContain('kit_set')
      }
    })
  })

  it('a garbage cursor is a 400, not a database error', async () => {
    const tampered = [
      'garbage',
      encodeCursor({ key: '2024-01-01T00:00:00.000Z', id: 'not-a-uuid' }),
      encodeCursor({ key: 'not a date', id: randomUUID() }),
    ]
    for (const cursor of tampered) {
      const error = await db
        .transaction((m) =>
          keysetPage(walkQuery(m), {
            alias: 'i',
            sortColumn: 'created_at',
            sortProperty: 'createdAt',
            cursor,
          }),
        )
        .then(
          () => undefined,
          (e: unknown) => e,
        )
      expect(error, cursor).toBeInstanceOf(HttpError)
      expect((error as HttpError).status).toBe(400)
    }
    // The database is still usable afterwards.
    await db.ping()
  })
  it('listPage ANDs the scope and the set query values, pages and presents', async () => {
    type ItemQuery = {
      grp?: string
      rank?: number
      from?: string
      to?: string
      notRank?: number
      limit?: number
    }
    const query: ItemQuery = {
      grp: 'walk',
      rank: 2,
      from: '2024-01-01T00:05:00Z',
      to: '2024-01-01T00:20:00Z',
      limit: 3,
    }
    const filters = { notRank: (n: number) => ({ sql: 'i.rank <> :notRank', params: { notRank: n } }) }
    const page = await listPage(walkQuery(db.dataSource.manager), query, {
      scope: { sql: 'i.rank < :scopeRank', params: { scopeRank: 3 } },
      filters,
      equal: ['grp', 'rank'],
      ranges: { created_at: ['from', 'to'] },
      present: (rows) => rows.map((r) => `${r.rank}:${r.createdAt.toISOString()}`),
    })
    const expected: Array<{ rank: number; at: string }> = await db.dataSource.query(
      `SELECT rank, created_at AS at FROM item WHERE grp = 'walk' AND rank = 2
       AND created_at BETWEEN '2024-01-01T00:05:00Z' AND '2024-01-01T00:20:00Z' ORDER BY created_at DESC, id DESC`,
    )
    expect(page.total).toBe(expected.length)
    expect(page.items).toEqual(expected.slice(0, 3).map((r) => `${r.rank}:${new Date(r.at).toISOString()}`))
    expect(page.nextCursor).not.toBeNull()
    // A filter's own rule applies when its value is set (an unset key adds nothing); the scope always.
    const notRank: ItemQuery = { notRank: 1 }
    const others = await listPage(walkQuery(db.dataSource.manager), notRank, {
      scope: { sql: 'i.rank < :scopeRank', params: { scopeRank: 3 } },
      filters,
      equal: ['grp'],
      present: (rows) => rows.map((r) => r.rank),
    })
    expect(new Set(others.items)).toEqual(new Set([0, 2]))
  })
})

describe('containsPattern', () => {
  it('matches anywhere and takes LIKE wildcards literally', () => {
    expect(containsPattern('ali')).toBe('%ali%')
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%')
  })
})
