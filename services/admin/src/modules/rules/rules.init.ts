import type { EntityManager } from 'typeorm'
import { admin } from '@mosaic/schemas'
import type { RecordContext } from '@mosaic/service-kit'
import { numberRules } from './number-rules.service.js'
import { createDefaultClosureRule } from './closure-rules.service.js'
import { poolRules } from './pool-rules.service.js'

type Counts = { created: number; existing: number }

async function exists(m: EntityManager, sql: string, params: unknown[] = []) {
  return (await m.query(sql, params)).length > 0
}

/**
 * The default rules, each created only when missing. A rule an administrator deleted (still in the
 * recycle bin) counts as existing: initialisation never overrides that decision.
 */
export async function ensureDefaultRules(
  m: EntityManager,
  ctx: RecordContext,
): Promise<Pick<admin.InitResult, 'numberRules' | 'closureRules' | 'poolRules'>> {
  const numbers: Counts = { created: 0, existing: 0 }
  for (const docType of admin.NUMBERED_DOC_TYPES) {
    if (await exists(m, 'SELECT 1 FROM number_rule WHERE doc_type = $1', [docType])) numbers.existing++
    else {
      await numberRules().create(m, ctx, { ...admin.DEFAULT_NUMBER_RULES[docType] })
      numbers.created++
    }
  }
  const closures: Counts = { created: 0, existing: 0 }
  for (const docType of admin.CLOSABLE_DOC_TYPES) {
    if (await exists(m, 'SELECT 1 FROM closure_rule WHERE doc_type = $1', [docType])) closures.existing++
    else {
      await createDefaultClosureRule(m, ctx, docType)
      closures.created++
    }
  }
  const pool: Counts = { created: 0, existing: 0 }
  if (await exists(m, 'SELECT 1 FROM pool_rule')) pool.existing++
  else {
    await poolRules.create(m, ctx, structuredClone({ ...admin.DEFAULT_POOL_RULE }))
    pool.created++
  }
  return { numberRules: numbers, closureRules: closures, poolRules: pool }
}
