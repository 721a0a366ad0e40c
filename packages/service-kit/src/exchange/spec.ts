import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { ResourceKey } from '@mosaic/permissions'
import type { ImportFieldKind, Page, ProblemCode, ProblemParams } from '@mosaic/schemas'
import type { AggregateContext } from '../records/aggregate.js'
import type { RecordBase } from '../records/columns.js'
import type { RecordStore } from '../records/record-store.js'
import type { Dictionaries } from '../preset/dictionaries.js'

/** A label in both languages (headers, hints). */
export interface Bilingual {
  zh: string
  en: string
}

/**
 * How a `ref` field's readable form (another record's name or number) maps to its id, both ways,
 * for many values at once: one query per chunk of rows, never one per row.
 */
export interface RefResolver {
  /** Readable → id, for the records the caller may see. A name matching several records is left out. */
  ids(m: EntityManager, ctx: AggregateContext, texts: readonly string[]): Promise<Map<string, string>>
  /** Id → readable form (for export). */
  names(m: EntityManager, ids: readonly string[]): Promise<Map<string, string>>
}

/** One cell of a scoped reference with the id its row's `within` column resolved to. */
export interface ScopedText {
  within: string
  text: string
}

/** The key a `ScopedRefResolver` answers a pair under. */
export const scopedKey = (within: string, text: string) => `${within}\u0000${text}`

/**
 * A `ref` field whose readable form names a record only among another column's record (a
 * contract's contact among its customer's contacts): resolved for all of a file's distinct
 * (within, text) pairs at once, never one call per row.
 */
export interface ScopedRefResolver {
  /** The key of the field (mapped too) whose resolved id scopes this one. */
  within: string
  /** (within id, readable) → id, keyed by `scopedKey`; a pair left out is the row error `unknown`. */
  ids(m: EntityManager, ctx: AggregateContext, pairs: readonly ScopedText[]): Promise<Map<string, string>>
  /** The row error (params `{ value }`) of a text naming nothing there; default `import.unknown_ref`. */
  unknown?: ProblemCode
}

/** What a `TextReader` made of one text: the value `create`/`update` get, or that cell's row error. */
export type ReadResult = { value: unknown } | { problem: ProblemCode; params?: ProblemParams }

/**
 * A `text` field whose readable form the list parses and resolves itself (a contract's lines
 * "HW-001 × 2 @ 100.00"), for all of a file's distinct texts at once: one batch of queries per
 * file, never one per row. A text left out of the answer is read as it is.
 */
export interface TextReader {
  read(m: EntityManager, ctx: AggregateContext, texts: readonly string[]): Promise<Map<string, ReadResult>>
}

/** One column of a list's files. */
export interface ExchangeField {
  /** The key the values carry into `create`/`update` (and the list item's property on export). */
  key: string
  label: Bilingual
  kind: ImportFieldKind
  required?: boolean
  /**
   * Part of the business key that finds an existing record (compared by value — a ref by its id —
   * trimmed and case-insensitive). An empty cell never clears a value: create takes the default,
   * update leaves the field as it is.
   */
  businessKey?: boolean
  /**
   * With `businessKey`: the key may be left empty (a number the service issues, e.g. a contract's):
   * a row without it always creates, and a key found nowhere creates too (under a new number).
   */
  keyOptional?: boolean
  /** For `dict`: the dictionary type. */
  dict?: string
  /** For `ref`: how names/numbers map to ids. */
  ref?: RefResolver
  /**
   * For `ref`, instead of `ref`: a reference read within another column's record (export writes
   * `exportValue`'s text, the list item's name for it).
   */
  scopedRef?: ScopedRefResolver
  /** For `text`: the list's own batched parsing of the cell (export writes `exportValue`'s text). */
  reader?: TextReader
  /** Longest accepted text (checked in the dry run). */
  maxLength?: number
  /** Export only (a number, a derived field): shown in the template, never read from a file. */
  readOnly?: boolean
  /**
   * Export only: the labels of a code-valued column (a status), written in the caller's language;
   * a value without a label is written as it is.
   */
  exportLabels?: Readonly<Record<string, Bilingual>>
  /** The export value from a list item; default `item[key]`. user/dept/ref give the id. */
  exportValue?: (item: Record<string, unknown>) => unknown
  /** A value for the template's example row (readable form). */
  example?: string
  /**
   * The list's column names that show this field (`primaryContactName` for `contactName`), so an
   * export asked with the columns on screen finds it. `<x>Name` finds a user/dept/ref field `<x>Id` anyway.
   */
  aliases?: readonly string[]
}

