import type { EntityManager } from 'typeorm'
import { canModifyClosed, closureRuleFor, conflict, type RecordContext } from '@mosaic/service-kit'
import type { OpportunityRow } from './opportunities.entity.js'

/** A closed opportunity the rule locks stays as it was closed, except for the roles the rule names. */
export async function assertModifiable(m: EntityManager, ctx: RecordContext, row: OpportunityRow) {
  if (row.status === 'open' || !row.locked || !row.closedAt) return
  const rule = await closureRuleFor(m, 'opportunity')
  if (!canModifyClosed(rule, { roles: ctx.principal?.roles ?? [] }, row.closedAt, new Date())) {
    throw conflict(
      `This opportunity was closed as ${row.status} and is locked. Reopen it to make changes` +
        (rule.modifyClosedRoles.length ? ` (or ask: ${rule.modifyClosedRoles.join(', ')}).` : '.'),
    )
  }
}
