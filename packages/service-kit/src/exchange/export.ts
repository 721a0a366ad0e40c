import { once } from 'node:events'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import type { Response } from 'express'
import type { EntityManager } from 'typeorm'
import { fieldError, validationFailed } from '../errors.js'
import { PAGE_SIZE_MAX, type ExchangeFormat } from '@mosaic/schemas'
import type { AggregateContext } from '../records/aggregate.js'
import type { Dictionaries } from '../preset/dictionaries.js'
import type { ExchangeField, ExchangeSpec } from './spec.js'
import type { RecordBase } from '../records/columns.js'
import { escapeFormula, writeDateTime, type Lang } from './values.js'

const MEDIA: Record<ExchangeFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/**
 * The columns `columns=` picks, in its order; default every field. The list sends the columns it
 * shows, by their names on screen: a field is found by its key, one of its aliases, or — for a
 * user/dept/ref field `<x>Id` — the list's `<x>Name`. A shown column with no readable form in the
 * file (a computed badge) is left out; asking for none that the list exports is a 400.
 */
export function exportColumns(spec: ExchangeSpec, columns: string | undefined): ExchangeField[] {
  if (!columns?.trim()) return [...spec.fields]
  const byName = columnNames(spec.fields)
  const keys = [
    ...new Set(
      columns
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ]
  const picked = [...new Set(keys.map((k) => byName.get(k)).filter((f) => f !== undefined))]
  if (!picked.length)
    throw validationFailed(
      keys.slice(0, 20).map((k) => fieldError('columns', 'import.unknown_field', { field: k })),
    )
  return picked
}

function columnNames(fields: readonly ExchangeField[]): Map<string, ExchangeField> {
  const names = new Map<string, ExchangeField>()
  for (const f of fields) {
    const byId = /^(.+)Id$/.exec(f.key)
    if (byId && (f.kind === 'user' || f.kind === 'dept' || f.kind === 'ref')) names.set(`${byId[1]}Name`, f)
    for (const alias of f.aliases ?? []) names.set(alias, f)
  }
  for (const f of fields) names.set(f.key, f)
  return names
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 5987), so Chinese names survive. */
export function attachmentHeader(res: Response, baseName: string, asciiName: string, format: ExchangeFormat) {
  const stamp = new Date().toISOString().slice(0, 10)
  const utf8 = encodeURIComponent(`${baseName}-${stamp}.${format}`)
  res.setHeader('Content-Type', MEDIA[format])
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${asciiName}-${stamp}.${format}"; filename*=UTF-8''${utf8}`,
  )
  res.setHeader('Cache-Control', 'no-store')
}

/** One sheet being written: rows go out as they come, never the whole file in memory. */
interface SheetWriter {
  row(cells: (string | number)[]): Promise<void>
  end(): Promise<void>
}

export function csvWriter(res: Response): SheetWriter {
  // The BOM makes Excel read the file as UTF-8 (Chinese names otherwise turn to mojibake).
  res.write('\uFEFF')
  const write = async (text: string) => {
    if (!res.write(text)) await once(res, 'drain')
  }
  return {
    row: (cells) =>
      write(
        Papa.unparse([cells.map((c) => (typeof c === 'number' ? String(c) : escapeFormula(c)))]) + '\r\n',
      ),
    end: async () => void res.end(),
  }
}

export function xlsxWriter(
  res: Response,
  sheetName: string,
  extra?: (book: ExcelJS.stream.xlsx.WorkbookWriter) => void,
) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: res,
    useStyles: false,
    useSharedStrings: false,
  })
  const sheet = book.addWorksheet(sheetName)
  const writer: SheetWriter = {
    // Cells are typed strings (never formulas), so a `=cmd` text stays text in Excel.
    row: async (cells) => sheet.addRow(cells).commit(),
    end: async () => {
      sheet.commit()
      extra?.(book)
      await book.commit()
    },
  }
  return writer
}

/** Readable values of a page of list items: one lookup per user/dept/ref field per page. */
export async function readableRows(
  m: EntityManager,
  dicts: Dictionaries,
  fields: readonly ExchangeField[],
  items: Record<string, unknown>[],
  lang: Lang,
  timeZone: string,
): Promise<(string | number)[][]> {
  const names = new Map<string, Map<string, string>>()
  for (const field of fields) {
    const ids = [
      ...new Set(
        items.map((i) => rawValue(field, i)).filter((v): v is string => typeof v === 'string' && v !== ''),
      ),
    ]
    if (field.kind === 'user')
      names.set(
        field.key,
        await namesOf(m, 'SELECT id, display_name AS name FROM user_replica WHERE id = ANY($1)', ids),
      )
    if (field.kind === 'dept')
      names.set(field.key, await namesOf(m, 'SELECT id, name FROM dept_replica WHERE id = ANY($1)', ids))
    if (field.kind === 'ref' && field.ref)
      names.set(field.key, ids.length ? await field.ref.names(m, ids) : new Map())
    if (field.kind === 'dict') {
      const entries = await dicts.entries(field.dict!)
      names.set(field.key, new Map(entries.map((e) => [e.value, lang === 'en' ? e.label.en : e.label.zh])))
    }
  }
  return items.map((item) =>
    fields.map((f) => readable(f, rawValue(f, item), names.get(f.key), lang, timeZone)),
  )
}

const rawValue = (field: ExchangeField, item: Record<string, unknown>) =>
  field.exportValue ? field.exportValue(item) : item[field.key]

async function namesOf(m: EntityManager, sql: string, ids: string[]): Promise<Map<string, string>> {
  const uuids = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id))
  if (!uuids.length) return new Map()
  const rows: { id: string; name: string }[] = await m.query(sql, [uuids])
  return new Map(rows.map((r) => [r.id, r.name]))
}

function readable(
  field: ExchangeField,
  value: unknown,
  names: Map<string, string> | undefined,
  lang: Lang,
  timeZone: string,
): string | number {
  if (value === null || value === undefined || value === '') return ''
  const labelled = field.exportLabels?.[String(value)]
  if (labelled) return labelled[lang]
  switch (field.kind) {
    case 'number':
      return typeof value === 'number' ? value : String(value)
    case 'date':
      return String(value).slice(0, 10)
    case 'datetime':
      return writeDateTime(value as string, timeZone)
    case 'bool':
      return value ? (lang === 'en' ? 'Yes' : '是') : lang === 'en' ? 'No' : '否'
    case 'tags':
      return Array.isArray(value) ? value.join(', ') : String(value)
    case 'dict':
    case 'user':
    case 'dept':
    case 'ref':
      return names?.get(String(value)) ?? String(value)
    default:
      return String(value)
  }
}

/**
 * The filtered list in scope, page by page (keyset: the list's own cursor), each page written
 * before the next is read.
 */
export async function writeList<T extends RecordBase, Q>(
  m: EntityManager,
  ctx: AggregateContext,
  spec: ExchangeSpec<T, Q>,
  o: {
    filters: Q
    fields: ExchangeField[]
    dicts: Dictionaries
    lang: Lang
    timeZone: string
    out: SheetWriter
  },
) {
  await o.out.row(o.fields.map((f) => f.label[o.lang]))
  let cursor: string | undefined
  do {
    const page = await spec.list(m, ctx, { ...o.filters, limit: PAGE_SIZE_MAX, cursor, page: undefined } as Q)
    for (const cells of await readableRows(m, o.dicts, o.fields, page.items, o.lang, o.timeZone))
      await o.out.row(cells)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  await o.out.end()
}
