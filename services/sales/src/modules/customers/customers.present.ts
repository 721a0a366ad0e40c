import { sales } from '@mosaic/schemas'
import type { EntityManager } from 'typeorm'
import { presentBy, type AccessLevel } from '@mosaic/service-kit'
import type { ContactRow, CustomerRow } from './customers.entity.js'

const customer = presentBy(sales.Customer)
const contact = presentBy(sales.Contact)

export function presentCustomer(row: CustomerRow, access: AccessLevel = 'scope'): sales.Customer {
  return customer({ ...row, access })
}

function presentContact(row: ContactRow, customerName: string, ownerName: string | null): sales.Contact {
  return contact({ ...row, customerName, ownerName, primary: row.isPrimary })
}

/** Contacts with their customer's name and owner's name (a contact moves with its customer). */
export async function presentContacts(m: EntityManager, rows: ContactRow[]): Promise<sales.Contact[]> {
  const ids = [...new Set(rows.map((r) => r.customerId))]
  const found: Array<{ id: string; name: string; ownerId: string | null; ownerName: string | null }> =
    ids.length
      ? await m.query(
          'SELECT id, name, owner_id AS "ownerId", owner_name AS "ownerName" FROM customer WHERE id = ANY($1::uuid[])',
          [ids],
        )
      : []
  const byId = new Map(found.map((c) => [c.id, c]))
  return rows.map((r) => {
    const customer = byId.get(r.customerId)
    // Only the owner the contact records is named: never another user's name for a stale owner id.
    const ownerName = customer && customer.ownerId === r.ownerId ? customer.ownerName : null
    return presentContact(r, customer?.name ?? '', ownerName)
  })
}
