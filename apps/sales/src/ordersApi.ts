import type { Page, RecycleBinItem, orders } from '@mosaic/schemas'
import { ordersRoutes as routes } from '@mosaic/schemas/contracts'
import { api, contractCaller } from '@mosaic/web-kit'
import type { ListParams } from '@mosaic/ui'

const BASE = '/api/orders'

/** The orders service's calls the sales screens make (products, categories, quotes, contracts); no URL is written here. */
export const call = contractCaller(api)

export type Versioned = { id: string; version: number }
export const byId = (id: string) => ({ params: { id } })
export const versioned = (r: Versioned) => ({ params: { id: r.id }, ifMatch: r.version })

/** Where product images are uploaded and downloaded. */
export const ORDERS_ATTACHMENTS = `${BASE}/attachments`

/** An orders record's URL, which its audit trail and versions hang off. */
export const ordersRecordPath = (
  resource: 'products' | 'categories' | 'quotes' | 'contracts' | 'sales-orders',
  id: string,
) => `${BASE}/${resource}/${id}`

/** Record types the orders service keeps in its recycle bin, and the resource path that restores each. */
export const ORDERS_RESTORE_PATHS: Record<string, string> = {
  product: 'products',
  product_category: 'categories',
  quote: 'quotes',
  contract: 'contracts',
  sales_order: 'sales-orders',
}

/** A contract list's filters as the service takes them. */
export type ContractFilters = ListParams &
  Partial<Pick<orders.ContractListQuery, 'status' | 'customerId' | 'ownerId' | 'signFrom' | 'signTo'>>

export const ordersApi = {
  base: BASE,
  listProducts: (q: ListParams & { categoryId?: string }) => call(routes.listProducts, { query: q }),
  getProduct: (id: string) => call(routes.getProduct, byId(id)),
  createProduct: (body: orders.ProductCreate) => call(routes.createProduct, { body }),
  updateProduct: (p: Versioned, body: orders.ProductUpdate) =>
    call(routes.updateProduct, { ...versioned(p), body }),
  deleteProduct: (p: Versioned) => call(routes.deleteProduct, versioned(p)),
  putOnSale: (p: Versioned) => call(routes.putProductOnSale, versioned(p)),
  takeOffSale: (p: Versioned) => call(routes.takeProductOffSale, versioned(p)),

  categoryTree: () => call(routes.categoryTree),
  createCategory: (body: orders.ProductCategoryCreate) => call(routes.createCategory, { body }),
  updateCategory: (c: Versioned, body: orders.ProductCategoryUpdate) =>
    call(routes.updateCategory, { ...versioned(c), body }),
  deleteCategory: (c: Versioned) => call(routes.deleteCategory, versioned(c)),

  listQuotes: (q: ListParams & { status?: orders.QuoteStatus; customerId?: string }) =>
    call(routes.listQuotes, { query: q }),
  getQuote: (id: string) => call(routes.getQuote, byId(id)),
  createQuote: (body: orders.QuoteCreate) => call(routes.createQuote, { body }),
  updateQuote: (q: Versioned, body: orders.QuoteUpdate) =>
    call(routes.updateQuote, { ...versioned(q), body }),
  deleteQuote: (q: Versioned) => call(routes.deleteQuote, versioned(q)),
  submitQuote: (q: Versioned) => call(routes.submitQuote, versioned(q)),
  sendQuote: (q: Versioned) => call(routes.sendQuote, versioned(q)),
  acceptQuote: (q: Versioned) => call(routes.acceptQuote, versioned(q)),

  listContracts: (q: ContractFilters) => call(routes.listContracts, { query: q }),
  getContract: (id: string) => call(routes.getContract, byId(id)),
  createContract: (body: orders.ContractCreate) => call(routes.createContract, { body }),
  updateContract: (c: Versioned, body: orders.ContractUpdate) =>
    call(routes.updateContract, { ...versioned(c), body }),
  deleteContract: (c: Versioned) => call(routes.deleteContract, versioned(c)),
  submitContract: (c: Versioned, body: orders.ContractSubmit = {}) =>
    call(routes.submitContract, { ...versioned(c), body }),
  voidContract: (c: Versioned, reason: string) =>
    call(routes.voidContract, { ...versioned(c), body: { reason } }),
  terminateContract: (c: Versioned, reason: string) =>
    call(routes.terminateContract, { ...versioned(c), body: { reason } }),
  changeContract: (id: string, body: orders.ContractChangeCreate) =>
    call(routes.changeContract, { ...byId(id), body }),
  contractChanges: (id: string) => call(routes.listContractChanges, byId(id)),
  contractRevisions: (id: string) => call(routes.listContractRevisions, byId(id)),
  contractDependants: (id: string) => call(routes.contractDependants, byId(id)),
  contractClosing: () => call(routes.contractClosing, {}),
  closeContract: (c: Versioned, body: orders.ContractClose) =>
    call(routes.closeContract, { ...versioned(c), body }),

  // The recycle bin page's calls (RecycleBinPage).
  recycleBin: (q: ListParams): Promise<Page<RecycleBinItem>> => call(routes.recycleBin, { query: q }),
  restore: (resource: string, id: string): Promise<unknown> => {
    if (resource === 'products') return call(routes.restoreProduct, byId(id))
    if (resource === 'categories') return call(routes.restoreCategory, byId(id))
    if (resource === 'quotes') return call(routes.restoreQuote, byId(id))
    if (resource === 'contracts') return call(routes.restoreContract, byId(id))
    if (resource === 'sales-orders') return call(routes.restoreSalesOrder, byId(id))
    return Promise.reject(new Error(`orders: cannot restore "${resource}"`))
  },
  purge: (item: RecycleBinItem) =>
    call(routes.purge, { params: { entityType: item.entityType, id: item.id } }),
}
