import type { EntityManager } from 'typeorm'
import { admin, type Page } from '@mosaic/schemas'
import { RecordStore, type RecordContext } from '@mosaic/service-kit'
import { ClosureRuleEntity, type ClosureRuleRow } from './closure-rules.entity.js'
import { throwIfAny, throwIssues, unknownRoles } from './rule-checks.js'
import { presentClosureRule } from './closure-rules.present.js'
import { publishRuleChanged } from './rule-events.js'

/** What an edit (or a restored version) must satisfy: closing fields of this type, roles that exist. */
async function check(m: EntityManager, docType: admin.ClosableDocType, v: Partial<ClosureRuleRow>) {
  throwIssues(admin.closureRuleIssues(docType, v))
  throwIfAny([
    ...(await unknownRoles(m, 'reopenRoles', v.reopenRoles ?? [])),
    ...(await unknownRoles(m, 'modifyClosedRoles', v.modifyClosedRoles ?? [])),
  ])
}

export const closureRules: RecordStore<ClosureRuleRow> = new RecordStore<ClosureRuleRow>({
  entityType: 'closure_rule',
  entity: ClosureRuleEntity,
  title: (r) => r.docType,
  present: async (_m, row) => presentClosureRule(row),
  onChange: (m, row) => publishRuleChanged(m, 'closure', row),
  checkRestore: async (m, _ctx, patch, id) => check(m, (await closureRules.get(m, id)).docType, patch),
})

const order = (docType: string) => admin.CLOSABLE_DOC_TYPES.indexOf(docType as admin.ClosableDocType)

export async function listClosureRules(m: EntityManager): Promise<Page<admin.ClosureRule>> {
  const rows = await closureRules.repo(m).createQueryBuilder('r').where('r.deleted_at IS NULL').getMany()
  rows.sort((a, b) => order(a.docType) - order(b.docType))
  return { items: rows.map(presentClosureRule), nextCursor: null, total: rows.length, totalCapped: false }
}

const unique = (list: string[] | undefined) => (list ? [...new Set(list)] : undefined)

export async function updateClosureRule(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  input: admin.ClosureRuleUpdate,
) {
  const current = await closureRules.get(m, id)
  const patch: Partial<ClosureRuleRow> = { ...input }
  for (const key of ['requiredFields', 'reopenRoles', 'modifyClosedRoles'] as const)
    if (input[key]) patch[key] = unique(input[key])
  await check(m, current.docType, patch)
  return closureRules.update(m, ctx, id, version, patch)
}

export async function createDefaultClosureRule(
  m: EntityManager,
  ctx: RecordContext,
  docType: admin.ClosableDocType,
) {
  return closureRules.create(m, ctx, { ...admin.DEFAULT_CLOSURE_RULES[docType], docType })
}
