import { z } from 'zod'
import { Id, IdListText } from '../common.js'

/**
 * What other services read of the orders service (`/api/orders/internal/*`, service tokens only).
 * The sales service snapshots an opportunity's products and lists a customer's quotes when its
 * owner changes.
 */

/** `GET /internal/products?ids=a,b`: at most 50 ids (an opportunity's line limit). */
export const ProductSnapshotQuery = z.object({ ids: IdListText(50) })

/** A product as a document line snapshots it; `onSale` and `deleted` say whether a new line may use it. */
export const ProductSnapshot = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  unit: z.string().nullable(),
  referencePrice: z.string(),
  onSale: z.boolean(),
  deleted: z.boolean(),
})
export type ProductSnapshot = z.infer<typeof ProductSnapshot>

/** The asked-for products that exist (in the recycle bin too); an id with no row is left out. */
export const ProductSnapshots = z.object({ items: z.array(ProductSnapshot) })
export type ProductSnapshots = z.infer<typeof ProductSnapshots>

/** `GET /internal/customers/:id/quotes?ownerId=`: the customer's live quotes, of that owner when given. */
export const CustomerDocumentsQuery = z.object({ ownerId: Id.optional() })

/** A document (quote, later contract) of a customer, as an owner-transfer preview lists it. */
export const CustomerDocument = z.object({
  id: Id,
  number: z.string(),
  status: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
})
export type CustomerDocument = z.infer<typeof CustomerDocument>
export const CustomerDocuments = z.object({ items: z.array(CustomerDocument) })
export type CustomerDocuments = z.infer<typeof CustomerDocuments>
