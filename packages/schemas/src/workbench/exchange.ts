import { z } from 'zod'
import { Id, IsoDateTime } from '../common.js'
import { BulkResult } from './bulk.js'

/**
 * Import and export (导入导出, SPEC §0 and §7.7). Every main list (leads, customers, contacts,
 * products, contracts, payments) has the same routes under its path (`exchangeRoutesOf`):
 *
 *   GET  <list>/export?format=&columns=&<the list's filters>   the filtered list in scope, streamed
 *   GET  <list>/import/template?format=                        the columns with dictionary labels
 *   GET  <list>/import/fields                                  what a file column can map to
 *   POST <list>/imports            (raw file body, X-File-Name) parse + suggest a mapping → preview
 *   GET  <list>/imports                                        the caller's batches of this list
 *   GET  <list>/imports/:id                                    one batch (progress while it runs)
 *   POST <list>/imports/:id/dry-run                            every row checked, nothing written
 *   POST <list>/imports/:id/commit                             202; runs as one batch, poll the batch
 *   POST <list>/imports/:id/undo                               created removed, updated restored
 *
 * Values are read and written by their readable form: dictionary labels (either language), users'
 * and departments' names, other records' names or numbers; money as decimal text; dates as
 * YYYY-MM-DD. Export → import into an empty system reproduces the data.
 */
export const ExchangeFormat = z.enum(['csv', 'xlsx'])
export type ExchangeFormat = z.infer<typeof ExchangeFormat>

/** The list's own filters ride along (loose); `columns` picks and orders the columns shown. */
export const ExportQuery = z.looseObject({
  format: ExchangeFormat.default('xlsx'),
  /** Comma-separated field keys as the list shows them; default: every exportable field. */
  columns: z.string().max(2000).optional(),
})
export const TemplateQuery = z.object({ format: ExchangeFormat.default('xlsx') })

export const ImportFieldKind = z.enum([
  'text',
  'number',
  'money',
  'date',
  'datetime',
  'bool',
  'dict',
  'user',
  'dept',
  'ref',
  'tags',
])
export type ImportFieldKind = z.infer<typeof ImportFieldKind>

/** A column a file can fill: its key, its header in the caller's language, and how its text is read. */
export const ImportField = z.object({
  key: z.string(),
  label: z.string(),
  kind: ImportFieldKind,
  required: z.boolean(),
  /** Part of the business key that finds an existing record (duplicates are skipped or updated by it). */
  businessKey: z.boolean(),
  /** For `dict`: the dictionary type whose labels are accepted. */
  dict: z.string().optional(),
  /** How to write it, in the caller's language (`YYYY-MM-DD`, `a user's name`, …). */
  hint: z.string().optional(),
})
export type ImportField = z.infer<typeof ImportField>

export const DuplicateMode = z.enum(['skip', 'update'])
export type DuplicateMode = z.infer<typeof DuplicateMode>

/** File column header → field key (null: the column is ignored). */
export const ImportMapping = z.record(z.string().max(200), z.string().max(60).nullable())
export type ImportMapping = z.infer<typeof ImportMapping>

/** One problem of one row, before anything is written: the row as numbered in the file (header = 1). */
export const ImportRowError = z.object({
  row: z.number().int(),
  /** The file's column header, when the problem is one cell's. */
  column: z.string().nullable(),
  field: z.string().nullable(),
  /** A problem code of the catalog (`problems/`); the UI renders it with `params` in the reader's language. */
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  /** English rendering of `code` (like a problem's `detail`). */
  message: z.string(),
})
export type ImportRowError = z.infer<typeof ImportRowError>

export const ImportBatchStatus = z.enum(['uploaded', 'checked', 'running', 'committed', 'failed', 'undone'])
export type ImportBatchStatus = z.infer<typeof ImportBatchStatus>

export const ImportBatch = z.object({
  id: Id,
  /** `<service>.<resource>` of the permission catalog (`sales.customer`). */
  resource: z.string(),
  fileName: z.string(),
  status: ImportBatchStatus,
  headers: z.array(z.string()),
  mapping: ImportMapping,
  duplicates: DuplicateMode,
  total: z.number().int(),
  /** Rows done so far while it runs (the progress bar). */
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  /** The last dry run's or commit's problems (at most 1000 kept; `errorCount` has them all). */
  errors: z.array(ImportRowError),
  errorCount: z.number().int(),
  createdBy: z.object({ id: z.string().nullable(), name: z.string() }),
  createdAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
  undoneAt: IsoDateTime.nullable(),
  undoneBy: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
})
export type ImportBatch = z.infer<typeof ImportBatch>

/** The answer to an upload: the batch, what its columns can map to, and the first rows as read. */
export const ImportPreview = z.object({
  batch: ImportBatch,
  fields: z.array(ImportField),
  sample: z.array(z.array(z.string())),
})
export type ImportPreview = z.infer<typeof ImportPreview>

/** Body of dry-run and commit: the mapping the user chose and what to do with duplicates. */
export const ImportPlan = z.strictObject({
  mapping: ImportMapping,
  duplicates: DuplicateMode.default('skip'),
})
export type ImportPlan = z.input<typeof ImportPlan>

export const ImportDryRun = z.object({
  batch: ImportBatch,
  create: z.number().int(),
  update: z.number().int(),
  skip: z.number().int(),
  errors: z.array(ImportRowError),
  errorCount: z.number().int(),
})
export type ImportDryRun = z.infer<typeof ImportDryRun>

/** Undo of a whole batch: one result per record it created (removed) or updated (restored). */
export const ImportUndo = z.object({ batch: ImportBatch }).extend(BulkResult.shape)
export type ImportUndo = z.infer<typeof ImportUndo>

/** Largest import file accepted (bytes): 100k customers as CSV fit well inside. */
export const IMPORT_FILE_MAX_BYTES = 40 * 1024 * 1024
