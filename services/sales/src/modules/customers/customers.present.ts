import { sales } from '@mosaic/schemas'
import { presentBy, type AccessLevel } from '@mosaic/service-kit'
import type { ContactRow, CustomerRow } from './customers.entity.js'

const customer = presentBy(sales.Customer)
const contact = presentBy(sales.Contact)

export function presentCustomer(row: CustomerRow, access: AccessLevel = 'scope'): sales.Customer {
  return customer({ ...row, access })
}

export function presentContact(row: ContactRow, customerName: string): sales.Contact {
  return contact({ ...row, customerName, primary: row.isPrimary })
}
