import type { Request, Response } from 'express'
import { z } from 'zod'
import type { Logger } from 'pino'
import {
  IMPORT_FILE_MAX_BYTES,
  ExportQuery,
  ImportBatch,
  ImportDryRun,
  ImportField,
  ImportPlan,
  ImportPreview,
  ImportUndo,
  TemplateQuery,
  type ExchangeFormat,
} from '@mosaic/schemas'
import type { Database } from '../db/database.js'
import { badRequest, problem } from '../errors.js'
import type { ApiRouter } from '../http/route.js'
import { parseOrThrow } from '../http/validate.js'
import { accessResolver, type AggregateContext } from '../records/aggregate.js'
import { IdParams, recordContext } from '../records/record-routes.js'
import { checkDeclaredLength, declaredType, fileNameOf } from '../attachments/upload.js'
import type { Principal } from '@mosaic/permissions'
import { getBatch, insertBatch, listBatches } from './batches.js'
import { attachmentHeader, csvWriter, exportColumns, writeList, xlsxWriter } from './export.js'
import { dryRun, startCommit, undoBatch, type ImportEnv } from './import.js'
import { suggestMapping } from './plan.js'
import { formatOf, IMPORT_MEDIA_TYPES, readSheet } from './read-file.js'
import type { ExchangeDeps, ExchangeSpec } from './spec.js'
import type { RecordBase } from '../records/columns.js'
import { writeTemplate } from './template.js'
import type { Lang } from './values.js'

export interface ExchangeOptions extends ExchangeDeps {
  db: Database
  /** The business time zone: wall-clock date-times in files are read and written in it. */
  timeZone: string
  logger?: Pick<Logger, 'error'>
  /** Default `IMPORT_FILE_MAX_BYTES`. */
  maxBytes?: number
}

/** Rows shown in the upload's preview. */
const SAMPLE_ROWS = 5

/**
 * Import and export of one list, the routes of `exchangeRoutesOf(spec.path)`: export, template,
 * fields, upload, batches, dry run, commit (202, then poll), undo. Access is the resource's
 * `import` / `export` code; a batch is visible to its creator (and to `all`-scope admins) only.
 */
export function registerExchange<T extends RecordBase, Q>(
  api: ApiRouter,
  spec: ExchangeSpec<T, Q>,
  o: ExchangeOptions,
): void {
  const code = accessResolver(spec.resource)
  const [importCode, exportCode] = [code('import'), code('export')]
  const anySpec = spec as unknown as ExchangeSpec
  const env: ImportEnv = {
    db: o.db,
    spec: anySpec,
    deps: { dicts: o.dicts, timeZone: o.timeZone },
    log: (error, batchId) => o.logger?.error({ err: error, batchId }, 'import commit failed'),
  }
  const tags = [spec.path.split('/')[1]!]
  const path = spec.path
  const maxBytes = o.maxBytes ?? IMPORT_FILE_MAX_BYTES
  const m = () => o.db.dataSource.manager
  const ctxOf = (principal: Principal, requestId: string): AggregateContext => ({
    ...recordContext(principal, requestId),
    principal,
  })

  api.route({
    method: 'get',
    path: `${path}/export`,
    summary: 'Export the filtered list in my scope (CSV or XLSX, streamed)',
    tags,
    access: exportCode,
    query: ExportQuery,
    handler: async ({ query, principal, requestId, req, res }) => {
      const { format, columns, ...rest } = query
      const filters = parseOrThrow(spec.listQuery, rest)
      const fields = exportColumns(anySpec, columns)
      const lang = langOf(req)
      const name = spec.path.split('/').pop()!
      attachmentHeader(res, spec.title?.[lang] ?? name, name, format)
      const out = format === 'csv' ? csvWriter(res) : xlsxWriter(res, name)
      await streamed(res, () =>
        writeList(m(), ctxOf(principal, requestId), spec, {
          filters,
          fields,
          dicts: o.dicts,
          lang,
          timeZone: o.timeZone,
          out,
        }),
      )
    },
  })

  api.route({
    method: 'get',
    path: `${path}/import/template`,
    summary: 'An import template: the columns in my language, an example row and the dictionary labels',
    tags,
    access: importCode,
    query: TemplateQuery,
    handler: async ({ query, principal, req, res }) => {
      const lang = langOf(req)
      const name = spec.path.split('/').pop()!
      attachmentHeader(res, `${spec.title?.[lang] ?? name}-template`, `${name}-template`, query.format)
      await streamed(res, () =>
        writeTemplate(res, anySpec, {
          format: query.format,
          lang,
          dicts: o.dicts,
          me: principal.displayName ?? principal.username,
        }),
      )
    },
  })

  api.route({
    method: 'get',
    path: `${path}/import/fields`,
    summary: 'What a file column can map to',
    tags,
    access: importCode,
    response: z.array(ImportField),
    handler: ({ req }) => importFields(anySpec, langOf(req)),
  })

  api.route({
    method: 'post',
    path: `${path}/imports`,
    summary: `Upload a CSV or XLSX file (raw body, X-File-Name; at most ${maxBytes} bytes): the batch and a preview`,
    tags,
    access: importCode,
    rawBody: IMPORT_MEDIA_TYPES,
    response: ImportPreview,
    handler: async ({ principal, requestId, req }) => {
      declaredType(req, IMPORT_MEDIA_TYPES)
      // Any name is accepted here; the format is decided by the name's extension and the bytes.
      const fileName = fileNameOf(req, 'application/octet-stream')
      const bytes = await readBody(req, maxBytes)
      const format = formatOf(fileName, bytes)
      const sheet = await readSheet(format, bytes)
      const ctx = ctxOf(principal, requestId)
      const created = await o.db.transaction((tx) =>
        insertBatch(tx, ctx, { resource: spec.resource, fileName, format, sheet }),
      )
      const mapping = suggestMapping(anySpec, sheet.headers)
      const batch = { ...created, mapping }
      return {
        batch,
        fields: importFields(anySpec, langOf(req)),
        sample: sheet.rows.slice(0, SAMPLE_ROWS).map((r) => r.cells),
      }
    },
  })

  api.route({
    method: 'get',
    path: `${path}/imports`,
    summary: 'My import batches of this list (newest first)',
    tags,
    access: importCode,
    response: z.array(ImportBatch),
    handler: ({ principal, requestId }) => listBatches(m(), ctxOf(principal, requestId), spec.resource),
  })

  api.route({
    method: 'get',
    path: `${path}/imports/:id`,
    summary: 'One import batch (its progress while it runs)',
    tags,
    access: importCode,
    params: IdParams,
    response: ImportBatch,
    cache: 'no-store',
    handler: ({ params, principal, requestId }) =>
      getBatch(m(), ctxOf(principal, requestId), spec.resource, params.id),
  })

  api.route({
    method: 'post',
    path: `${path}/imports/:id/dry-run`,
    summary: 'Check every row with this mapping; nothing is written',
    tags,
    access: importCode,
    params: IdParams,
    body: ImportPlan,
    response: ImportDryRun,
    status: 200,
    handler: ({ params, body, principal, requestId }) =>
      dryRun(env, ctxOf(principal, requestId), params.id, body as z.infer<typeof ImportPlan>),
  })

  api.route({
    method: 'post',
    path: `${path}/imports/:id/commit`,
    summary:
      'Write the batch (202; poll the batch for progress); 422 listing every problem if a row fails its checks',
    tags,
    access: importCode,
    params: IdParams,
    body: ImportPlan,
    response: ImportBatch,
    status: 202,
    handler: ({ params, body, principal, requestId }) =>
      startCommit(env, ctxOf(principal, requestId), params.id, body as z.infer<typeof ImportPlan>),
  })

  api.route({
    method: 'post',
    path: `${path}/imports/:id/undo`,
    summary:
      'Undo a whole batch: created records to the recycle bin, updated ones back to their earlier version',
    tags,
    access: importCode,
    params: IdParams,
    response: ImportUndo,
    status: 200,
    handler: ({ params, principal, requestId }) => undoBatch(env, ctxOf(principal, requestId), params.id),
  })
}

