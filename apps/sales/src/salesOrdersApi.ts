import type { orders } from '@mosaic/schemas'
import { ordersRoutes as routes } from '@mosaic/schemas/contracts'
import type { ListParams } from '@mosaic/ui'
import { byId, call, ordersRecordPath, versioned, type Versioned } from './ordersApi'

/** The orders service's sales-order and shipment calls the sales screens make; no URL is written here. */
const shipment = (orderId: string, shipmentId: string) => ({ params: { id: orderId, shipmentId } })

/** A sales order's URL, which its audit trail and versions hang off. */
export const salesOrderPath = (id: string) => ordersRecordPath('sales-orders', id)

export type SalesOrderListParams = ListParams & {
  status?: orders.SalesOrderStatus
  customerId?: string
  contractId?: string
}

export const salesOrdersApi = {
  list: (q: SalesOrderListParams) => call(routes.listSalesOrders, { query: q }),
  get: (id: string) => call(routes.getSalesOrder, byId(id)),
  create: (body: orders.SalesOrderCreate) => call(routes.createSalesOrder, { body }),
  update: (o: Versioned, body: orders.SalesOrderUpdate) =>
    call(routes.updateSalesOrder, { ...versioned(o), body }),
  remove: (o: Versioned) => call(routes.deleteSalesOrder, versioned(o)),
  confirm: (o: Versioned) => call(routes.confirmSalesOrder, versioned(o)),
  cancel: (o: Versioned, body: orders.SalesOrderCancel) =>
    call(routes.cancelSalesOrder, { ...versioned(o), body }),
  closing: () => call(routes.salesOrderClosing, {}),
  close: (o: Versioned, body: orders.SalesOrderClose) =>
    call(routes.closeSalesOrder, { ...versioned(o), body }),
  reopen: (o: Versioned, body: orders.SalesOrderReopen) =>
    call(routes.reopenSalesOrder, { ...versioned(o), body }),
  remaining: (contractId: string) => call(routes.contractRemaining, byId(contractId)),
  shipments: (orderId: string) => call(routes.listShipments, byId(orderId)),
  ship: (orderId: string, body: orders.ShipmentCreate) =>
    call(routes.createShipment, { ...byId(orderId), body }),
  deliver: (orderId: string, shipmentId: string) =>
    call(routes.deliverShipment, shipment(orderId, shipmentId)),
  cancelShipment: (orderId: string, shipmentId: string) =>
    call(routes.cancelShipment, shipment(orderId, shipmentId)),
}
