import type { sales } from '@mosaic/schemas'
import type { RecordBase, RecordStore } from '@mosaic/service-kit'
import { contracts } from '../contracts/contracts.store.js'
import { quotes } from '../quotes/quotes.service.js'

/** What a customer's document (quote, contract) has in common: a number, a status, an owner. */
export interface CustomerDocumentRow extends RecordBase {
  number: string
  status: string
  customerId: string
  ownerId: string | null
  ownerName: string | null
  deptId: string | null
}

type DocumentKind = Extract<sales.TransferCascade, 'quotes' | 'contracts'>

/**
 * The documents of a customer that follow it when its owner changes, by the name of the transfer's
 * cascade option (and of the internal route listing them).
 */
export const CUSTOMER_DOCUMENTS: Partial<Record<DocumentKind, { store: RecordStore<CustomerDocumentRow> }>> =
  {
    quotes: { store: quotes as unknown as RecordStore<CustomerDocumentRow> },
    contracts: { store: contracts as unknown as RecordStore<CustomerDocumentRow> },
  }
