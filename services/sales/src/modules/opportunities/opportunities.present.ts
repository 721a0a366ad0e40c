import type { sales } from '@mosaic/schemas'
import type { AccessLevel } from '@mosaic/service-kit'
import type { OpportunityRow } from './opportunities.entity.js'
import { presentLines, productsTotal } from './products.js'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function presentOpportunity(row: OpportunityRow, access: AccessLevel = 'scope'): sales.Opportunity {
  return {
    id: row.id,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    name: row.name,
    customerId: row.customerId,
    customerName: row.customerName,
    contactId: row.contactId,
    contactName: row.contactName,
    stage: row.stage,
    probability: row.probability,
    source: row.source,
    type: row.type,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    deptId: row.deptId,
    expectedAmount: row.expectedAmount,
    expectedCloseDate: row.expectedCloseDate,
    products: presentLines(row.products),
    productsTotal: productsTotal(row.products),
    remark: row.remark,
    status: row.status,
    closedAt: iso(row.closedAt),
    closedBy: row.closedBy,
    closeNote: row.closeNote,
    closeDate: row.closeDate,
    lostReason: row.lostReason,
    locked: row.locked,
    lastFollowUpAt: iso(row.lastFollowUpAt),
    nextFollowUpAt: iso(row.nextFollowUpAt),
    leadId: row.leadId,
    access,
  }
}
