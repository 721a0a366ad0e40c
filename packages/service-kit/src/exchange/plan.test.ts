import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { EntityManager } from 'typeorm'
import type { AggregateContext } from '../records/aggregate.js'
import type { Dictionaries } from '../preset/dictionaries.js'
import { mappedColumns, planImport } from './plan.js'
import { keyOf, type ExchangeSpec } from './spec.js'

/** A list whose number the service issues: the key may be left empty. */
const spec = {
  resource: 'orders.contract',
  path: '/things',
  fields: [
    {
      key: 'number',
      label: { zh: '编号', en: 'Number' },
      kind: 'text',
      businessKey: true,
      keyOptional: true,
    },
    { key: 'name', label: { zh: '名称', en: 'Name' }, kind: 'text', required: true },
  ],
  listQuery: z.object({}),
  findExisting: async (_m: unknown, _ctx: unknown, keys: readonly string[][]) =>
    new Map(keys.filter((k) => k[0] === 'n-1').map((k) => [keyOf(k), { id: 'id-1', version: 3 }])),
} as unknown as ExchangeSpec

const plan = (rows: string[][], duplicates: 'skip' | 'update' = 'update') =>
  planImport(
    {} as EntityManager,
    {} as AggregateContext,
    spec,
    {
      dicts: {} as Dictionaries,
      timeZone: 'UTC',
    },
    {
      headers: ['Number', 'Name'],
      rows: rows.map((cells, i) => ({ line: i + 2, cells })),
      mapping: { Number: 'number', Name: 'name' },
      duplicates,
    },
  )

describe('an optional business key', () => {
  it('creates rows without it, updates the ones it finds, and still refuses it twice in a file', async () => {
    const { rows, errors } = await plan([
      ['', 'no number'],
      ['N-1', 'found'],
      ['N-9', 'not here'],
      ['', 'again no number'],
      ['n-9', 'twice'],
    ])
    expect(rows.map((r) => [r.line, r.outcome, r.values])).toEqual([
      [2, 'create', { name: 'no number' }],
      [3, 'update', { name: 'found' }],
      [4, 'create', { number: 'N-9', name: 'not here' }],
      [5, 'create', { name: 'again no number' }],
    ])
    expect(errors.map((e) => [e.row, e.code])).toEqual([[6, 'import.duplicate_in_file']])
  })

  it('need not be mapped, unlike a required field', () => {
    expect(mappedColumns(spec, ['Name'], { Name: 'name' })).toHaveLength(1)
    expect(() => mappedColumns(spec, ['Number'], { Number: 'number' })).toThrow()
  })
})
