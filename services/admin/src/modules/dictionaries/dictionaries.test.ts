import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DICT_TYPES } from '@mosaic/dictionary'
import { startSignedIn, type AdminHarness } from '../../test-support/harness.js'
import { expectProblem, fieldErrors, ifMatch, type ReplyBody } from '@mosaic/service-kit/testing/expect'

let h: AdminHarness
let adminToken: string
beforeAll(async () => ({ h, adminToken } = await startSignedIn()))
afterAll(() => h?.close())

const dictionaries = async (token = adminToken) => {
  const res = await h.call('GET', '/dictionaries', { token })
  expect(res.status).toBe(200)
  return res.body.types as ReplyBody[]
}
const typeOf = async (code: string) => (await dictionaries()).find((t) => t.code === code)
const label = (en: string) => ({ zh: `中文${en}`, en })

describe('dictionaries', () => {
  test('the 14 default types with their entries; opportunity_stage entries carry extra.probability', async () => {
    const types = await dictionaries()
    expect(types).toHaveLength(14)
    expect(types.map((t) => t.code).sort()).toEqual(DICT_TYPES.map((t) => t.code).sort())
    for (const t of types) {
      const expected = DICT_TYPES.find((d) => d.code === t.code)!
      expect(t.builtIn).toBe(true)
      expect(t.entries.map((e: ReplyBody) => e.value)).toEqual(expected.entries.map((e) => e.value))
      expect(t.entries.every((e: ReplyBody) => e.builtIn && e.enabled && e.typeCode === t.code)).toBe(true)
    }
    const stages = types.find((t) => t.code === 'opportunity_stage')
    expect(stages.entries.length).toBeGreaterThan(0)
    for (const e of stages.entries)
      expect(e.extra).toEqual(expect.objectContaining({ probability: expect.any(Number) }))
    expect(stages.entries.find((e: ReplyBody) => e.value === 'won').extra).toMatchObject({
      probability: 100,
      outcome: 'won',
    })
  })

  test('any signed-in user can read them, anonymous cannot', async () => {
    const { token } = await h.userWith(adminToken, { username: 'no_perms', permissions: [] })
    expect(await dictionaries(token)).toHaveLength(14)
    expectProblem(await h.call('GET', '/dictionaries'), 401)
  })

  test('a custom entry → 201 and listed; a duplicate value → 409 field value', async () => {
    const res = await h.call('POST', '/dictionaries/lead_source/entries', {
      token: adminToken,
      body: { value: 'podcast', label: label('Podcast'), color: '#336699', sort: 99, extra: { weight: 2 } },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      typeCode: 'lead_source',
      value: 'podcast',
      builtIn: false,
      enabled: true,
      version: 1,
      extra: { weight: 2 },
    })
    const listed = (await typeOf('lead_source')).entries.find((e: ReplyBody) => e.value === 'podcast')
    expect(listed).toMatchObject({ id: res.body.id, color: '#336699', label: label('Podcast') })

    for (const value of ['podcast', 'website']) {
      const dup = await h.call('POST', '/dictionaries/lead_source/entries', {
        token: adminToken,
        body: { value, label: label('Again') },
      })
      expectProblem(dup, 409)
      expect(fieldErrors(dup)).toHaveProperty('value')
    }
    const entries = (await typeOf('lead_source')).entries
    expect(entries.filter((e: ReplyBody) => e.value === 'podcast')).toHaveLength(1)
    expect(entries.find((e: ReplyBody) => e.value === 'website').label.en).toBe('Website')
  })

  test('an entry in an unknown type → 404; bad input → 400 per field', async () => {
    expectProblem(
      await h.call('POST', '/dictionaries/no_such_type/entries', {
        token: adminToken,
        body: { value: 'x', label: label('X') },
      }),
      404,
    )
    const bad = await h.call('POST', '/dictionaries/lead_source/entries', {
      token: adminToken,
      body: { value: 'has space', label: { zh: '', en: 'Y' }, color: 'pink' },
    })
    expectProblem(bad, 400)
    expect(Object.keys(fieldErrors(bad)).sort()).toEqual(['color', 'label.zh', 'value'])
  })

  test('a built-in entry cannot be deleted (409) but can be disabled with If-Match; it is still listed', async () => {
    const entry = (await typeOf('customer_level')).entries.find((e: ReplyBody) => e.value === 'C')
    const del = await h.call('DELETE', `/dictionaries/customer_level/entries/${entry.id}`, {
      token: adminToken,
      headers: ifMatch(entry.version),
    })
    expect(expectProblem(del, 409).detail).toMatch(/Disable it instead/)
    expect((await typeOf('customer_level')).entries.find((e: ReplyBody) => e.id === entry.id)).toMatchObject({
      enabled: true,
      version: 1,
    })

    expectProblem(
      await h.call('PATCH', `/dictionaries/customer_level/entries/${entry.id}`, {
        token: adminToken,
        body: { enabled: false },
      }),
      428,
    )
    const off = await h.call('PATCH', `/dictionaries/customer_level/entries/${entry.id}`, {
      token: adminToken,
      headers: ifMatch(entry.version),
      body: { enabled: false },
    })
    expect(off.status).toBe(200)
    expect(off.body).toMatchObject({ enabled: false, version: 2 })
    expect(off.headers.get('etag')).toMatch(/^"2-/)
    const listed = (await typeOf('customer_level')).entries.find((e: ReplyBody) => e.id === entry.id)
    expect(listed).toMatchObject({ enabled: false, version: 2, label: entry.label })

    const stale = await h.call('PATCH', `/dictionaries/customer_level/entries/${entry.id}`, {
      token: adminToken,
      headers: ifMatch(1),
      body: { enabled: true },
    })
    expect(expectProblem(stale, 412).current).toMatchObject({ id: entry.id, enabled: false, version: 2 })
    expect((await typeOf('customer_level')).entries.find((e: ReplyBody) => e.id === entry.id).enabled).toBe(
      false,
    )
  })

  test('an entry addressed through the wrong type → 404', async () => {
    const entry = (await typeOf('industry')).entries[0]
    expectProblem(
      await h.call('PATCH', `/dictionaries/lead_source/entries/${entry.id}`, {
        token: adminToken,
        headers: ifMatch(entry.version),
        body: { sort: 1 },
      }),
      404,
    )
    expect((await typeOf('industry')).entries[0]).toMatchObject({ id: entry.id, version: entry.version })
  })

  test('a custom type: create, add an entry, delete the entry, delete the type', async () => {
    const created = await h.call('POST', '/dictionaries', {
      token: adminToken,
      body: { code: 'visit_purpose', name: label('Visit purpose') },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ code: 'visit_purpose', builtIn: false, entries: [] })
    const dupType = await h.call('POST', '/dictionaries', {
      token: adminToken,
      body: { code: 'visit_purpose', name: label('Again') },
    })
    expectProblem(dupType, 409)
    expect(fieldErrors(dupType)).toHaveProperty('code')

    const entry = await h.call('POST', '/dictionaries/visit_purpose/entries', {
      token: adminToken,
      body: { value: 'demo', label: label('Demo') },
    })
    expect(entry.status).toBe(201)
    expect((await typeOf('visit_purpose')).entries.map((e: ReplyBody) => e.value)).toEqual(['demo'])

    // A type with live entries stays.
    expectProblem(
      await h.call('DELETE', '/dictionaries/visit_purpose', { token: adminToken, headers: ifMatch(1) }),
      409,
    )
    expect(await typeOf('visit_purpose')).toBeDefined()

    expect(
      (
        await h.call('DELETE', `/dictionaries/visit_purpose/entries/${entry.body.id}`, {
          token: adminToken,
          headers: ifMatch(1),
        })
      ).status,
    ).toBe(204)
    expect((await typeOf('visit_purpose')).entries).toEqual([])
    expect(
      (await h.call('DELETE', '/dictionaries/visit_purpose', { token: adminToken, headers: ifMatch(1) }))
        .status,
    ).toBe(204)
    expect(await typeOf('visit_purpose')).toBeUndefined()
    expect(await dictionaries()).toHaveLength(14)
  })

  test('built-in types cannot be deleted; a type can be renamed with If-Match', async () => {
    const type = await typeOf('invoice_type')
    expectProblem(
      await h.call('DELETE', '/dictionaries/invoice_type', {
        token: adminToken,
        headers: ifMatch(type.version),
      }),
      409,
    )
    expect(await typeOf('invoice_type')).toBeDefined()
    const renamed = await h.call('PATCH', '/dictionaries/invoice_type', {
      token: adminToken,
      headers: ifMatch(type.version),
      body: { name: label('Invoice kind') },
    })
    expect(renamed.status).toBe(200)
    expect(renamed.body).toMatchObject({ code: 'invoice_type', version: 2, name: label('Invoice kind') })
    expect(renamed.body.entries).toHaveLength(2)
    expect((await typeOf('invoice_type')).name).toEqual(label('Invoice kind'))
  })

  test('writes need the dict permissions (403, nothing stored)', async () => {
    const { token } = await h.userWith(adminToken, {
      username: 'dict_reader',
      permissions: ['admin.dict.read'],
    })
    expectProblem(
      await h.call('POST', '/dictionaries/lead_source/entries', {
        token,
        body: { value: 'sneaky', label: label('Sneaky') },
      }),
      403,
    )
    expect((await typeOf('lead_source')).entries.map((e: ReplyBody) => e.value)).not.toContain('sneaky')
  })
})
