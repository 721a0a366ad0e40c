import type { EntityManager } from 'typeorm'
import type { admin } from '@mosaic/schemas'
import { RecordStore, fieldError, problem, type RecordContext } from '@mosaic/service-kit'
import { DictEntryEntity, DictTypeEntity, type DictEntryRow, type DictTypeRow } from './dictionary.entity.js'

export const dictTypes = new RecordStore<DictTypeRow>({
  entityType: 'dict_type',
  entity: DictTypeEntity,
  title: (t) => `${t.name.zh} (${t.code})`,
})

export const dictEntries = new RecordStore<DictEntryRow>({
  entityType: 'dict_entry',
  entity: DictEntryEntity,
  title: (e) => `${e.typeCode}: ${e.label.zh}`,
  present: async (_m, row) => presentEntry(row),
})

const meta = (r: DictTypeRow | DictEntryRow) => ({
  id: r.id,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
})

export function presentEntry(e: DictEntryRow): admin.DictEntry {
  return {
    ...meta(e),
    typeCode: e.typeCode,
    value: e.value,
    label: e.label,
    color: e.color,
    sort: e.sort,
    enabled: e.enabled,
    extra: e.extra,
    builtIn: e.builtIn,
  }
}

export function presentType(t: DictTypeRow, entries: DictEntryRow[]): admin.DictType {
  return { ...meta(t), code: t.code, name: t.name, builtIn: t.builtIn, entries: entries.map(presentEntry) }
}

/** Every type with all its entries (disabled ones too: old records still need their labels). */
export async function listDictionaries(m: EntityManager): Promise<admin.DictType[]> {
  const types = await dictTypes
    .repo(m)
    .createQueryBuilder('t')
    .where('t.deleted_at IS NULL')
    .orderBy('t.code')
    .getMany()
  const entries = await liveEntries(m)
  return types.map((t) =>
    presentType(
      t,
      entries.filter((e) => e.typeCode === t.code),
    ),
  )
}

/** One type with its live entries, in display order. */
export async function presentTypeWithEntries(m: EntityManager, type: DictTypeRow): Promise<admin.DictType> {
  return presentType(type, await liveEntries(m, type.code))
}

function liveEntries(m: EntityManager, typeCode?: string) {
  const qb = dictEntries.repo(m).createQueryBuilder('e').where('e.deleted_at IS NULL')
  if (typeCode) qb.andWhere('e.type_code = :typeCode', { typeCode })
  return qb.orderBy('e.sort').addOrderBy('e.value').getMany()
}

export async function typeByCode(m: EntityManager, code: string): Promise<DictTypeRow> {
  const row = await dictTypes.repo(m).findOneBy({ code })
  if (!row || row.deletedAt) throw problem(404, 'admin.dict.type_not_found', { code })
  return row
}

export async function entryOf(m: EntityManager, code: string, id: string): Promise<DictEntryRow> {
  const entry = await dictEntries.get(m, id)
  if (entry.typeCode !== code) throw problem(404, 'admin.dict.entry_not_found')
  return entry
}

export async function createType(
  m: EntityManager,
  ctx: RecordContext,
  input: admin.DictTypeCreate,
  builtIn = false,
) {
  const [taken] = await m.query('SELECT 1 FROM dict_type WHERE code = $1', [input.code])
  if (taken)
    throw problem(409, 'admin.dict.code_taken', undefined, {
      errors: [fieldError('code', 'admin.dict.code_taken')],
    })
  return dictTypes.create(m, ctx, { code: input.code, name: input.name, builtIn })
}

export async function deleteType(m: EntityManager, ctx: RecordContext, code: string, version: number) {
  const type = await typeByCode(m, code)
  if (type.builtIn) throw problem(409, 'admin.dict.built_in_delete')
  const [{ n }] = await m.query(
    'SELECT count(*)::int AS n FROM dict_entry WHERE type_code = $1 AND deleted_at IS NULL',
    [code],
  )
  if (n) throw problem(409, 'admin.dict.type_in_use', { count: n })
  await dictTypes.softDelete(m, ctx, type.id, version)
}

export async function createEntry(
  m: EntityManager,
  ctx: RecordContext,
  code: string,
  input: admin.DictEntryCreate,
  builtIn = false,
) {
  await typeByCode(m, code)
  const [taken] = await m.query('SELECT 1 FROM dict_entry WHERE type_code = $1 AND value = $2', [
    code,
    input.value,
  ])
  if (taken)
    throw problem(409, 'admin.dict.value_taken', undefined, {
      errors: [fieldError('value', 'admin.dict.value_taken')],
    })
  return dictEntries.create(m, ctx, {
    typeCode: code,
    value: input.value,
    label: input.label,
    color: input.color ?? null,
    sort: input.sort ?? 0,
    enabled: input.enabled ?? true,
    extra: input.extra ?? null,
    builtIn,
  })
}

export async function updateEntry(
  m: EntityManager,
  ctx: RecordContext,
  code: string,
  id: string,
  version: number,
  input: admin.DictEntryUpdate,
) {
  await entryOf(m, code, id)
  return dictEntries.update(m, ctx, id, version, input)
}

/**
 * Default entries may be referenced by records in any service, so they are disabled rather than
 * deleted: a disabled entry keeps its label on old records but can't be chosen any more.
 */
export async function deleteEntry(
  m: EntityManager,
  ctx: RecordContext,
  code: string,
  id: string,
  version: number,
) {
  const entry = await entryOf(m, code, id)
  if (entry.builtIn) {
    throw problem(409, 'admin.dict.entry_in_use', undefined, {
      errors: [fieldError('enabled', 'admin.dict.entry_in_use')],
    })
  }
  await dictEntries.softDelete(m, ctx, id, version)
}
