/**
 * Record types as people read them: each app declares its record types' fields once (label key and
 * kind) and registers them here; the audit timeline, diff table, version history and the admin
 * audit search render every change through these descriptions. A field a type does not declare is
 * not shown: internal columns never leak into the history.
 *
 * No Vue or Element Plus here: an app's route module registers its types at load time, and the
 * shell loads every route module up front, so the admin audit page can read sales changes.
 */

export type FieldKind =
  | 'text'
  | 'number'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'user'
  | 'dept'
  | 'role'
  | 'dict'
  | 'money'
  | 'enum'
  /** `{ zh, en }` text shown in the reader's language. */
  | 'i18n'
  /** A list of objects (e.g. product lines): each shown by `itemLabel`. */
  | 'lines'
  | 'hidden'

/** Label: an i18n key of the host app (or a `{ zh, en }` pair). */
export type FieldLabel = string | { zh: string; en: string }

export interface FieldSpec {
  kind: FieldKind
  label?: FieldLabel
  /** kind 'dict': the dictionary type code. */
  dict?: string
  /** kind 'enum': value → label. */
  options?: Record<string, FieldLabel>
  /** For ids the answer could not name (e.g. a user deleted long ago): the record's own name column. */
  nameField?: string
  /** kind 'lines': one line as text; `name` turns a user/department/role id into its name. */
  itemLabel?: (item: Record<string, unknown>, name: (id: unknown) => string) => string
}

export interface RecordTypeSpec {
  /** Which service holds the records (its audit is searched at `/api/<service>/audit`). */
  service: string
  /** The record type's name, e.g. 'sales.entity.customer'. */
  label: FieldLabel
  fields: Record<string, FieldSpec>
  /** Shell path that opens a record, when the app has a page for it. */
  link?: (id: string) => string | null
}

const hidden: FieldSpec = { kind: 'hidden' }

/** Builders, so declarations read as `name: field.text('sales.customer.name')`. */
export const field = {
  text: (label: FieldLabel): FieldSpec => ({ kind: 'text', label }),
  number: (label: FieldLabel): FieldSpec => ({ kind: 'number', label }),
  boolean: (label: FieldLabel): FieldSpec => ({ kind: 'boolean', label }),
  date: (label: FieldLabel): FieldSpec => ({ kind: 'date', label }),
  datetime: (label: FieldLabel): FieldSpec => ({ kind: 'datetime', label }),
  user: (label: FieldLabel, nameField?: string): FieldSpec => ({ kind: 'user', label, nameField }),
  dept: (label: FieldLabel): FieldSpec => ({ kind: 'dept', label }),
  role: (label: FieldLabel): FieldSpec => ({ kind: 'role', label }),
  dict: (typeCode: string, label: FieldLabel): FieldSpec => ({ kind: 'dict', dict: typeCode, label }),
  money: (label: FieldLabel): FieldSpec => ({ kind: 'money', label }),
  enum: (label: FieldLabel, options: Record<string, FieldLabel>): FieldSpec => ({
    kind: 'enum',
    label,
    options,
  }),
  i18n: (label: FieldLabel): FieldSpec => ({ kind: 'i18n', label }),
  lines: (
    label: FieldLabel,
    itemLabel: (item: Record<string, unknown>, name: (id: unknown) => string) => string,
  ): FieldSpec => ({
    kind: 'lines',
    label,
    itemLabel,
  }),
  hidden,
}

/** Fields the kit writes for every record type that has a team (协作人). */
const TEAM_FIELDS: Record<string, FieldSpec> = {
  teamMember: field.user('ui.audit.teamMember'),
  teamAccess: field.enum('ui.audit.teamAccess', {
    read: 'ui.audit.teamRead',
    write: 'ui.audit.teamWrite',
  }),
}

// On globalThis: each remote may bundle its own copy of this module, the registry is one.
const KEY = Symbol.for('mosaic.ui.recordTypes')
const registry: Map<string, RecordTypeSpec> =
  ((globalThis as Record<symbol, unknown>)[KEY] as Map<string, RecordTypeSpec> | undefined) ??
  ((globalThis as Record<symbol, unknown>)[KEY] = new Map<string, RecordTypeSpec>())

/** Registers (or replaces) record types by entity type, e.g. `{ customer: {...} }`. */
export function registerRecordTypes(types: Record<string, RecordTypeSpec>): void {
  for (const [entityType, spec] of Object.entries(types)) {
    registry.set(entityType, { ...spec, fields: { ...TEAM_FIELDS, ...spec.fields } })
  }
}

export function recordType(entityType: string | undefined | null): RecordTypeSpec | undefined {
  return entityType ? registry.get(entityType) : undefined
}

/** Every registered type, e.g. for the audit search's type filter. */
export function recordTypes(): Array<[string, RecordTypeSpec]> {
  return [...registry.entries()]
}

/** The services whose audit trails hold registered types. */
export function auditedServices(): string[] {
  return [...new Set([...registry.values()].map((s) => s.service))]
}