/** The caller's language: `Accept-Language` (Chinese unless English is preferred). */
export function langOf(req: Request): Lang {
  const best = req.acceptsLanguages('zh-CN', 'zh', 'en')
  return typeof best === 'string' && best.startsWith('en') ? 'en' : 'zh'
}

export function importFields(spec: ExchangeSpec, lang: Lang): ImportField[] {
  return spec.fields
    .filter((f) => !f.readOnly)
    .map((f) => ({
      key: f.key,
      label: f.label[lang],
      kind: f.kind,
      required: !!(f.required || (f.businessKey && !f.keyOptional)),
      businessKey: !!f.businessKey,
      ...(f.dict ? { dict: f.dict } : {}),
      ...(hintOf(f.kind, lang) ? { hint: hintOf(f.kind, lang) } : {}),
    }))
}

const HINTS: Partial<Record<ImportField['kind'], { zh: string; en: string }>> = {
  date: { zh: 'YYYY-MM-DD', en: 'YYYY-MM-DD' },
  datetime: { zh: 'YYYY-MM-DD HH:mm', en: 'YYYY-MM-DD HH:mm' },
  money: { zh: '金额，如 1234.56', en: 'an amount, like 1234.56' },
  bool: { zh: '是 / 否', en: 'Yes / No' },
  dict: { zh: '字典选项的名称', en: "the entry's label" },
  user: { zh: '用户姓名或用户名', en: "a user's name or username" },
  dept: { zh: '部门名称', en: "a department's name" },
  ref: { zh: '名称或编号', en: 'a name or number' },
  tags: { zh: '用逗号分隔', en: 'comma-separated' },
}
const hintOf = (kind: ImportField['kind'], lang: Lang) => HINTS[kind]?.[lang]

/** The body as bytes, refused (413) as soon as it passes the limit; the rest is drained. */
async function readBody(req: Request, maxBytes: number): Promise<Buffer> {
  try {
    checkDeclaredLength(req, maxBytes)
  } catch {
    throw problem(413, 'import.file_too_large', { maxBytes })
  }
  const chunks: Buffer[] = []
  let size = 0
  // Read to the end even past the limit (bytes dropped), so the client still hears the 413.
  await new Promise<void>((resolve, reject) => {
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBytes) chunks.push(chunk)
    })
    req.once('end', resolve)
    req.once('error', reject)
  })
  if (size > maxBytes) throw problem(413, 'import.file_too_large', { maxBytes })
  if (!size) throw badRequest('import.file_empty')
  return Buffer.concat(chunks)
}

/** A stream that fails after its headers went out can only be cut off (the client sees a broken download). */
async function streamed(res: Response, work: () => Promise<void>) {
  try {
    await work()
  } catch (error) {
    if (!res.headersSent) throw error
    res.destroy(error as Error)
  }
}

export type { ExchangeFormat }
