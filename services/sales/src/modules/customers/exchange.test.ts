import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSheet } from '@mosaic/service-kit'
import { harnessSuite } from '@mosaic/service-kit/testing'
import { expectProblem } from '@mosaic/service-kit/testing/expect'
import { startSales, type SalesHarness, type TestUser } from '../../test-support/harness.js'
import { poolFixtures } from '../../test-support/pool-fixtures.js'

const DEPT = randomUUID()
const OTHER_DEPT = randomUUID()
const ALL_BUT_IMPORT = (u: TestUser) => u.principal.permissions.filter((p) => !p.endsWith('.import'))

/** The raw HTTP calls a file needs (the harness' `call` speaks JSON only). */
function files(h: () => SalesHarness) {
  return {
    async upload(u: TestUser, path: string, name: string, body: string | Buffer, type = 'text/csv') {
      const res = await fetch(`${h().base}${path}/imports`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${u.token}`,
          'content-type': type,
          'x-file-name': encodeURIComponent(name),
        },
        body,
      })
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads the answer loosely
      return { status: res.status, body: (await res.json()) as any }
    },
    async download(u: TestUser, pathAndQuery: string, lang = 'zh-CN') {
      const res = await fetch(`${h().base}${pathAndQuery}`, {
        headers: { authorization: `Bearer ${u.token}`, 'accept-language': lang },
      })
      return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) }
    },
  }
}

/** Polls the batch until the background commit is done. */
async function settled(h: SalesHarness, u: TestUser, path: string, id: string) {
  for (let i = 0; i < 200; i++) {
    const res = await h.call('GET', `${path}/imports/${id}`, { token: u.token })
    if (!['running', 'checked', 'uploaded'].includes(res.body.status)) return res.body
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('import did not finish')
}

async function importCsv(
  h: SalesHarness,
  f: ReturnType<typeof files>,
  u: TestUser,
  path: string,
  csv: string,
  duplicates: 'skip' | 'update' = 'skip',
) {
  const up = await f.upload(u, path, 'data.csv', csv)
  expect(up.status, JSON.stringify(up.body)).toBe(201)
  const plan = { mapping: up.body.batch.mapping, duplicates }
  const commit = await h.call('POST', `${path}/imports/${up.body.batch.id}/commit`, {
    token: u.token,
    body: plan,
  })
  expect(commit.status, JSON.stringify(commit.body)).toBe(202)
  return settled(h, u, path, up.body.batch.id)
}

describe('customer import and export', () => {
  const s = harnessSuite(() => startSales(), {
    alice: { deptIds: [DEPT] },
    bob: { deptIds: [OTHER_DEPT] },
    admin: { dataScope: 'all', deptIds: [DEPT] },
  })
  const f = files(() => s.h)
  const count = async (u: TestUser) =>
    (await s.h.call('GET', '/customers?limit=1', { token: u.token })).body.total as number

  it('lists the importable fields in the caller’s language and serves a template', async () => {
    const fields = await s.h.call('GET', '/customers/import/fields', {
      token: s.alice.token,
      headers: { 'accept-language': 'en' },
    })
    expect(fields.status).toBe(200)
    expect(fields.body).toContainEqual(
      expect.objectContaining({ key: 'name', label: 'Name', required: true, businessKey: true }),
    )
    expect(fields.body.map((x: { key: string }) => x.key)).not.toContain('number')
    const csv = await f.download(s.alice, '/customers/import/template?format=csv')
    expect(csv.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/)
    const sheet = await readSheet('csv', csv.bytes)
    expect(sheet.headers).toContain('客户名称')
    expect(sheet.rows[0]!.cells[sheet.headers.indexOf('客户级别')]).toBe('A级（重点客户）')
    const xlsx = await f.download(s.alice, '/customers/import/template?format=xlsx', 'en')
    expect((await readSheet('xlsx', xlsx.bytes)).headers).toContain('Level')
  })

  it('dry run reports every row problem with row, column and code, and writes nothing', async () => {
    const before = await count(s.alice)
    const csv = [
      '客户名称,客户级别,负责人,下次跟进时间,网址',
      'Good Co,A级（重点客户）,alice,2026-03-01 09:30,',
      ',B,,,',
      'Bad Level Co,Z级,nobody,2026-13-01,',
      'Good Co,,,,',
      'Bad Site Co,,,,not a site',
    ].join('\n')
    const up = await f.upload(s.alice, '/customers', '客户.csv', csv)
    expect(up.status, JSON.stringify(up.body)).toBe(201)
    expect(up.body.batch).toMatchObject({ status: 'uploaded', total: 5, fileName: '客户.csv' })
    expect(up.body.batch.mapping).toMatchObject({ 客户名称: 'name', 客户级别: 'level', 负责人: 'ownerId' })
    const dry = await s.h.call('POST', `/customers/imports/${up.body.batch.id}/dry-run`, {
      token: s.alice.token,
      body: { mapping: up.body.batch.mapping },
    })
    expect(dry.status, JSON.stringify(dry.body)).toBe(200)
    const errors = dry.body.errors.map((e: Record<string, unknown>) => [e.row, e.column, e.code])
    expect(errors).toEqual([
      [3, '客户名称', 'import.required'],
      [4, '客户级别', 'import.unknown_dict_value'],
      [4, '负责人', 'import.unknown_user'],
      [4, '下次跟进时间', 'import.invalid_datetime'],
      [5, '客户名称', 'import.duplicate_in_file'],
      [6, '网址', 'validation.website'],
    ])
    expect(dry.body).toMatchObject({ create: 1, update: 0, skip: 0, errorCount: 6 })
    expect(dry.body.errors[1].message).toContain('Z级')
    expect(await count(s.alice)).toBe(before)
    // A commit of a file with problems is refused with all of them.
    const commit = await s.h.call('POST', `/customers/imports/${up.body.batch.id}/commit`, {
      token: s.alice.token,
      body: { mapping: up.body.batch.mapping },
    })
    expectProblem(commit, 422)
    expect(commit.body).toMatchObject({ code: 'import.has_errors', errorCount: 6 })
    expect(commit.body.rowErrors).toHaveLength(6)
    expect(await count(s.alice)).toBe(before)
  })

  it('skips or updates duplicates by name, reports progress, and undoes the whole batch', async () => {
    const existing = await s.h.call('POST', '/customers', { token: s.alice.token, body: { name: 'Old Co' } })
    const csv = 'Name,Level,Primary contact\nold co,B (regular),\nFresh One,C,Ann\nFresh Two,,\n'
    const skipped = await f.upload(s.alice, '/customers', 'a.csv', csv)
    const dry = await s.h.call('POST', `/customers/imports/${skipped.body.batch.id}/dry-run`, {
      token: s.alice.token,
      body: { mapping: skipped.body.batch.mapping, duplicates: 'skip' },
    })
    expect(dry.body).toMatchObject({ create: 2, update: 0, skip: 1, errorCount: 0 })
    const done = await importCsv(s.h, f, s.alice, '/customers', csv, 'update')
    expect(done).toMatchObject({
      status: 'committed',
      total: 3,
      processed: 3,
      created: 2,
      updated: 1,
      skipped: 0,
    })
    const old = await s.h.call('GET', `/customers/${existing.body.id}`, { token: s.alice.token })
    expect(old.body).toMatchObject({ level: 'B', version: 2 })
    const list = await s.h.call('GET', '/customers?q=Fresh', { token: s.alice.token })
    const one = list.body.items.find((c: { name: string }) => c.name === 'Fresh One')
    const two = list.body.items.find((c: { name: string }) => c.name === 'Fresh Two')
    expect(one).toMatchObject({ level: 'C', primaryContactName: 'Ann', ownerName: 'alice' })
    // Someone edits one of the created customers after the import: undo leaves it alone.
    const edit = await s.h.call('PATCH', `/customers/${two.id}`, {
      token: s.alice.token,
      version: two.version,
      body: { phone: '13900000000' },
    })
    expect(edit.status, JSON.stringify(edit.body)).toBe(200)
    const undo = await s.h.call('POST', `/customers/imports/${done.id}/undo`, { token: s.alice.token })
    expect(undo.status, JSON.stringify(undo.body)).toBe(200)
    expect(undo.body).toMatchObject({ succeeded: 2, failed: 1, batch: { status: 'undone' } })
    expect(undo.body.results).toContainEqual(
      expect.objectContaining({ id: two.id, ok: false, status: 409, code: 'import.changed_since' }),
    )
    expect((await s.h.call('GET', `/customers/${one.id}`, { token: s.alice.token })).status).toBe(404)
    expect((await s.h.call('GET', `/customers/${two.id}`, { token: s.alice.token })).status).toBe(200)
    const restored = await s.h.call('GET', `/customers/${existing.body.id}`, { token: s.alice.token })
    expect(restored.body).toMatchObject({ level: null, version: 3 })
    // The removed customer went through its own deletion rule: audited, in the recycle bin.
    const trail = await s.h.call('GET', `/customers/${one.id}/audit`, { token: s.alice.token })
    expect(trail.body.map((e: { action: string }) => e.action)).toEqual(['delete', 'create'])
    const again = await s.h.call('POST', `/customers/imports/${done.id}/undo`, { token: s.alice.token })
    expectProblem(again, 409)
    expect(again.body.code).toBe('import.already_undone')
  })

  it('writes a run of new customers in bulk, each as its own create would: number, contact, audit, event', async () => {
    const fx = poolFixtures(s.h)
    const names = ['Bulk Alpha', 'Bulk Beta', 'Bulk Gamma', 'Bulk Delta']
    const csv = `Name,Primary contact\n${names.map((n, i) => `${n},${i % 2 ? '' : `Contact ${i}`}`).join('\n')}\n`
    const done = await importCsv(s.h, f, s.alice, '/customers', csv)
    expect(done).toMatchObject({ status: 'committed', created: 4, processed: 4 })
    const rows = await fx.query<{
      id: string
      name: string
      number: string
      primary_contact_name: string | null
    }>('SELECT id, name, number, primary_contact_name FROM customer WHERE name = ANY($1) ORDER BY number', [
      names,
    ])
    expect(rows.map((r) => r.name)).toEqual(names)
    // Consecutive numbers in file order, as single creates one after another would get.
    const seqs = rows.map((r) => Number(r.number.slice(-4)))
    expect(seqs).toEqual([seqs[0], seqs[0]! + 1, seqs[0]! + 2, seqs[0]! + 3])
    expect(rows.map((r) => r.primary_contact_name)).toEqual(['Contact 0', null, 'Contact 2', null])
    const contacts = await fx.query(
      'SELECT customer_id FROM contact WHERE customer_id = ANY($1) AND is_primary',
      [rows.map((r) => r.id)],
    )
    expect(contacts).toHaveLength(2)
    for (const row of rows) {
      const trail = await s.h.call('GET', `/customers/${row.id}/audit`, { token: s.alice.token })
      expect(trail.body.map((e: { action: string }) => e.action)).toEqual(['create'])
    }
    const events = await fx.query<{ name: string }>(
      `SELECT payload->>'name' AS name FROM outbox_event WHERE topic = 'sales.customer.created'
       AND payload->>'id' = ANY($1) ORDER BY seq`,
      [rows.map((r) => r.id)],
    )
    expect(events.map((e) => e.name)).toEqual(names)
  })

  it('refuses a bulk run at its row when a rule changed after the dry run, and writes none of its chunk', async () => {
    const fx = poolFixtures(s.h)
    const owned = (
      await fx.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM customer WHERE owner_id = $1 AND deleted_at IS NULL',
        [s.alice.id],
      )
    )[0]!.n
    await fx.setRules({ ownedLimit: owned + 1 })
    try {
      const csv = 'Name\nLimit Run One\nLimit Run Two\n'
      const done = await importCsv(s.h, f, s.alice, '/customers', csv)
      expect(done).toMatchObject({ status: 'failed', created: 0, errorCount: 1 })
      expect(done.errors[0]).toMatchObject({ row: 2, code: 'sales.limit.owned' })
      const left = await fx.query('SELECT id FROM customer WHERE name LIKE $1', ['Limit Run %'])
      expect(left).toHaveLength(0)
    } finally {
      await fx.setRules({ ownedLimit: null })
    }
  })

  it('exports the caller’s scope with the list’s filters and the chosen columns, formulas escaped', async () => {
    await importCsv(s.h, f, s.bob, '/customers', 'Name,Level\nBob Only Co,A\n=cmd|calc,B\n')
    const all = await f.download(s.bob, '/customers/export?format=csv')
    expect(all.status).toBe(200)
    expect(all.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(all.headers.get('content-disposition')).toMatch(
      /attachment; filename="customers-.*\.csv"; filename\*=UTF-8''/,
    )
    expect(all.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(all.bytes.toString('utf8')).toContain("'=cmd|calc")
    const sheet = await readSheet('csv', all.bytes)
    const names = sheet.rows.map((r) => r.cells[sheet.headers.indexOf('客户名称')])
    // The cell is text to a spreadsheet; an import reads it back without the apostrophe.
    expect(names.sort()).toEqual(["'=cmd|calc", 'Bob Only Co'])
    const filtered = await f.download(s.bob, '/customers/export?format=xlsx&level=A&columns=level,name', 'en')
    const picked = await readSheet('xlsx', filtered.bytes)
    expect(picked.headers).toEqual(['Level', 'Name'])
    expect(picked.rows.map((r) => r.cells)).toEqual([['A (key account)', 'Bob Only Co']])
    // The list asks with its columns on screen: names of shown fields, computed badges left out.
    const shown = await f.download(
      s.bob,
      '/customers/export?format=xlsx&level=A&columns=name,primaryContactName,ownerName,dealStatus',
      'en',
    )
    expect((await readSheet('xlsx', shown.bytes)).headers).toEqual(['Name', 'Primary contact', 'Owner'])
    const unknown = await s.h.call('GET', '/customers/export?columns=secret,dealStatus', {
      token: s.bob.token,
    })
    expectProblem(unknown, 400)
  })

  it('refuses without the import code, and hides another user’s batch', async () => {
    const up = await f.upload(s.alice, '/customers', 'mine.csv', 'Name\nPrivate Co\n')
    const batch = up.body.batch.id
    expectProblem(await s.h.call('GET', `/customers/imports/${batch}`, { token: s.bob.token }), 404)
    expect((await s.h.call('GET', `/customers/imports/${batch}`, { token: s.admin.token })).status).toBe(200)
    const bobs = await s.h.call('GET', '/customers/imports', { token: s.bob.token })
    expect(bobs.body.map((b: { id: string }) => b.id)).not.toContain(batch)
    const noImport = await s.h.user('reader', { permissions: ALL_BUT_IMPORT(s.alice) })
    expect((await f.upload(noImport, '/customers', 'x.csv', 'Name\nX\n')).status).toBe(403)
    expectProblem(await s.h.call('GET', '/customers/import/fields', { token: noImport.token }), 403)
  })

  it('never answers 5xx to hostile uploads', async () => {
    const cases: [string, string | Buffer, string, number][] = [
      [
        'garbage.xlsx',
        Buffer.from('PK\u0003\u0004 this is not a zip at all'),
        'application/octet-stream',
        400,
      ],
      ['garbage.csv', Buffer.from([0, 1, 2, 3, 255, 254, 0]), 'text/csv', 400],
      ['empty.csv', '', 'text/csv', 400],
      ['only-header.csv', 'Name\n', 'text/csv', 400],
      ['huge-header.csv', `${'x'.repeat(5000)}\nvalue\n`, 'text/csv', 400],
      ['program.exe', 'MZ', 'application/octet-stream', 415],
      ['no-type.csv', 'Name\nA\n', 'image/png', 415],
    ]
    for (const [name, body, type, status] of cases) {
      const res = await f.upload(s.alice, '/customers', name, body, type)
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(status)
    }
  })
})

describe('round trip and contacts', () => {
  let source: SalesHarness
  let target: SalesHarness
  let a1: TestUser
  let a2: TestUser
  beforeAll(async () => {
    source = await startSales()
    target = await startSales()
    a1 = await source.user('alice', { deptIds: [DEPT] })
    a2 = await target.user('alice', { deptIds: [DEPT] })
  })
  afterAll(async () => {
    await source?.close()
    await target?.close()
  })

  it('exports customers from one system and imports them into an empty one with the same fields', async () => {
    const bodies = [
      {
        name: '上海星辰科技',
        status: 'intention',
        level: 'A',
        industry: 'it',
        source: 'website',
        phone: '021-88886666',
        address: '上海市浦东新区',
        website: 'https://xc.example.cn',
        remark: 'line1, "quoted"',
        nextFollowUpAt: '2026-03-01T01:30:00.000Z',
        contact: { name: '王小明', phone: '13800000001' },
      },
      { name: 'Plain Co' },
    ]
    for (const body of bodies)
      expect((await source.call('POST', '/customers', { token: a1.token, body })).status).toBe(201)
    const file = await files(() => source).download(a1, '/customers/export?format=xlsx')
    expect(file.status).toBe(200)
    const up = await files(() => target).upload(
      a2,
      '/customers',
      '客户导出.xlsx',
      file.bytes,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(up.status, JSON.stringify(up.body)).toBe(201)
    // Export-only columns (number, created) are not mapped.
    expect(up.body.batch.mapping).toMatchObject({ 客户编号: null, 创建时间: null, 客户名称: 'name' })
    const commit = await target.call('POST', `/customers/imports/${up.body.batch.id}/commit`, {
      token: a2.token,
      body: { mapping: up.body.batch.mapping },
    })
    expect(commit.status, JSON.stringify(commit.body)).toBe(202)
    expect(await settled(target, a2, '/customers', up.body.batch.id)).toMatchObject({
      status: 'committed',
      created: 2,
    })
    const fields = [
      'name',
      'status',
      'level',
      'industry',
      'source',
      'phone',
      'address',
      'website',
      'remark',
      'nextFollowUpAt',
      'primaryContactName',
      'primaryContactPhone',
      'ownerName',
    ] as const
    const pick = (c: Record<string, unknown>) => Object.fromEntries(fields.map((k) => [k, c[k]]))
    const list = async (h: SalesHarness, u: TestUser) =>
      ((await h.call('GET', '/customers', { token: u.token })).body.items as Record<string, unknown>[])
        .map(pick)
        .sort((x, y) => String(x.name).localeCompare(String(y.name)))
    expect(await list(target, a2)).toEqual(await list(source, a1))
  })

  it('imports contacts by customer name with the contact name as the business key', async () => {
    const f = files(() => target)
    const done = await importCsv(
      target,
      f,
      a2,
      '/contacts',
      '客户,姓名,职务,首要联系人\n上海星辰科技,李雷,经理,否\nplain co,韩梅梅,,是\nNo Such Co,X,,\n'.replace(
        'No Such Co,X,,\n',
        '',
      ),
    )
    expect(done).toMatchObject({ status: 'committed', created: 2 })
    const again = await f.upload(
      a2,
      '/contacts',
      'c.csv',
      '客户,姓名,职务\n上海星辰科技,李雷,总监\nNo Such Co,X,\n',
    )
    const dry = await target.call('POST', `/contacts/imports/${again.body.batch.id}/dry-run`, {
      token: a2.token,
      body: { mapping: again.body.batch.mapping, duplicates: 'update' },
    })
    expect(dry.body).toMatchObject({ create: 0, update: 1, errorCount: 1 })
    expect(dry.body.errors[0]).toMatchObject({ row: 3, column: '客户', code: 'import.unknown_ref' })
    const exported = await f.download(a2, '/contacts/export?format=csv&columns=customerId,name,primary')
    const sheet = await readSheet('csv', exported.bytes)
    expect(sheet.rows.map((r) => r.cells).sort()).toEqual(
      [
        ['Plain Co', '韩梅梅', '是'],
        ['上海星辰科技', '李雷', '否'],
        ['上海星辰科技', '王小明', '是'],
      ].sort(),
    )
  })

  it('imports leads with dictionary labels in either language', async () => {
    const done = await importCsv(
      target,
      files(() => target),
      a2,
      '/leads',
      'Name,Source,Industry\nLead A,官网,Finance\nLead B,referral,\n',
    )
    expect(done).toMatchObject({ status: 'committed', created: 2 })
    const leads = await target.call('GET', '/leads?q=Lead', { token: a2.token })
    expect(
      leads.body.items.map((l: Record<string, unknown>) => [l.name, l.source, l.industry]).sort(),
    ).toEqual([
      ['Lead A', 'website', 'finance'],
      ['Lead B', 'referral', null],
    ])
  })
})
