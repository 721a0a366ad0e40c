import type { sales } from '@mosaic/schemas'
import type { AccessLevel } from '@mosaic/service-kit'
import type { ContactRow, CustomerRow } from './customers.entity.js'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function presentCustomer(row: CustomerRow, access: AccessLevel = 'scope'): sales.Customer {
  return {
    id: row.id,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    number: row.number,
    name: row.name,
    status: row.status,
    level: row.level,
    industry: row.industry,
    source: row.source,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    deptId: row.deptId,
    phone: row.phone,
    address: row.address,
    website: row.website,
    remark: row.remark,
    dealStatus: row.dealStatus,
    locked: row.locked,
    lastFollowUpAt: iso(row.lastFollowUpAt),
    nextFollowUpAt: iso(row.nextFollowUpAt),
    lastDealAt: iso(row.lastDealAt),
    poolEnteredAt: iso(row.poolEnteredAt),
    previousOwnerId: row.previousOwnerId,
    previousOwnerName: row.previousOwnerName,
    primaryContactName: row.primaryContactName,
    primaryContactPhone: row.primaryContactPhone,
    leadId: row.leadId,
    leadNumber: row.leadNumber,
    access,
  }
}

export function presentContact(row: ContactRow, customerName: string): sales.Contact {
  return {
    id: row.id,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    customerId: row.customerId,
    customerName,
    name: row.name,
    title: row.title,
    phone: row.phone,
    email: row.email,
    primary: row.isPrimary,
    remark: row.remark,
    ownerId: row.ownerId,
    deptId: row.deptId,
  }
}
