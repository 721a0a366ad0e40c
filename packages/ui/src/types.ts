import type { Page, RecycleBinItem } from '@mosaic/schemas'

/**
 * What a column holds, which decides its minimum width, alignment and wrapping (see columnKinds.ts):
 * values of every kind but `text` are never cut off; `money` is right-aligned.
 */
export type ColumnKind = 'number' | 'money' | 'date' | 'datetime' | 'user' | 'status' | 'text'

/** `T` defaults to any so a page's `ListColumn<Lead>[]` and a kit's `ListColumn[]` are interchangeable. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface ListColumn<T = any> {
  prop: string
  label: string
  /** Default `text` (flexible, long values end in … with a tooltip). */
  kind?: ColumnKind
  /** Fixes the width; usually leave it to the kind (the user's dragged width wins over both). */
  width?: number | string
  minWidth?: number | string
  fixed?: 'left' | 'right'
  /** Plain-text rendering; a `cell-<prop>` slot wins over it. */
  formatter?: (row: T) => string
  /** A dictionary type: the cell shows the value's entry as its tag (label and colour). */
  dict?: string
  /** The value as a tag coloured by `types` and labelled by `labels` (see StatusTag). */
  tags?: { types: Record<string, TagType>; labels: Record<string, string> }
  /** The value as a link opening the row (a document's number, a record's name); `testId` names it. */
  link?: { open: (row: T) => void; testId?: (row: T) => string }
  /** Documentation only: ListPage renders a `cell-<prop>` slot whenever one is given. */
  slot?: boolean
  /** Low priority: hidden until the user turns it on in the column settings. */
  hidden?: boolean
}

/** `page` (numbered, offset paging) or `cursor` (keyset, beyond the numbered pages); never both. */
export type ListParams = { limit: number; page?: number; cursor?: string } & Record<string, unknown>
export type ListFetch<T> = (params: ListParams) => Promise<Page<T>>

/** What a page may call on its ListPage through a template ref. */
export interface ListPageHandle {
  reload: () => Promise<void>
  refresh: () => Promise<void>
  clearSelection: () => void
}

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

/** One link button in a row's actions (see RowActions). */
export interface RowAction {
  /** Stable within the row; used as the v-for key. */
  key: string
  label: string
  onClick: () => void
  /** Required permission code; a list means any-of (the v-can rule). */
  permission?: string | string[]
  /** Default 'primary'. */
  type?: TagType
  /** Rendered as `data-testid`. */
  testId?: string
  /** Default true; false leaves the button out. */
  visible?: boolean
  disabled?: boolean
  /** Shown on hover, e.g. why the action is disabled. */
  tooltip?: string
}

/** A user as pickers show it; services answer their own directory shape, mapped to this. */
export interface PickerUser {
  id: string
  displayName: string
  username?: string
}
export type UserSearch = (q: string) => Promise<PickerUser[]>

/** The calls RecycleBinTable makes: the kit's bin routes, and a record's own restore. */
export interface RecycleBinApi {
  recycleBin: ListFetch<RecycleBinItem>
  restore: (resource: string, id: string) => Promise<unknown>
  purge: (item: RecycleBinItem) => Promise<unknown>
}

/** One outcome per record of a bulk action (assign, delete, transfer…), as the services answer it. */
export interface BulkResult {
  results: {
    id: string
    ok: boolean
    title: string | null
    /** English text of `code`; shown only when the code has no translation. */
    error?: string
    code?: string
    params?: Record<string, string | number | boolean | null>
  }[]
  succeeded: number
  failed: number
}

/** A choice of an OptionsField: the stored value and the name shown for it. */
export interface FieldOption {
  value: string
  label: string
  disabled?: boolean
}

/** How a bulk-edited field's value is picked (BulkEditDialog renders the matching editor). */
export type BulkFieldKind = 'dict' | 'user' | 'text' | 'date' | 'bool' | 'options' | 'tree' | 'number'

/** One field a list lets its users change on many records at once (the service has the last word). */
export interface BulkField {
  /** The key in `changes` of `bulk-edit`. */
  key: string
  label: string
  kind: BulkFieldKind
  /** `dict`: the dictionary type whose entries are offered. */
  dict?: string
  /** `options`: the choices. */
  options?: FieldOption[]
  /** `tree`: the nodes (`{ value, label, children }`). */
  tree?: readonly object[]
  /** `user`: how users are found. */
  search?: UserSearch
  /** The value may be cleared (sent as null); default false. */
  clearable?: boolean
}

/** A ListPage's import and export: the list's client and who may use each. */
export interface ListExchange {
  client: import('./features/exchange').ExchangeClient
  /** The list's name in file names and titles (`客户`). */
  name: string
  /** Without it there is no export button (lists that cannot export). */
  exportPermission?: string
  /** Without it there is no import button (lists that cannot import). */
  importPermission?: string
  /** The page's filter transform (`params` of useListFilters), so the export sends what the list asked. */
  params?: (p: ListParams) => Record<string, unknown>
}

/** A ListPage's bulk bar: the list's bulk calls, the fields it edits in bulk and who may. */
export interface ListBulk<T = unknown> {
  client: import('./features/bulk').BulkClient
  fields?: BulkField[]
  editPermission?: string | string[]
  deletePermission?: string | string[]
  /** A row's name in the results when a whole chunk is refused (default: `name`, then `number`). */
  titleOf?: (row: T) => string | null
}
