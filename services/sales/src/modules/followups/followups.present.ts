import type { sales } from '@mosaic/schemas'
import type { FollowUpRow } from './followups.entity.js'

export function presentFollowUp(row: FollowUpRow): sales.FollowUp {
  return {
    id: row.id,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    targetType: row.targetType,
    targetId: row.targetId,
    targetName: row.targetName,
    customerId: row.customerId,
    customerName: row.customerName,
    subject: row.subject,
    method: row.method,
    content: row.content,
    contactedAt: row.contactedAt.toISOString(),
    nextFollowUpAt: row.nextFollowUpAt?.toISOString() ?? null,
    nextPlan: row.nextPlan,
    contactId: row.contactId,
    contactName: row.contactName,
    attachments: row.attachments,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    deptId: row.deptId,
    createdBy: row.createdBy,
    createdByName: row.createdByName,
  }
}
