import { sales } from '@mosaic/schemas'
import { presentBy, type AccessLevel } from '@mosaic/service-kit'
import type { LeadRow } from './leads.entity.js'

const lead = presentBy(sales.Lead)

export function presentLead(row: LeadRow, access: AccessLevel = 'scope'): sales.Lead {
  return lead({ ...row, access })
}
