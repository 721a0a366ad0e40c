import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { EntityManager } from 'typeorm'
import type { AggregateContext } from '../records/aggregate.js'
import type { Dictionaries } from '../preset/dictionaries.js'
import { mappedColumns, planImport } from './plan.js'
import { keyOf, scopedKey, type ExchangeSpec, type ScopedText } from './spec.js'

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

/** A contact named among the row's customer's contacts: a reference scoped by another column. */
describe('a scoped reference', () => {
  const asked: (readonly ScopedText[])[] = []
  const customers = new Map([
    ['Acme', 'c-1'],
    ['Bolt', 'c-2'],
  ])
  const contactsOf = new Map([
    [scopedKey('c-1', 'Ann'), 'p-1'],
    [scopedKey('c-2', 'Ann'), 'p-2'],
  ])
  const scopedSpec = {
    ...spec,
    fields: [
      {
        key: 'contactId',
        label: { zh: '联系人', en: 'Contact' },
        kind: 'ref',
        scopedRef: {
          within: 'customerId',
          unknown: 'orders.contract.import_unknown_contact',
          ids: async (_m: unknown, _ctx: unknown, pairs: readonly ScopedText[]) => {
            asked.push(pairs)
            return new Map(
              pairs.flatMap((p) => {
                const id = contactsOf.get(scopedKey(p.within, p.text))
                return id ? [[scopedKey(p.within, p.text), id] as const] : []
              }),
            )
          },
        },
      },
      {
        key: 'customerId',
        label: { zh: '客户', en: 'Customer' },
        kind: 'ref',
        required: true,
        ref: {
          ids: async (_m: unknown, _ctx: unknown, texts: readonly string[]) =>
            new Map(texts.flatMap((t) => (customers.has(t) ? [[t, customers.get(t)!] as const] : []))),
          names: async () => new Map(),
        },
      },
    ],
  } as unknown as ExchangeSpec

  it('resolves each row’s text within its row’s record, all rows in one call', async () => {
    const { rows, errors } = await planImport(
      {} as EntityManager,
      {} as AggregateContext,
      scopedSpec,
      { dicts: {} as Dictionaries, timeZone: 'UTC' },
      {
        // The contact column comes first: it is still read after the customer.
        headers: ['Contact', 'Customer'],
        rows: [
          ['Ann', 'Acme'],
          ['Ann', 'Bolt'],
          ['', 'Acme'],
          ['Bob', 'Acme'],
          ['Ann', 'Nobody'],
          ['Ann', 'Acme'],
        ].map((cells, i) => ({ line: i + 2, cells })),
        mapping: { Contact: 'contactId', Customer: 'customerId' },
        duplicates: 'update',
      },
    )
    expect(rows.map((r) => [r.line, r.values])).toEqual([
      [2, { customerId: 'c-1', contactId: 'p-1' }],
      [3, { customerId: 'c-2', contactId: 'p-2' }],
      [4, { customerId: 'c-1' }],
      [7, { customerId: 'c-1', contactId: 'p-1' }],
    ])
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [5, 'Contact', 'orders.contract.import_unknown_contact'],
      [6, 'Customer', 'import.unknown_ref'],
      [6, 'Contact', 'orders.contract.import_unknown_contact'],
    ])
    // One call, each distinct (customer, name) pair once; a row without its customer asks nothing.
    expect(asked).toEqual([
      [
        { within: 'c-1', text: 'Ann' },
        { within: 'c-2', text: 'Ann' },
        { within: 'c-1', text: 'Bob' },
      ],
    ])
  })

  it('needs the column it is read within', () => {
    expect(() => mappedColumns(scopedSpec, ['Contact'], { Contact: 'contactId' })).toThrow()
  })
})
