import { randomUUID } from 'node:crypto'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm'
import { PageQuery } from '@mosaic/schemas'
import { packPermissions } from '../auth/principal.js'
import { problem } from '../errors.js'
import { startDemo, type Demo } from '../test-support/demo-service.js'
import { RECORD_COLUMNS_SQL, recordColumns, type RecordBase } from '../records/columns.js'
import { KitRecordTables1763800000000 } from '../records/kit-migration.js'
import { KitDirectoryTables1763900000200 } from '../records/directory-migration.js'
import { KitDeptReplica1764400000000, upsertDeptReplica } from '../records/dept-replica.js'
import { KitUserAuthVersion1764200000100 } from '../replica/auth-migration.js'
import { upsertUserReplica } from '../records/user-replica.js'
import { listPage, liveRows } from '../records/list.js'
import { RecordStore } from '../records/record-store.js'
import { presentBy } from '../records/present.js'
import { builtInDictionaries, createDictionaries } from '../preset/dictionaries.js'
import { KitImportTables1766500000000 } from './migration.js'
import { registerExchange } from './routes.js'
import { readSheet } from './read-file.js'
import { existingMatches } from './existing.js'
import type { ExchangeSpec } from './spec.js'

/** A record with one column of every kind the engine reads and writes. */
interface DealRow extends RecordBase {
  title: string
  amount: string | null
  qty: number | null
  due: string | null
  paid: boolean
  tags: string[]
  level: string | null
  ownerId: string | null
  deptId: string | null
}

const DealEntity = new EntitySchema<DealRow>({
  name: 'Deal',
  tableName: 'deal',
  columns: {
    ...recordColumns(),
    title: { type: 'varchar', length: 100 },
    amount: { type: 'numeric', precision: 18, scale: 2, nullable: true },
    qty: { type: 'int', nullable: true },
    due: { type: 'date', nullable: true },
    paid: { type: 'boolean' },
    tags: { type: 'jsonb' },
    level: { type: 'varchar', length: 40, nullable: true },
    ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
    deptId: { type: 'uuid', name: 'dept_id', nullable: true },
  },
})