/** One imported row as the domain functions receive it: field key → value (ids, dict values, decimal text). */
export type ImportValues = Record<string, unknown>

/** The record an import created or updated (its version after the write). */
export interface Written {
  id: string
  version: number
}

/** A record found by business key; `writable: false` — it exists but the caller may not change it. */
export interface Existing extends Written {
  writable?: boolean
}

/**
 * What a list declares to get import and export (`registerExchange`). Every write goes through the
 * aggregate's own domain functions, so its rules, audit and events hold for imported rows too.
 */
export interface ExchangeSpec<T extends RecordBase = RecordBase, Q = unknown> {
  /** `<service>.<resource>`: access is `<resource>.import` / `<resource>.export`. */
  resource: ResourceKey
  /** The list's path (`/customers`). */
  path: string
  /** The list's name for file names (`客户` / `Customers`); default the path's last segment. */
  title?: Bilingual
  /** The aggregate's store: undo removes through `remove` and restores versions through it. */
  store: RecordStore<T>
  /** Columns in file order. */
  fields: readonly ExchangeField[]
  /** The list's filter schema (`CustomerListQuery`): export takes the same filters as the list. */
  listQuery: z.ZodType<Q>
  /** The list's own query (scope applied), one keyset page at a time. */
  list(m: EntityManager, ctx: AggregateContext, query: Q): Promise<Page<Record<string, unknown>>>
  /**
   * Existing records by business key, in the caller's scope: `keys` are the rows' key values as
   * `create` would get them (ids for user/dept/ref fields), in `businessKey` field order, as text,
   * trimmed and lower-cased; answer `keyOf(key)` → record (`existingMatches` builds the answer).
   */
  findExisting(
    m: EntityManager,
    ctx: AggregateContext,
    keys: readonly string[][],
  ): Promise<Map<string, Existing>>
  /** The domain's own check of a row's values without writing (the create body schema); throws a problem. */
  check?(values: ImportValues, mode: 'create' | 'update'): void
  /** Creates through the aggregate's create rule. */
  create(m: EntityManager, ctx: AggregateContext, values: ImportValues): Promise<Written>
  /**
   * The same rule for a run of rows at once (one query per check, one INSERT), where an aggregate
   * imports in bulk (customers: 100,000 in a minute). Answers in the rows' order; a refusal names
   * its row by throwing `atRow(index, error)`. Without it, each row goes through `create`.
   */
  createMany?(m: EntityManager, ctx: AggregateContext, rows: ImportValues[]): Promise<Written[]>
  /** Updates through the aggregate's update rule (only the mapped fields are in `values`). */
  update(
    m: EntityManager,
    ctx: AggregateContext,
    id: string,
    version: number,
    values: ImportValues,
  ): Promise<Written>
  /** The aggregate's deletion rule (to the recycle bin): undo of a created record. */
  remove(m: EntityManager, ctx: AggregateContext, id: string, version: number): Promise<void>
  /** Rows per commit transaction; default 200. */
  chunkSize?: number
}

/** What the routes need besides the spec. */
export interface ExchangeDeps {
  dicts: Dictionaries
}

/** The business key of some values, as `findExisting` answers it. */
export const keyOf = (parts: readonly string[]) => parts.join('\u0000')
export const normaliseKey = (text: string) => text.trim().toLowerCase()
