import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { readableRows } from './export.js'
import { readSheet } from './read-file.js'
import type { ExchangeField } from './spec.js'
import type { EntityManager } from 'typeorm'
import type { AggregateContext } from '../records/aggregate.js'
import type { Dictionaries } from '../preset/dictionaries.js'
import { buildLookups, escapeFormula, readCell, readDateTime, unescapeCell, writeDateTime } from './values.js'

const field = (kind: ExchangeField['kind'], extra: Partial<ExchangeField> = {}): ExchangeField => ({
  key: 'x',
  label: { zh: 'x', en: 'x' },
  kind,
  ...extra,
})
const code = (value: unknown) => (value as { code?: string }).code

describe('readable values', () => {
  it('reads wall-clock date-times in the business time zone and writes them back the same way', () => {
    expect(readDateTime('2026-03-01 09:30', 'Asia/Shanghai')).toBe('2026-03-01T01:30:00.000Z')
    expect(readDateTime('2026-03-01T01:30:00Z', 'Asia/Shanghai')).toBe('2026-03-01T01:30:00.000Z')
    expect(readDateTime('2026-03-01', 'Asia/Shanghai')).toBe('2026-02-28T16:00:00.000Z')
    expect(readDateTime('2026-03-01 25:00', 'Asia/Shanghai')).toBeNull()
    expect(writeDateTime('2026-03-01T01:30:00.000Z', 'Asia/Shanghai')).toBe('2026-03-01 09:30')
  })

  it('reads money as decimal text, never through a float', () => {
    expect(readCell(field('money'), '¥1,234,567,890,123.45', undefined, 'UTC')).toBe('1234567890123.45')
    expect(readCell(field('money'), '007.5', undefined, 'UTC')).toBe('7.5')
    expect(code(readCell(field('money'), '1e5', undefined, 'UTC'))).toBe('import.invalid_money')
  })

  it('checks dates, numbers, yes/no, lengths; empty is null', () => {
    expect(readCell(field('date'), '2026/2/3', undefined, 'UTC')).toBe('2026-02-03')
    expect(code(readCell(field('date'), '2026-02-30', undefined, 'UTC'))).toBe('import.invalid_date')
    expect(readCell(field('number'), '1,000', undefined, 'UTC')).toBe(1000)
    expect(code(readCell(field('number'), 'ten', undefined, 'UTC'))).toBe('import.invalid_number')
    expect(readCell(field('bool'), '否', undefined, 'UTC')).toBe(false)
    expect(readCell(field('bool'), 'YES', undefined, 'UTC')).toBe(true)
    expect(code(readCell(field('text', { maxLength: 3 }), 'abcd', undefined, 'UTC'))).toBe('import.too_long')
    expect(readCell(field('text'), '', undefined, 'UTC')).toBeNull()
  })

  it('escapes formula-looking text on export and reads it back unchanged', () => {
    for (const text of ['=cmd|calc', '+1', '-x', '@SUM(A1)'])
      expect(unescapeCell(escapeFormula(text))).toBe(text)
    expect(escapeFormula('plain')).toBe('plain')
    expect(unescapeCell("'plain")).toBe("'plain")
  })
})

describe('reading files', () => {
  it('reads CSV in UTF-8 with or without a BOM, and in GB18030', async () => {
    const text = '名称,金额\n上海,1\n'
    for (const bytes of [Buffer.from(text), Buffer.from(`\uFEFF${text}`), gb18030(text)]) {
      const sheet = await readSheet('csv', bytes)
      expect(sheet).toEqual({ headers: ['名称', '金额'], rows: [{ line: 2, cells: ['上海', '1'] }] })
    }
  })

  it('reads XLSX cells as text: Excel dates as YYYY-MM-DD, formulas by their result, rich text joined', async () => {
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('s')
    sheet.addRow(['Name', 'Due', 'Total', 'Note'])
    sheet.addRow([
      'A',
      new Date(Date.UTC(2026, 0, 31)),
      { formula: '1+1', result: 2 },
      { richText: [{ text: 'ab' }, { text: 'c' }] },
    ])
    sheet.addRow([])
    sheet.addRow(['B', new Date(Date.UTC(2026, 0, 31, 9, 30)), 3.5, null])
    const bytes = Buffer.from(await book.xlsx.writeBuffer())
    const read = await readSheet('xlsx', bytes)
    expect(read.headers).toEqual(['Name', 'Due', 'Total', 'Note'])
    expect(read.rows).toEqual([
      { line: 2, cells: ['A', '2026-01-31', '2', 'abc'] },
      { line: 4, cells: ['B', '2026-01-31 09:30', '3.5', ''] },
    ])
  })
})

/** 上海/名称/金额 in GB18030 (what Excel on a Chinese Windows saves as "CSV"). */
function gb18030(text: string): Buffer {
  const table: Record<string, number[]> = {
    名: [0xc3, 0xfb],
    称: [0xb3, 0xc6],
    金: [0xbd, 0xf0],
    额: [0xb6, 0xee],
    上: [0xc9, 0xcf],
    海: [0xba, 0xa3],
  }
  return Buffer.from([...text].flatMap((ch) => table[ch] ?? [ch.charCodeAt(0)]))
}

describe('a list’s own text reader', () => {
  it('reads all of a file’s texts in one call; answers values, row problems, or the text as it is', async () => {
    const calls: string[][] = []
    const lines = field('text', {
      key: 'lines',
      reader: {
        async read(_m, _ctx, texts) {
          calls.push([...texts])
          return new Map([
            ['A × 2', { value: [{ code: 'A', quantity: '2' }] }],
            ['Z × 1', { problem: 'import.unknown_ref', params: { value: 'Z' } }],
          ])
        },
      },
    })
    const lookups = await buildLookups(
      {} as EntityManager,
      {} as AggregateContext,
      {} as Dictionaries,
      [lines],
      () => new Set(['A × 2', 'Z × 1', 'plain']),
    )
    expect(calls).toEqual([['A × 2', 'Z × 1', 'plain']])
    const lookup = lookups.get('lines')
    expect(readCell(lines, 'A × 2', lookup, 'UTC')).toEqual([{ code: 'A', quantity: '2' }])
    expect(readCell(lines, 'Z × 1', lookup, 'UTC')).toMatchObject({
      code: 'import.unknown_ref',
      params: { value: 'Z' },
    })
    expect(readCell(lines, 'plain', lookup, 'UTC')).toBe('plain')
    expect(readCell(lines, '', lookup, 'UTC')).toBeNull()
  })
})

describe('export labels', () => {
  it('writes a code-valued column by its label in the caller’s language, an unknown code as it is', async () => {
    const status = field('text', {
      key: 'status',
      readOnly: true,
      exportLabels: { draft: { zh: '草稿', en: 'Draft' } },
    })
    const items = [{ status: 'draft' }, { status: 'odd' }, { status: null }]
    const none = {} as EntityManager
    const dicts = {} as Dictionaries
    expect(await readableRows(none, dicts, [status], items, 'zh', 'UTC')).toEqual([['草稿'], ['odd'], ['']])
    expect(await readableRows(none, dicts, [status], items, 'en', 'UTC')).toEqual([['Draft'], ['odd'], ['']])
  })
})
