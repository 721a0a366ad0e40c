import type { sales } from '@mosaic/schemas'
import type { AccessLevel } from '@mosaic/service-kit'
import type { LeadRow } from './leads.entity.js'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function presentLead(row: LeadRow, access: AccessLevel = 'scope'): sales.Lead {
  return {
    id: row.id,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    number: row.number,
    name: row.name,
    contactName: row.contactName,
    phone: row.phone,
    email: row.email,
    source: row.source,
    status: row.status,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    deptId: row.deptId,
    address: row.address,
    industry: row.industry,
    remark: row.remark,
    lastFollowUpAt: iso(row.lastFollowUpAt),
    nextFollowUpAt: iso(row.nextFollowUpAt),
    invalidReason: row.invalidReason,
    convertedAt: iso(row.convertedAt),
    convertedCustomerId: row.convertedCustomerId,
    convertedContactId: row.convertedContactId,
    convertedOpportunityId: row.convertedOpportunityId,
    access,
  }
}
