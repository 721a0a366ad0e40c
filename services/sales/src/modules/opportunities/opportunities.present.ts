import { sales } from '@mosaic/schemas'
import { presentBy, type AccessLevel } from '@mosaic/service-kit'
import type { OpportunityRow } from './opportunities.entity.js'
import { presentLines, productsTotal } from './products.js'

const opportunity = presentBy(sales.Opportunity)

export function presentOpportunity(row: OpportunityRow, access: AccessLevel = 'scope'): sales.Opportunity {
  return opportunity({
    ...row,
    products: presentLines(row.products),
    productsTotal: productsTotal(row.products),
    access,
  })
}
