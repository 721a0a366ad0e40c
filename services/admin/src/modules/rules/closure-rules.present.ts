import type { admin } from '@mosaic/schemas'
import type { ClosureRuleRow } from './closure-rules.entity.js'

/** The rule as the API answers it (and, without bookkeeping, as `admin.rule.changed` carries it). */
export function presentClosureRule(r: ClosureRuleRow): admin.ClosureRule {
  return {
    id: r.id,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    docType: r.docType,
    requiredFields: r.requiredFields,
    lockOnClose: r.lockOnClose,
    reopenRoles: r.reopenRoles,
    reopenWithinDays: r.reopenWithinDays,
    modifyClosedRoles: r.modifyClosedRoles,
    approvalRequired: r.approvalRequired,
    enabled: r.enabled,
  }
}
