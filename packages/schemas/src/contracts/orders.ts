import { z } from 'zod'
import { AuditEntry, pageOf, RecycleBinItem } from '../common.js'
import * as admin from '../admin/index.js'
import * as orders from '../orders/index.js'
import { defineRoutes } from './contract.js'
import { bulkRoutesOf, dashboardRouteOf, exchangeRoutesOf, prefixed } from './workbench.js'

/** The orders service's routes the apps call (`/api/orders/*`), by client method. */
export const ordersRoutes = defineRoutes({
  listProducts: {
    method: 'get',
    path: '/api/orders/products',
    query: orders.ProductListQuery,
    response: pageOf(orders.Product),
  },
  getProduct: { method: 'get', path: '/api/orders/products/:id', response: orders.Product },
  createProduct: {
    method: 'post',
    path: '/api/orders/products',
    body: orders.ProductCreate,
    response: orders.Product,
  },
  updateProduct: {
    method: 'patch',
    path: '/api/orders/products/:id',
    body: orders.ProductUpdate,
    response: orders.Product,
  },
  deleteProduct: { method: 'delete', path: '/api/orders/products/:id' },
  restoreProduct: { method: 'post', path: '/api/orders/products/:id/restore' },
  putProductOnSale: { method: 'post', path: '/api/orders/products/:id/on-sale', response: orders.Product },
  takeProductOffSale: { method: 'post', path: '/api/orders/products/:id/off-sale', response: orders.Product },

  categoryTree: {
    method: 'get',
    path: '/api/orders/categories',
    response: z.array(orders.ProductCategoryNode),
  },
  createCategory: {
    method: 'post',
    path: '/api/orders/categories',
    body: orders.ProductCategoryCreate,
    response: orders.ProductCategory,
  },
  updateCategory: {
    method: 'patch',
    path: '/api/orders/categories/:id',
    body: orders.ProductCategoryUpdate,
    response: orders.ProductCategory,
  },
  deleteCategory: { method: 'delete', path: '/api/orders/categories/:id' },
  restoreCategory: { method: 'post', path: '/api/orders/categories/:id/restore' },

  listQuotes: {
    method: 'get',
    path: '/api/orders/quotes',
    query: orders.QuoteListQuery,
    response: pageOf(orders.Quote),
  },
  getQuote: { method: 'get', path: '/api/orders/quotes/:id', response: orders.Quote },
  createQuote: {
    method: 'post',
    path: '/api/orders/quotes',
    body: orders.QuoteCreate,
    response: orders.Quote,
  },
  updateQuote: {
    method: 'patch',
    path: '/api/orders/quotes/:id',
    body: orders.QuoteUpdate,
    response: orders.Quote,
  },
  deleteQuote: { method: 'delete', path: '/api/orders/quotes/:id' },
  restoreQuote: { method: 'post', path: '/api/orders/quotes/:id/restore' },
  submitQuote: { method: 'post', path: '/api/orders/quotes/:id/submit', response: orders.Quote },
  sendQuote: { method: 'post', path: '/api/orders/quotes/:id/send', response: orders.Quote },
  acceptQuote: { method: 'post', path: '/api/orders/quotes/:id/accept', response: orders.Quote },

  listContracts: {
    method: 'get',
    path: '/api/orders/contracts',
    query: orders.ContractListQuery,
    response: pageOf(orders.Contract),
  },
  getContract: { method: 'get', path: '/api/orders/contracts/:id', response: orders.Contract },
  createContract: {
    method: 'post',
    path: '/api/orders/contracts',
    body: orders.ContractCreate,
    response: orders.Contract,
  },
  updateContract: {
    method: 'patch',
    path: '/api/orders/contracts/:id',
    body: orders.ContractUpdate,
    response: orders.Contract,
  },
  deleteContract: { method: 'delete', path: '/api/orders/contracts/:id' },
  restoreContract: { method: 'post', path: '/api/orders/contracts/:id/restore' },
  submitContract: {
    method: 'post',
    path: '/api/orders/contracts/:id/submit',
    body: orders.ContractSubmit,
    response: orders.Contract,
  },
  contractDependants: {
    method: 'get',
    path: '/api/orders/contracts/:id/dependants',
    response: orders.ContractDependants,
  },
  voidContract: {
    method: 'post',
    path: '/api/orders/contracts/:id/void',
    body: orders.ContractEnd,
    response: orders.Contract,
  },
  terminateContract: {
    method: 'post',
    path: '/api/orders/contracts/:id/terminate',
    body: orders.ContractEnd,
    response: orders.Contract,
  },
  contractClosing: {
    method: 'get',
    path: '/api/orders/contracts/closing',
    response: admin.ClosingTerms,
  },
  closeContract: {
    method: 'post',
    path: '/api/orders/contracts/:id/close',
    body: orders.ContractClose,
    response: orders.Contract,
  },
  reopenContract: {
    method: 'post',
    path: '/api/orders/contracts/:id/reopen',
    body: orders.ContractReopen,
    response: orders.Contract,
  },
  changeContract: {
    method: 'post',
    path: '/api/orders/contracts/:id/changes',
    body: orders.ContractChangeCreate,
    response: orders.ContractChange,
  },
  listContractChanges: {
    method: 'get',
    path: '/api/orders/contracts/:id/changes',
    response: z.array(orders.ContractChange),
  },
  listContractRevisions: {
    method: 'get',
    path: '/api/orders/contracts/:id/revisions',
    response: z.array(orders.ContractRevision),
  },

  listSalesOrders: {
    method: 'get',
    path: '/api/orders/sales-orders',
    query: orders.SalesOrderListQuery,
    response: pageOf(orders.SalesOrder),
  },
  salesOrderClosing: {
    method: 'get',
    path: '/api/orders/sales-orders/closing',
    response: admin.ClosingTerms,
  },
  getSalesOrder: { method: 'get', path: '/api/orders/sales-orders/:id', response: orders.SalesOrder },
  createSalesOrder: {
    method: 'post',
    path: '/api/orders/sales-orders',
    body: orders.SalesOrderCreate,
    response: orders.SalesOrder,
  },
  updateSalesOrder: {
    method: 'patch',
    path: '/api/orders/sales-orders/:id',
    body: orders.SalesOrderUpdate,
    response: orders.SalesOrder,
  },
  deleteSalesOrder: { method: 'delete', path: '/api/orders/sales-orders/:id' },
  restoreSalesOrder: { method: 'post', path: '/api/orders/sales-orders/:id/restore' },
  confirmSalesOrder: {
    method: 'post',
    path: '/api/orders/sales-orders/:id/confirm',
    response: orders.SalesOrder,
  },
  cancelSalesOrder: {
    method: 'post',
    path: '/api/orders/sales-orders/:id/cancel',
    body: orders.SalesOrderCancel,
    response: orders.SalesOrder,
  },
  closeSalesOrder: {
    method: 'post',
    path: '/api/orders/sales-orders/:id/close',
    body: orders.SalesOrderClose,
    response: orders.SalesOrder,
  },
  reopenSalesOrder: {
    method: 'post',
    path: '/api/orders/sales-orders/:id/reopen',
    body: orders.SalesOrderReopen,
    response: orders.SalesOrder,
  },
  contractRemaining: {
    method: 'get',
    path: '/api/orders/sales-orders/contracts/:id/remaining',
    response: orders.ContractRemaining,
  },
  listShipments: {
    method: 'get',
    path: '/api/orders/sales-orders/:id/shipments',
    response: z.array(orders.Shipment),
  },
  createShipment: {
    method: 'post',
    path: '/api/orders/sales-orders/:id/shipments',
    body: orders.ShipmentCreate,
    response: orders.Shipment,
  },
  deliverShipment: {
    method: 'post',
    path: '/api/orders/sales-orders/:id/shipments/:shipmentId/deliver',
    response: orders.Shipment,
  },
  cancelShipment: {
    method: 'post',
    path: '/api/orders/sales-orders/:id/shipments/:shipmentId/cancel',
    response: orders.Shipment,
  },

  audit: { method: 'get', path: '/api/orders/audit', response: pageOf(AuditEntry) },
  recycleBin: { method: 'get', path: '/api/orders/recycle-bin', response: pageOf(RecycleBinItem) },
  purge: { method: 'delete', path: '/api/orders/recycle-bin/:entityType/:id' },

  // 8/8: import/export, bulk and the dashboard (contracts/workbench.ts)
  ...prefixed('products', exchangeRoutesOf('/api/orders/products')),
  ...prefixed('products', bulkRoutesOf('/api/orders/products', orders.ProductBulkEdit)),
  ...prefixed('contracts', exchangeRoutesOf('/api/orders/contracts')),
  ...prefixed('contracts', bulkRoutesOf('/api/orders/contracts', orders.ContractBulkEdit)),
  ...prefixed('quotes', bulkRoutesOf('/api/orders/quotes', orders.QuoteBulkEdit)),
  ...prefixed('salesOrders', bulkRoutesOf('/api/orders/sales-orders', orders.SalesOrderBulkEdit)),
  ...dashboardRouteOf('orders'),
})