class CreateDeal1766500000900 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE deal (${RECORD_COLUMNS_SQL}, title varchar(100) NOT NULL, amount numeric(18,2) NULL,
      qty int NULL, due date NULL, paid boolean NOT NULL, tags jsonb NOT NULL, level varchar(40) NULL,
      owner_id uuid NULL, dept_id uuid NULL)`)
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE deal')
  }
}

const deals = new RecordStore<DealRow>({ entityType: 'deal', entity: DealEntity, title: (r) => r.title })
const Deal = z.object({
  id: z.string(),
  version: z.number(),
  createdAt: z.string(),
  title: z.string(),
  amount: z.string().nullable(),
  qty: z.number().nullable(),
  due: z.string().nullable(),
  paid: z.boolean(),
  tags: z.array(z.string()),
  level: z.string().nullable(),
  ownerId: z.string().nullable(),
  deptId: z.string().nullable(),
})
const DealListQuery = PageQuery.extend({ level: z.string().max(40).optional() })
const present = presentBy(Deal)

const dealSpec: ExchangeSpec<DealRow, z.infer<typeof DealListQuery>> = {
  resource: 'sales.lead',
  path: '/deals',
  store: deals,
  listQuery: DealListQuery,
  fields: [
    {
      key: 'title',
      label: { zh: '标题', en: 'Title' },
      kind: 'text',
      required: true,
      businessKey: true,
      maxLength: 100,
    },
    { key: 'amount', label: { zh: '金额', en: 'Amount' }, kind: 'money' },
    { key: 'qty', label: { zh: '数量', en: 'Quantity' }, kind: 'number' },
    { key: 'due', label: { zh: '到期日', en: 'Due' }, kind: 'date' },
    { key: 'paid', label: { zh: '已付', en: 'Paid' }, kind: 'bool' },
    { key: 'tags', label: { zh: '标签', en: 'Tags' }, kind: 'tags' },
    { key: 'level', label: { zh: '级别', en: 'Level' }, kind: 'dict', dict: 'customer_level' },
    { key: 'ownerId', label: { zh: '负责人', en: 'Owner' }, kind: 'user' },
    { key: 'deptId', label: { zh: '部门', en: 'Department' }, kind: 'dept' },
  ],
  list: (m, _ctx, q) =>
    listPage(liveRows(deals, m, 'd'), q, { equal: ['level'], present: async (rows) => rows.map(present) }),
  findExisting: async (m, ctx, keys) => {
    const rows = await liveRows(deals, m, 'd')
      .andWhere('lower(d.title) IN (:...titles)', { titles: keys.map((k) => k[0]!) })
      .getMany()
    return existingMatches(m, ctx, deals, rows, { keys, keyOf: (d) => [d.title], outside: 'ignore' })
  },
  check: (v) => {
    if (v.qty !== undefined && (v.qty as number) < 0)
      throw problem(400, 'validation.too_small', { minimum: 0 })
  },
  create: (m, ctx, v) =>
    deals.create(m, ctx, {
      title: v.title as string,
      amount: (v.amount as string) ?? null,
      qty: (v.qty as number) ?? null,
      due: (v.due as string) ?? null,
      paid: (v.paid as boolean) ?? false,
      tags: (v.tags as string[]) ?? [],
      level: (v.level as string) ?? null,
      ownerId: (v.ownerId as string) ?? null,
      deptId: (v.deptId as string) ?? null,
    }),
  update: (m, ctx, id, version, v) => deals.update(m, ctx, id, version, v as Partial<DealRow>),
  remove: async (m, ctx, id, version) => void (await deals.softDelete(m, ctx, id, version)),
  chunkSize: 2,
}

const USER = '00000000-0000-4000-8000-000000000001'
const OTHER = randomUUID()
const DEPT = randomUUID()

describe('exchange engine over HTTP', () => {
  let demo: Demo
  let admin: string
  let other: string
  let noImport: string
  const url = (path: string) => `${demo.base}/api/demo${path}`

  beforeAll(async () => {
    demo = await startDemo({
      entities: [DealEntity],
      migrations: [
        KitRecordTables1763800000000,
        KitDirectoryTables1763900000200,
        KitUserAuthVersion1764200000100,
        KitDeptReplica1764400000000,
        KitImportTables1766500000000,
        CreateDeal1766500000900,
      ],
      routes: ({ api, db }) =>
        registerExchange(api, dealSpec, {
          db,
          dicts: createDictionaries(builtInDictionaries),
          timeZone: 'Asia/Shanghai',
        }),
    })
    await demo.service.db.transaction(async (m) => {
      await upsertUserReplica(m, {
        id: USER,
        username: 'tester',
        displayName: '张三',
        deptId: null,
        enabled: true,
        version: 1,
      })
      await upsertDeptReplica(m, { id: DEPT, name: '华东销售部', parentId: null, version: 1, deleted: false })
    })
    const codes = ['sales.lead.import', 'sales.lead.export']
    admin = await demo.token({ claims: { perms: packPermissions(codes) } })
    other = await demo.token({ claims: { sub: OTHER, scope: 'self', perms: packPermissions(codes) } })
    noImport = await demo.token({ claims: { perms: packPermissions(['sales.lead.export']) } })
  })
  afterAll(async () => {
    await demo?.close()
  })

  async function json(method: string, path: string, token = admin, body?: unknown) {
    const res = await fetch(url(path), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : undefined }
  }

  async function upload(csv: string | Buffer, name = 'deals.csv', token = admin) {
    const res = await fetch(url('/deals/imports'), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'text/csv',
        'x-file-name': encodeURIComponent(name),
      },
      body: csv,
    })
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads the answer loosely
    return { status: res.status, body: (await res.json()) as any }
  }

  async function commit(id: string, mapping: Record<string, string | null>, duplicates = 'skip') {
    const res = await json('POST', `/deals/imports/${id}/commit`, admin, { mapping, duplicates })
    expect(res.status, JSON.stringify(res.body)).toBe(202)
    for (let i = 0; i < 200; i++) {
      const batch = await json('GET', `/deals/imports/${id}`)
      if (batch.body.status !== 'running') return batch.body
      await new Promise((r) => setTimeout(r, 25))
    }
    throw new Error('commit did not finish')
  }

  it('reads every kind from its readable form, writes in chunks, and exports it back', async () => {
    const csv =
      '\uFEFF标题,金额,数量,到期日,已付,标签,级别,负责人,部门\n' +
      'Alpha,"1,234.50",3,2026/1/5,是,"vip，north",A级（重点客户）,张三,华东销售部\n' +
      'Beta,0.1,,2026-02-28,no,,B (regular),tester,\n' +
      '\n' +
      "'=SUM(A1),-7,1,,,,,,\n"
    const up = await upload(Buffer.from(csv))
    expect(up.status, JSON.stringify(up.body)).toBe(201)
    expect(up.body.batch.total).toBe(3)
    expect(Object.values(up.body.batch.mapping)).toEqual([
      'title',
      'amount',
      'qty',
      'due',
      'paid',
      'tags',
      'level',
      'ownerId',
      'deptId',
    ])
    const done = await commit(up.body.batch.id, up.body.batch.mapping)
    expect(done).toMatchObject({ status: 'committed', total: 3, processed: 3, created: 3 })
    const rows = await demo.service.db.dataSource.manager.query(
      `SELECT title, amount::text, qty, to_char(due, 'YYYY-MM-DD') AS due, paid, tags, level, owner_id, dept_id FROM deal ORDER BY title`,
    )
    expect(rows).toEqual([
      {
        title: '=SUM(A1)',
        amount: '-7.00',
        qty: 1,
        due: null,
        paid: false,
        tags: [],
        level: null,
        owner_id: null,
        dept_id: null,
      },
      {
        title: 'Alpha',
        amount: '1234.50',
        qty: 3,
        due: '2026-01-05',
        paid: true,
        tags: ['vip', 'north'],
        level: 'A',
        owner_id: USER,
        dept_id: DEPT,
      },
      {
        title: 'Beta',
        amount: '0.10',
        qty: null,
        due: '2026-02-28',
        paid: false,
        tags: [],
        level: 'B',
        owner_id: USER,
        dept_id: null,
      },
    ])
    const res = await fetch(
      url('/deals/export?format=xlsx&columns=title,amount,due,paid,tags,level,ownerId,deptId'),
      {
        headers: { authorization: `Bearer ${admin}`, 'accept-language': 'en' },
      },
    )
    const sheet = await readSheet('xlsx', Buffer.from(await res.arrayBuffer()))
    expect(sheet.headers).toEqual(['Title', 'Amount', 'Due', 'Paid', 'Tags', 'Level', 'Owner', 'Department'])
    expect(sheet.rows.map((r) => r.cells).find((c) => c[0] === 'Alpha')).toEqual([
      'Alpha',
      '1234.50',
      '2026-01-05',
      'Yes',
      'vip, north',
      'A (key account)',
      '张三',
      '华东销售部',
    ])
  })

  it('keeps the file’s row numbers, blank lines included, in the dry run’s errors', async () => {
    const up = await upload(
      'Title,Amount,Quantity,Due,Paid,Level\nOk,1,1,2026-01-01,yes,A\n\nBad,abc,-1,2026-02-30,maybe,Z\n',
    )
    const dry = await json('POST', `/deals/imports/${up.body.batch.id}/dry-run`, admin, {
      mapping: up.body.batch.mapping,
    })
    expect(dry.status, JSON.stringify(dry.body)).toBe(200)
    expect(
      dry.body.errors.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code]),
    ).toEqual([
      [4, 'amount', 'import.invalid_money'],
      [4, 'due', 'import.invalid_date'],
      [4, 'paid', 'import.invalid_bool'],
      [4, 'level', 'import.unknown_dict_value'],
    ])
    // A row whose cells read fine but which the domain refuses gets the domain's code.
    const neg = await upload('Title,Quantity\nNeg,-1\n')
    const domain = await json('POST', `/deals/imports/${neg.body.batch.id}/dry-run`, admin, {
      mapping: neg.body.batch.mapping,
    })
    expect(domain.body.errors).toEqual([expect.objectContaining({ row: 2, code: 'validation.too_small' })])
  })

  it('refuses a mapping that names unknown columns or fields, or leaves the key unmapped', async () => {
    const up = await upload('Title,Amount\nX,1\n')
    const bad = await json('POST', `/deals/imports/${up.body.batch.id}/dry-run`, admin, {
      mapping: { Title: null, Amount: 'amount', Ghost: 'qty' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: { code: string }) => e.code).sort()).toEqual([
      'import.required_unmapped',
      'import.unknown_column',
    ])
  })

  it('updates by business key and undoes to the earlier version; a batch is its creator’s', async () => {
    const up = await upload('Title,Amount\nalpha,99\nDelta,5\n')
    const done = await commit(up.body.batch.id, up.body.batch.mapping, 'update')
    expect(done).toMatchObject({ created: 1, updated: 1 })
    const [alpha] = await demo.service.db.dataSource.manager.query(
      `SELECT amount::text, version FROM deal WHERE title = 'Alpha'`,
    )
    expect(alpha).toEqual({ amount: '99.00', version: 2 })
    expect((await json('GET', `/deals/imports/${done.id}`, other)).status).toBe(404)
    expect((await json('POST', `/deals/imports/${done.id}/undo`, other)).status).toBe(404)
    expect((await json('POST', `/deals/imports/${done.id}/undo`, noImport)).status).toBe(403)
    const undo = await json('POST', `/deals/imports/${done.id}/undo`)
    expect(undo.body).toMatchObject({ succeeded: 2, failed: 0, batch: { status: 'undone' } })
    const after = await demo.service.db.dataSource.manager.query(
      `SELECT title, amount::text, version, deleted_at IS NOT NULL AS deleted FROM deal WHERE title IN ('Alpha', 'Delta') ORDER BY title`,
    )
    expect(after).toEqual([
      { title: 'Alpha', amount: '1234.50', version: 3, deleted: false },
      { title: 'Delta', amount: '5.00', version: 2, deleted: true },
    ])
    const audit = await demo.service.db.dataSource.manager.query(
      `SELECT action FROM audit_log WHERE entity_type = 'import_batch' AND entity_id = $1 ORDER BY seq`,
      [done.id],
    )
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['import', 'import_undo'])
    expect((await json('POST', `/deals/imports/${done.id}/commit`, admin, { mapping: {} })).status).toBe(409)
  })

  it('serves a template in the caller’s language with the dictionary labels on a second sheet', async () => {
    const res = await fetch(url('/deals/import/template?format=xlsx'), {
      headers: { authorization: `Bearer ${admin}`, 'accept-language': 'en-US,en;q=0.9' },
    })
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="deals-template-.*\.xlsx"/)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await res.arrayBuffer())
    const [main, options] = book.worksheets
    expect(main!.getRow(1).values).toEqual([
      undefined,
      'Title',
      'Amount',
      'Quantity',
      'Due',
      'Paid',
      'Tags',
      'Level',
      'Owner',
      'Department',
    ])
    expect(main!.getRow(2).getCell(7).value).toBe('A (key account)')
    expect(options!.getColumn(1).values.slice(1)).toEqual([
      'Level',
      'A (key account)',
      'B (regular)',
      'C (minor)',
    ])
    expect((await json('GET', '/deals/import/template', noImport)).status).toBe(403)
  })

  it('refuses files over the size and shape limits with their codes', async () => {
    const wide = `${Array.from({ length: 101 }, (_, i) => `c${i}`).join(',')}\n${'1,'.repeat(100)}1\n`
    const repeated = 'A,A\n1,2\n'
    for (const [body, code] of [
      [wide, 'import.too_many_columns'],
      [repeated, 'import.header_invalid'],
      ['', 'import.file_empty'],
    ] as const) {
      const res = await upload(body)
      expect(res.status).toBe(400)
      expect(res.body.code).toBe(code)
    }
  })
})
