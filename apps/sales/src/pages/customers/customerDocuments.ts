import type { RouteLocationRaw } from 'vue-router'
import type { Page, orders } from '@mosaic/schemas'
import type { TagType } from '@mosaic/ui'
import { ordersApi } from '../../ordersApi'
import { CONTRACT_STATUS_TAGS } from '../contracts/contractActions'
import { QUOTE_STATUS_TAGS } from '../quotes/quoteStatus'

/** One column of a customer's documents: a message key for its label, and how its value shows. */
export interface DocumentColumn {
  prop: string
  label: string
  /** link: opens the document; money: formatted; status: a tag labelled `<statuses>.<value>`. */
  kind?: 'link' | 'money' | 'status'
  width?: number
}

/**
 * A tab of the customer's page listing the customer's documents kept by another service (quotes,
 * contracts): the list call (which applies the caller's scope),
 * the columns, the status tags, and where one opens (its own page's detail, with the actions its
 * status allows).
 */
export interface CustomerDocumentTab {
  /** The tab's name in `?tab=`. */
  name: string
  /** Message key of the tab's label. */
  title: string
  /** Who may see the tab (the list's own read permission). */
  permission: string
  list: (customerId: string) => Promise<Page<{ id: string } & Record<string, unknown>>>
  columns: DocumentColumn[]
  /** Message key prefix of the status labels, and the tag type of each status. */
  status: { labels: string; types: Record<string, TagType> }
  /** The document's detail on its own page (`?open=<id>`, as the approval centre links it). */
  open: (id: string) => RouteLocationRaw
}

export const CUSTOMER_DOCUMENT_TABS: readonly CustomerDocumentTab[] = [
  {
    name: 'quotes',
    title: 'sales.quote.title',
    permission: 'orders.quote.read',
    list: (customerId) =>
      ordersApi.listQuotes({ customerId, limit: 100 }) as Promise<
        Page<orders.Quote & Record<string, unknown>>
      >,
    columns: [
      { prop: 'number', label: 'sales.quote.number', kind: 'link', width: 170 },
      { prop: 'status', label: 'sales.quote.status', kind: 'status', width: 110 },
      { prop: 'total', label: 'sales.quote.total', kind: 'money', width: 150 },
      { prop: 'validUntil', label: 'sales.quote.validUntil', width: 120 },
      { prop: 'ownerName', label: 'sales.common.owner' },
    ],
    status: { labels: 'sales.quote.statuses', types: QUOTE_STATUS_TAGS },
    open: (id) => ({ path: '/sales/quotes', query: { open: id } }),
  },
  {
    name: 'contracts',
    title: 'sales.contract.title',
    permission: 'orders.contract.read',
    list: (customerId) =>
      ordersApi.listContracts({ customerId, limit: 100 }) as Promise<
        Page<orders.Contract & Record<string, unknown>>
      >,
    columns: [
      { prop: 'number', label: 'sales.contract.number', kind: 'link', width: 170 },
      { prop: 'name', label: 'sales.contract.name' },
      { prop: 'status', label: 'sales.contract.status', kind: 'status', width: 110 },
      { prop: 'total', label: 'sales.contract.total', kind: 'money', width: 150 },
      { prop: 'signDate', label: 'sales.contract.signDate', width: 120 },
      { prop: 'ownerName', label: 'sales.common.owner', width: 110 },
    ],
    status: { labels: 'sales.contract.statuses', types: CONTRACT_STATUS_TAGS },
    open: (id) => ({ path: '/sales/contracts', query: { open: id } }),
  },
]
