import type { EntityManager } from 'typeorm'
import {
  assertNotAwaitingApproval,
  canModifyClosed,
  closureRuleFor,
  problem,
  type RecordContext,
} from '@mosaic/service-kit'
import type { OpportunityRow } from './opportunities.entity.js'

/**
 * A closed opportunity the rule locks stays as it was closed, except for the roles the rule names;
 * one whose close waits for approval is locked for everyone until the decision.
 */
export async function assertModifiable(m: EntityManager, ctx: RecordContext, row: OpportunityRow) {
  assertNotAwaitingApproval(row, 'closing')
  if (row.status === 'open' || !row.locked || !row.closedAt) return
  const rule = await closureRuleFor(m, 'opportunity')
  if (!canModifyClosed(rule, { roles: ctx.principal?.roles ?? [] }, row.closedAt, new Date())) {
    const roles = rule.modifyClosedRoles
    if (roles.length)
      throw problem(409, 'sales.opportunity.locked_roles', { status: row.status, roles: roles.join(', ') })
    throw problem(409, 'sales.opportunity.locked', { status: row.status })
  }
}
