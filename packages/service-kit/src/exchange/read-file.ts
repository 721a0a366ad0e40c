import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import type { ExchangeFormat } from '@mosaic/schemas'
import { badRequest, problem } from '../errors.js'

/** More rows than this in one file are refused (100k customers fit). */
export const IMPORT_MAX_ROWS = 200_000
export const IMPORT_MAX_COLUMNS = 100
export const IMPORT_MAX_HEADER_LENGTH = 200

/** A data row: its number in the file (the header is row 1) and its cells as trimmed text. */
export interface SheetRow {
  line: number
  cells: string[]
}

/** A file as read: its header row and its non-empty data rows. */
export interface SheetData {
  headers: string[]
  rows: SheetRow[]
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The media types an upload may declare; the format itself is decided by the file name and its bytes. */
export const IMPORT_MEDIA_TYPES = [
  'text/csv',
  'text/plain',
  'application/csv',
  'application/vnd.ms-excel',
  XLSX_TYPE,
  'application/octet-stream',
] as const

/** CSV or XLSX from the file name, checked against the content (an XLSX is a zip: `PK`). */
export function formatOf(name: string, bytes: Buffer): ExchangeFormat {
  const extension = name.toLowerCase().split('.').pop()
  const zip = bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b
  if (extension === 'xlsx' && zip) return 'xlsx'
  if (extension === 'csv' && !zip) return 'csv'
  throw problem(415, 'import.file_type', { name })
}

export async function readSheet(format: ExchangeFormat, bytes: Buffer): Promise<SheetData> {
  if (bytes.length === 0) throw badRequest('import.file_empty')
  const cells = format === 'csv' ? readCsv(bytes) : await readXlsx(bytes)
  return checkShape(cells)
}

/** UTF-8 with or without a BOM; Excel's "CSV" from a Chinese Windows is GB18030, read as such. */
function decode(bytes: Buffer): string {
  if (bytes.includes(0)) throw badRequest('import.file_unreadable')
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes)
    } catch {
      throw badRequest('import.file_unreadable')
    }
  }
}

function readCsv(bytes: Buffer): string[][] {
  // Empty lines are kept (and skipped later), so row numbers stay those the user sees.
  const parsed = Papa.parse<string[]>(decode(bytes), { skipEmptyLines: false })
  // Papa reports ragged rows and quote slips but still returns its best reading; a file with no
  // rows at all is what it cannot read.
  return parsed.data
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook()
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw badRequest('import.file_unreadable')
  }
  const sheet = book.worksheets[0]
  if (!sheet) throw badRequest('import.no_rows')
  if (sheet.actualRowCount > IMPORT_MAX_ROWS + 1)
    throw badRequest('import.too_many_rows', { max: IMPORT_MAX_ROWS })
  const rows: string[][] = []
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const values: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      if (column <= IMPORT_MAX_COLUMNS + 1) values[column - 1] = cellText(cell.value)
    })
    rows[number - 1] = Array.from(values, (v) => v ?? '')
  })
  return Array.from(rows, (row) => row ?? [])
}

/** A cell's readable text: dates as YYYY-MM-DD (with the time when it has one), formulas by their result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return dateText(value)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('text' in value) return String(value.text)
    if ('error' in value) return ''
    return ''
  }
  return String(value)
}

/** Excel dates carry no zone: they are read as the wall-clock date (and time) they show. */
function dateText(date: Date): string {
  const iso = date.toISOString()
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`
}

function checkShape(cells: string[][]): SheetData {
  const [head, ...rows] = cells.map((row) => row.map((cell) => String(cell ?? '').trim()))
  if (!head || head.every((h) => !h)) throw badRequest('import.no_rows')
  while (head.length && !head[head.length - 1]) head.pop()
  if (head.length > IMPORT_MAX_COLUMNS)
    throw badRequest('import.too_many_columns', { max: IMPORT_MAX_COLUMNS })
  const seen = new Set<string>()
  head.forEach((header, i) => {
    if (!header || header.length > IMPORT_MAX_HEADER_LENGTH || seen.has(header))
      throw badRequest('import.header_invalid', { column: i + 1, max: IMPORT_MAX_HEADER_LENGTH })
    seen.add(header)
  })
  const data: SheetRow[] = []
  rows.forEach((row, i) => {
    if (row.some((cell) => cell !== '')) data.push({ line: i + 2, cells: head.map((_, c) => row[c] ?? '') })
  })
  if (!data.length) throw badRequest('import.no_rows')
  if (data.length > IMPORT_MAX_ROWS) throw badRequest('import.too_many_rows', { max: IMPORT_MAX_ROWS })
  return { headers: head, rows: data }
}
