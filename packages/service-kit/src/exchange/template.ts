import type { Response } from 'express'
import type { ExchangeFormat } from '@mosaic/schemas'
import type { Dictionaries } from '../preset/dictionaries.js'
import { csvWriter, xlsxWriter } from './export.js'
import type { ExchangeField, ExchangeSpec } from './spec.js'
import type { Lang } from './values.js'

const EXAMPLES: Partial<Record<ExchangeField['kind'], string>> = {
  number: '1',
  money: '1234.56',
  date: '2026-01-31',
  datetime: '2026-01-31 09:30',
  tags: 'A, B',
}

/**
 * The import template: the importable columns' headers in the caller's language and one example
 * row; an XLSX also lists each dictionary field's accepted labels on a second sheet.
 */
export async function writeTemplate(
  res: Response,
  spec: ExchangeSpec,
  o: { format: ExchangeFormat; lang: Lang; dicts: Dictionaries; me: string },
) {
  const fields = spec.fields.filter((f) => !f.readOnly)
  const labels = new Map<string, string[]>()
  for (const f of fields.filter((x) => x.kind === 'dict')) {
    const entries = (await o.dicts.entries(f.dict!)).filter((e) => e.enabled)
    labels.set(
      f.key,
      entries.map((e) => e.label[o.lang]),
    )
  }
  const example = fields.map((f) => {
    if (f.example) return f.example
    if (f.kind === 'dict') return labels.get(f.key)?.[0] ?? ''
    if (f.kind === 'user') return o.me
    if (f.kind === 'bool') return o.lang === 'en' ? 'Yes' : '是'
    return EXAMPLES[f.kind] ?? ''
  })
  const dictSheet = o.lang === 'en' ? 'Options' : '选项'
  const out =
    o.format === 'csv'
      ? csvWriter(res)
      : xlsxWriter(res, o.lang === 'en' ? 'Import' : '导入', (book) => {
          const sheet = book.addWorksheet(dictSheet)
          const dictFields = fields.filter((f) => f.kind === 'dict')
          sheet.addRow(dictFields.map((f) => f.label[o.lang])).commit()
          const longest = Math.max(0, ...dictFields.map((f) => labels.get(f.key)!.length))
          for (let i = 0; i < longest; i++)
            sheet.addRow(dictFields.map((f) => labels.get(f.key)![i] ?? '')).commit()
          sheet.commit()
        })
  await out.row(fields.map((f) => f.label[o.lang]))
  await out.row(example)
  await out.end()
}
