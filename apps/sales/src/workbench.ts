import { computed, type Ref } from 'vue'
import { orders, sales } from '@mosaic/schemas'
import { ordersRoutes, salesRoutes } from '@mosaic/schemas/contracts'
import { listWorkbench, useText, type BulkField, type ListParams } from '@mosaic/ui'

/** The sales app's business lists that have import/export and bulk routes. */
export type WorkbenchList =
  | 'leads'
  | 'customers'
  | 'contacts'
  | 'followups'
  | 'opportunities'
  | 'products'
  | 'quotes'
  | 'contracts'
  | 'orders'

interface ListSpec {
  path: string
  resource: string
  /** Import and export routes (`exchangeRoutesOf` in the contract). */
  exchange: boolean
  /** The fields bulk edit offers; none: the bulk bar offers only delete (no bulk-edit route). */
  fields: (f: FieldMaker) => BulkField[]
}
type FieldMaker = ReturnType<typeof fieldMaker>

/**
 * What each list lets its users change on many records at once: plain attributes a CRM user
 * sorts records by. Anything with its own rule (stage, status moves, owners) stays with its
 * action; the service checks every record and says per record what it refused.
 */
export const LISTS: Record<WorkbenchList, ListSpec> = {
  leads: {
    path: salesRoutes.listLeads.path,
    resource: 'sales.lead',
    exchange: true,
    fields: (f) => [f.dict('source', 'lead_source'), f.dict('industry', 'industry')],
  },
  customers: {
    path: salesRoutes.listCustomers.path,
    resource: 'sales.customer',
    exchange: true,
    fields: (f) => [
      f.dict('level', 'customer_level'),
      f.dict('status', 'customer_status', false),
      f.dict('source', 'lead_source'),
      f.dict('industry', 'industry'),
    ],
  },
  contacts: {
    path: salesRoutes.listContacts.path,
    resource: 'sales.contact',
    exchange: true,
    // No field of a contact is one to set alike on many (decision 111): bulk delete only.
    fields: () => [],
  },
  followups: {
    path: salesRoutes.listFollowUps.path,
    resource: 'sales.followup',
    exchange: false,
    fields: (f) => [f.dict('method', 'followup_method', false)],
  },
  opportunities: {
    path: salesRoutes.listOpportunities.path,
    resource: 'sales.opportunity',
    exchange: false,
    fields: (f) => [f.dict('source', 'lead_source'), f.opportunityType(), f.date('expectedCloseDate')],
  },
  products: {
    path: ordersRoutes.listProducts.path,
    resource: 'orders.product',
    exchange: true,
    fields: (f) => [f.category(), f.dict('unit', 'product_unit')],
  },
  quotes: {
    path: ordersRoutes.listQuotes.path,
    resource: 'orders.quote',
    exchange: false,
    fields: (f) => [f.date('validUntil')],
  },
  contracts: {
    path: ordersRoutes.listContracts.path,
    resource: 'orders.contract',
    exchange: true,
    fields: (f) => [f.dict('paymentMethod', 'payment_method'), f.dict('invoiceType', 'invoice_type')],
  },
  orders: {
    path: ordersRoutes.listSalesOrders.path,
    resource: 'orders.order',
    exchange: false,
    fields: (f) => [f.date('deliveryDate')],
  },
}

type Option = { value: string; label: string; children?: Option[] }
const categoryOptions = (nodes: readonly orders.ProductCategoryNode[]): Option[] =>
  nodes.map((n) => ({ value: n.id, label: n.name, children: categoryOptions(n.children) }))

export function fieldMaker(
  t: (key: string) => string,
  categories?: Ref<readonly orders.ProductCategoryNode[]>,
) {
  const label = (key: string) => t(`sales.workbench.fields.${key}`)
  return {
    dict: (key: string, dict: string, clearable = true): BulkField => ({
      key,
      label: label(key),
      kind: 'dict',
      dict,
      clearable,
    }),
    date: (key: string): BulkField => ({ key, label: label(key), kind: 'date', clearable: true }),
    opportunityType: (): BulkField => ({
      key: 'type',
      label: label('type'),
      kind: 'options',
      clearable: true,
      options: sales.OPPORTUNITY_TYPES.map((s) => ({ value: s, label: t(`sales.opportunity.types.${s}`) })),
    }),
    category: (): BulkField => ({
      key: 'categoryId',
      label: label('category'),
      kind: 'tree',
      clearable: true,
      tree: categoryOptions(categories?.value ?? []),
    }),
  }
}

/**
 * A sales list's import/export and bulk bar (ListPage's `exchange` and `bulk`), in the reader's
 * language. `params` is the page's filter transform, so an export asks what the list asked.
 */
export function useSalesWorkbench<T>(
  list: WorkbenchList,
  params?: (p: ListParams) => Record<string, unknown>,
  categories?: Ref<readonly orders.ProductCategoryNode[]>,
) {
  const { t } = useText()
  const spec = LISTS[list]
  return computed(() =>
    listWorkbench<T>({
      path: spec.path,
      resource: spec.resource,
      name: t(`sales.workbench.lists.${list}`),
      exports: spec.exchange,
      imports: spec.exchange,
      fields: spec.fields(fieldMaker(t, categories)),
      ...(params ? { params } : {}),
    }),
  )
}
