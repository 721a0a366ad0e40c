import type { EntityManager } from 'typeorm'
import { admin, type Page } from '@mosaic/schemas'
import {
  DEFAULT_TIME_ZONE,
  RecordStore,
  exampleNumber,
  fieldConflict,
  type RecordContext,
} from '@mosaic/service-kit'
import { NumberRuleEntity, type NumberRuleRow } from './number-rules.entity.js'
import { throwIssues } from './rule-checks.js'
import { presentNumberRule } from './number-rules.present.js'
import { publishRuleChanged } from './rule-events.js'

const stores = new Map<string, RecordStore<NumberRuleRow>>()

/** The store per business time zone, so a 412's `current` shows the same example as every other answer. */
export function numberRules(timeZone: string = DEFAULT_TIME_ZONE): RecordStore<NumberRuleRow> {
  let store = stores.get(timeZone)
  if (!store) {
    store = new RecordStore<NumberRuleRow>({
      entityType: 'number_rule',
      entity: NumberRuleEntity,
      title: (r) => `${r.docType} (${exampleNumber(r, new Date(), timeZone)})`,
      present: async (_m, row) => presentNumberRule(row, timeZone),
      onChange: (m, row) => publishRuleChanged(m, 'number', row),
    })
    stores.set(timeZone, store)
  }
  return store
}

const order = (docType: string) => admin.NUMBERED_DOC_TYPES.indexOf(docType as admin.NumberedDocType)

/** At most one live rule per document type, so the whole list is one short page in catalogue order. */
export async function listNumberRules(m: EntityManager, timeZone: string): Promise<Page<admin.NumberRule>> {
  const rows = await numberRules(timeZone)
    .repo(m)
    .createQueryBuilder('r')
    .where('r.deleted_at IS NULL')
    .getMany()
  rows.sort((a, b) => order(a.docType) - order(b.docType))
  return {
    items: rows.map((r) => presentNumberRule(r, timeZone)),
    nextCursor: null,
    total: rows.length,
    totalCapped: false,
  }
}

async function assertFree(m: EntityManager, docType: string, exceptId?: string) {
  const [taken] = await m.query(
    'SELECT id FROM number_rule WHERE doc_type = $1 AND deleted_at IS NULL AND id <> $2',
    [docType, exceptId ?? '00000000-0000-0000-0000-000000000000'],
  )
  if (taken) throw fieldConflict('docType', 'admin.rule.number_exists', { docType })
}

export async function createNumberRule(
  m: EntityManager,
  ctx: RecordContext,
  input: admin.NumberRuleCreate,
  timeZone: string,
) {
  await assertFree(m, input.docType)
  return numberRules(timeZone).create(m, ctx, {
    docType: input.docType,
    prefix: input.prefix ?? '',
    datePattern: input.datePattern,
    width: input.width,
    resetPeriod: input.resetPeriod,
    enabled: input.enabled ?? true,
  })
}

export async function updateNumberRule(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  input: admin.NumberRuleUpdate,
  timeZone: string,
) {
  const store = numberRules(timeZone)
  const current = await store.get(m, id)
  // The body may change only one of the pair; the rule as it would be saved must still agree.
  throwIssues(admin.numberRuleIssues({ ...current, ...input }))
  return store.update(m, ctx, id, version, input)
}

/** A rule back from the recycle bin must not give its document type a second live rule. */
export async function beforeRestoreNumberRule(m: EntityManager, row: NumberRuleRow) {
  await assertFree(m, row.docType, row.id)
}
