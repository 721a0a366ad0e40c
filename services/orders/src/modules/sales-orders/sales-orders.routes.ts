import { admin, orders } from '@mosaic/schemas'
import {
  closingTerms,
  IdParams,
  registerAggregate,
  type ApiRouter,
  type Database,
  type DomainDeps,
} from '@mosaic/service-kit'
import { z } from 'zod'
import {
  cancelSalesOrder,
  closeSalesOrder,
  confirmSalesOrder,
  contractRemaining,
  createSalesOrder,
  listSalesOrders,
  presentSalesOrder,
  removeSalesOrder,
  reopenSalesOrder,
  updateSalesOrder,
} from './sales-orders.service.js'
import { createShipment, listShipments, settleShipment } from './sales-orders.shipments.js'
import { salesOrders } from './sales-orders.store.js'

export function registerSalesOrderRoutes(api: ApiRouter, db: Database, deps: DomainDeps) {
  registerAggregate(api, {
    resource: 'orders.order',
    path: '/sales-orders',
    db,
    store: salesOrders,
    response: orders.SalesOrder,
    present: async (_m, row) => presentSalesOrder(row),
    list: {
      summary:
        'Sales orders in the caller’s data scope, newest first (q: number from its start, customer or contract name)',
      query: orders.SalesOrderListQuery,
      run: (m, ctx, query) => listSalesOrders(m, ctx, query),
    },
    create: {
      summary:
        'Create a pending order from an approved contract (lines default to what is left; capped by the contract)',
      body: orders.SalesOrderCreate,
      run: (m, ctx, body) => createSalesOrder(m, ctx, deps, body),
    },
    update: {
      body: orders.SalesOrderUpdate,
      apply: (m, ctx, id, version, body) =>
        updateSalesOrder(m, { ...ctx, principal: ctx.principal! }, id, version, body),
    },
    remove: (m, ctx, id, version) => removeSalesOrder(m, ctx, id, version),
    bulk: { edit: orders.SalesOrderBulkEdit },
    actions: {
      confirm: {
        summary: 'Confirm (确认) a pending order; it may then ship',
        access: 'update',
        run: (m, ctx, id, version) => confirmSalesOrder(m, ctx, id, version),
      },
      cancel: {
        summary: 'Cancel a pending or confirmed order with nothing shipped, with a reason',
        body: orders.SalesOrderCancel,
        run: (m, ctx, id, version, body) => cancelSalesOrder(m, ctx, id, version, body),
      },
      close: {
        summary: 'Close (结单) a fully shipped order under the order closure rule',
        body: orders.SalesOrderClose,
        run: (m, ctx, id, version, body) => closeSalesOrder(m, ctx, deps, id, version, body),
      },
      reopen: {
        summary: 'Reopen a closed order (the rule’s roles and day window), with a reason',
        body: orders.SalesOrderReopen,
        run: (m, ctx, id, version, body) => reopenSalesOrder(m, ctx, id, version, body),
      },
    },
    commands: {
      ship: {
        path: ':id/shipments',
        summary: 'Record a shipment (物流单) of a confirmed or partially shipped order',
        access: 'orders.shipment.create',
        body: orders.ShipmentCreate,
        params: IdParams,
        response: orders.Shipment,
        status: 201,
        run: (m, ctx, { body, params }) => createShipment(m, ctx, deps, params.id!, body),
      },
      deliver: {
        path: ':id/shipments/:shipmentId/deliver',
        summary: 'Mark a shipment in transit as delivered (签收)',
        access: 'orders.shipment.update',
        params: orders.ShipmentParams,
        response: orders.Shipment,
        run: (m, ctx, { params }) => settleShipment(m, ctx, params.id!, params.shipmentId!, 'delivered'),
      },
      cancelShipment: {
        path: ':id/shipments/:shipmentId/cancel',
        summary: 'Cancel a shipment in transit; its quantities are open to ship again',
        access: 'orders.shipment.update',
        params: orders.ShipmentParams,
        response: orders.Shipment,
        run: (m, ctx, { params }) => settleShipment(m, ctx, params.id!, params.shipmentId!, 'cancelled'),
      },
    },
    views: {
      closing: {
        summary:
          'What closing (结单) asks for now: the order rule’s required fields and whether it goes to approval',
        response: admin.ClosingTerms,
        run: (m) => closingTerms(m, 'order'),
      },
      ':id/shipments': {
        summary: 'An order’s shipments, oldest first',
        access: 'orders.shipment.read',
        params: IdParams,
        response: z.array(orders.Shipment),
        run: (m, ctx, { params }) => listShipments(m, ctx, params.id!),
      },
      'contracts/:id/remaining': {
        summary: 'What is left to order of each product of an approved contract (contracted, ordered, left)',
        access: 'create',
        params: IdParams,
        response: orders.ContractRemaining,
        run: (m, ctx, { params }) => contractRemaining(m, ctx, params.id!),
      },
    },
  })
}
