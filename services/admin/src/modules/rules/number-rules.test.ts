import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { admin } from '@mosaic/schemas'
import { exampleNumber } from '@mosaic/service-kit'
import { startSignedIn, type AdminHarness } from '../../test-support/harness.js'
import {
  expectProblem,
  fieldCodes,
  fieldErrors,
  ifMatch,
  type ReplyBody,
} from '@mosaic/service-kit/testing/expect'

let h: AdminHarness
let adminToken: string
beforeAll(async () => ({ h, adminToken } = await startSignedIn()))
afterAll(() => h?.close())

const list = async () => {
  const res = await h.call('GET', '/rules/numbers', { token: adminToken })
  expect(res.status).toBe(200)
  return res.body.items as admin.NumberRule[]
}
const ruleOf = async (docType: string) => (await list()).find((r) => r.docType === docType)!

describe('number rules', () => {
  test('initialisation loads one rule per document type, each with a dated example', async () => {
    const rules = await list()
    expect(rules.map((r) => r.docType)).toEqual([...admin.NUMBERED_DOC_TYPES])
    const customer = rules.find((r) => r.docType === 'customer')!
    expect(customer).toMatchObject({ prefix: 'KH', datePattern: 'yyyyMMdd', width: 4, resetPeriod: 'daily' })
    expect(customer.example).toBe(exampleNumber(customer, new Date(), 'Asia/Shanghai'))
    expect(customer.example).toMatch(/^KH\d{8}0001$/)
    expect(rules.map((r) => r.prefix)).toEqual(['XS', 'KH', 'SJ', 'BJ', 'HT', 'DD', 'GD', 'HK', 'KP'])
  })

  test('a second rule for the same document type → 409 on docType', async () => {
    const res = await h.call('POST', '/rules/numbers', {
      token: adminToken,
      body: { docType: 'order', prefix: 'SO', datePattern: 'yyyyMM', width: 5, resetPeriod: 'monthly' },
    })
    expect(expectProblem(res, 409).detail).toMatch(/already exists/)
    expect(fieldErrors(res)).toHaveProperty('docType')
  })

  test('bad input → 400 per field: reset finer than the pattern, prefix, width, unknown fields', async () => {
    const res = await h.call('POST', '/rules/numbers', {
      token: adminToken,
      body: {
        docType: 'order',
        prefix: 'so_',
        datePattern: 'yyyyMM',
        width: 2,
        resetPeriod: 'daily',
        version: 1,
      },
    })
    expectProblem(res, 400)
    const errors = fieldErrors(res)
    expect(fieldCodes(res).resetPeriod).toBe('admin.rule.reset_needs_day')
    expect(errors.resetPeriod).toMatch(/daily reset needs a date pattern with the day/)
    expect(Object.keys(errors).sort()).toEqual(['prefix', 'resetPeriod', 'version', 'width'])
  })

  test('edit with If-Match: the example follows; a partial edit is checked against the stored rule', async () => {
    const before = await ruleOf('contract')
    const res = await h.call('PATCH', `/rules/numbers/${before.id}`, {
      token: adminToken,
      headers: ifMatch(before.version),
      body: { prefix: 'HT-', datePattern: 'yyyyMM', resetPeriod: 'monthly', width: 5 },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.headers.get('etag')).toMatch(new RegExp(`^"${before.version + 1}-`))
    expect(res.body.example).toMatch(/^HT-\d{6}00001$/)
    // Only resetPeriod in the body, but daily under yyyyMM would repeat numbers.
    const bad = await h.call('PATCH', `/rules/numbers/${before.id}`, {
      token: adminToken,
      headers: ifMatch(res.body.version),
      body: { resetPeriod: 'daily' },
    })
    expectProblem(bad, 400)
    expect(fieldErrors(bad).resetPeriod).toMatch(/repeat/)
    expect(
      fieldErrors(
        await h.call('PATCH', `/rules/numbers/${before.id}`, {
          token: adminToken,
          headers: ifMatch(res.body.version),
          body: { docType: 'order' },
        }),
      ),
    ).toEqual({ docType: 'Unknown field' })
  })

  test('a stale If-Match → 412 with the current rule; none → 428; nothing changes', async () => {
    const rule = await ruleOf('quote')
    await h.call('PATCH', `/rules/numbers/${rule.id}`, {
      token: adminToken,
      headers: ifMatch(rule.version),
      body: { width: 6 },
    })
    const stale = await h.call('PATCH', `/rules/numbers/${rule.id}`, {
      token: adminToken,
      headers: ifMatch(rule.version),
      body: { width: 7 },
    })
    const problem = expectProblem(stale, 412)
    expect(problem.current).toMatchObject({ id: rule.id, width: 6, version: rule.version + 1 })
    expect(problem.current.example).toMatch(/^BJ\d{8}000001$/)
    expectProblem(
      await h.call('PATCH', `/rules/numbers/${rule.id}`, { token: adminToken, body: { width: 7 } }),
      428,
    )
    expect((await ruleOf('quote')).width).toBe(6)
  })

  test('every change is audited with a diff and a version snapshot', async () => {
    const rule = await ruleOf('quote')
    const audit = await h.call('GET', `/rules/numbers/${rule.id}/audit`, { token: adminToken })
    expect(audit.status).toBe(200)
    expect(audit.body.map((a: ReplyBody) => a.action)).toEqual(['update', 'create'])
    expect(audit.body[0].diff).toEqual({ width: { before: 4, after: 6 } })
    expect(audit.body[0].entityType).toBe('number_rule')
    const versions = await h.call('GET', `/rules/numbers/${rule.id}/versions`, { token: adminToken })
    expect(versions.body.map((v: ReplyBody) => v.version)).toEqual([2, 1])
    const restored = await h.call('POST', `/rules/numbers/${rule.id}/versions/1/restore`, {
      token: adminToken,
      headers: ifMatch(2),
    })
    expect(restored.status).toBe(200)
    expect(restored.body).toMatchObject({ width: 4, version: 3 })
  })

  test('delete → recycle bin; the type can get a new rule; the old one cannot come back beside it', async () => {
    const old = await ruleOf('invoice')
    expect(
      (
        await h.call('DELETE', `/rules/numbers/${old.id}`, {
          token: adminToken,
          headers: ifMatch(old.version),
        })
      ).status,
    ).toBe(204)
    expect((await list()).some((r) => r.docType === 'invoice')).toBe(false)
    const bin = await h.call('GET', '/recycle-bin?entityType=number_rule', { token: adminToken })
    expect(bin.body.items.map((i: ReplyBody) => i.id)).toContain(old.id)

    const created = await h.call('POST', '/rules/numbers', {
      token: adminToken,
      body: { docType: 'invoice', prefix: 'FP', datePattern: 'yyyy', width: 6, resetPeriod: 'yearly' },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body).toMatchObject({ enabled: true, example: expect.stringMatching(/^FP\d{4}000001$/) })
    expectProblem(await h.call('POST', `/rules/numbers/${old.id}/restore`, { token: adminToken }), 409)

    await h.call('DELETE', `/rules/numbers/${created.body.id}`, { token: adminToken, headers: ifMatch(1) })
    const back = await h.call('POST', `/rules/numbers/${old.id}/restore`, { token: adminToken })
    expect(back.status).toBe(200)
    expect((await ruleOf('invoice')).id).toBe(old.id)
  })

  test('permissions: read-only users read; others get 403 and nothing changes', async () => {
    const reader = await h.userWith(adminToken, { username: 'rule_reader', permissions: ['admin.rule.read'] })
    const nobody = await h.userWith(adminToken, { username: 'rule_nobody', permissions: ['admin.user.read'] })
    const rule = await ruleOf('lead')
    expect((await h.call('GET', '/rules/numbers', { token: reader.token })).status).toBe(200)
    expect((await h.call('GET', `/rules/numbers/${rule.id}`, { token: reader.token })).status).toBe(200)
    expectProblem(await h.call('GET', '/rules/numbers', { token: nobody.token }), 403)
    expectProblem(
      await h.call('POST', '/rules/numbers', {
        token: reader.token,
        body: { docType: 'lead', datePattern: 'none', width: 4, resetPeriod: 'never' },
      }),
      403,
    )
    expectProblem(
      await h.call('PATCH', `/rules/numbers/${rule.id}`, {
        token: reader.token,
        headers: ifMatch(rule.version),
        body: { width: 5 },
      }),
      403,
    )
    expectProblem(
      await h.call('DELETE', `/rules/numbers/${rule.id}`, {
        token: reader.token,
        headers: ifMatch(rule.version),
      }),
      403,
    )
    expect(await ruleOf('lead')).toEqual(rule)
  })
})

describe('initialisation of rules', () => {
  test('is idempotent: a second run creates nothing; a purged default comes back', async () => {
    const counts = async () =>
      (
        await h.service.db.dataSource.query(
          `SELECT (SELECT count(*)::int FROM number_rule WHERE deleted_at IS NULL) AS n, (SELECT count(*)::int FROM closure_rule) AS c,
                  (SELECT count(*)::int FROM pool_rule) AS p`,
        )
      )[0]
    const before = await counts()
    expect(before).toEqual({ n: 9, c: 4, p: 1 })
    const again = await h.call('POST', '/init', { token: adminToken })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({
      numberRules: { created: 0, existing: 9 },
      closureRules: { created: 0, existing: 4 },
      poolRules: { created: 0, existing: 1 },
    })
    expect(await counts()).toEqual(before)

    const lead = await ruleOf('lead')
    await h.call('DELETE', `/rules/numbers/${lead.id}`, { token: adminToken, headers: ifMatch(lead.version) })
    expect((await h.call('POST', '/init', { token: adminToken })).body.numberRules.created).toBe(0)
    await h.call('DELETE', `/recycle-bin/number_rule/${lead.id}`, { token: adminToken })
    expect((await h.call('POST', '/init', { token: adminToken })).body.numberRules).toEqual({
      created: 1,
      existing: 8,
    })
    expect((await ruleOf('lead')).prefix).toBe('XS')
  })
})
