import type { sales } from '@mosaic/schemas'
import type { PickerUser, UserSearch } from '@mosaic/ui'
import { salesApi } from '../api'

// UserPicker takes any "search → {id, displayName, username}" function; for records the
// number (or the customer) plays the username's part in the label.
const pick = (id: string, name: string, hint: string | null): PickerUser => ({
  id,
  displayName: name,
  username: hint ?? undefined,
})

export const searchCustomers: UserSearch = (q) =>
  salesApi
    .listCustomers({ limit: 20, q: q || undefined })
    .then((p) => p.items.map((c) => pick(c.id, c.name, c.number)))

export const searchLeads: UserSearch = (q) =>
  salesApi
    .listLeads({ limit: 20, q: q || undefined })
    .then((p) => p.items.map((l) => pick(l.id, l.name, l.number)))

export const searchOpportunities: UserSearch = (q) =>
  salesApi
    .listOpportunities({ limit: 20, q: q || undefined })
    .then((p) => p.items.map((o) => pick(o.id, o.name, o.customerName)))

export const targetSearch: Record<sales.FollowUpTarget, UserSearch> = {
  lead: searchLeads,
  customer: searchCustomers,
  opportunity: searchOpportunities,
}
