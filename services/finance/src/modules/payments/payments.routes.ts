import { z } from 'zod'
import { finance, sales } from '@mosaic/schemas'
import {
  IdParams,
  registerAggregate,
  registerExchange,
  type ApiRouter,
  type Database,
  type DomainDeps,
} from '@mosaic/service-kit'
import { paymentExchange } from './payments.exchange.js'
import { payments } from './payments.store.js'
import {
  bulkUpdatePayments,
  createPayment,
  listPayments,
  presentPayment,
  removePayment,
  restorePayment,
  updatePayment,
} from './payments.service.js'
import { listWriteoffs, reverseWriteoff, writeOffPayment } from './writeoffs.js'

export function registerPaymentRoutes(api: ApiRouter, db: Database, deps: DomainDeps) {
  // Before the aggregate's `/:id` routes, which would otherwise take `/export` for an id.
  registerExchange(api, paymentExchange(deps), { db, ...deps })
  registerAggregate(api, {
    resource: 'finance.payment',
    path: '/payments',
    db,
    store: payments,
    response: finance.Payment,
    present: (_m, row) => presentPayment(row),
    list: {
      summary:
        'Payments in the caller’s data scope, newest first (q: payment or contract number, customer or payer)',
      query: finance.PaymentListQuery,
      run: (m, ctx, query) => listPayments(m, ctx, query),
    },
    create: {
      summary: 'Record a payment against a receivable (Idempotency-Key required); it goes to approval',
      body: finance.PaymentCreate,
      idempotent: true,
      run: (m, ctx, body) => createPayment(m, ctx, deps, body),
    },
    update: {
      body: finance.PaymentUpdate,
      apply: (m, ctx, id, version, body) => updatePayment(m, ctx, deps, id, version, body),
    },
    remove: (m, ctx, id, version) => removePayment(m, ctx, deps, id, version),
    // Bulk edit stays `bulk-update` (commission settled, method); bulk delete is the kit's.
    bulk: {},
    restore: (m, ctx, id) => restorePayment(m, ctx, deps, id),
    commands: {
      'bulk-update': {
        summary: 'Edit many payments at once (commission settled, method); a result per payment',
        access: 'update',
        body: finance.PaymentBulkUpdate,
        response: sales.BulkResult,
        run: (m, ctx, { body }) => bulkUpdatePayments(m, ctx, deps, body),
      },
      writeoffs: {
        path: ':id/writeoffs',
        summary: 'Write a confirmed payment off against instalments of its receivable (核销)',
        access: 'writeoff',
        body: finance.WriteoffCreate,
        params: IdParams,
        response: z.array(finance.Writeoff),
        status: 201,
        run: (m, ctx, { body, params }) => writeOffPayment(m, ctx, deps, params.id!, body),
      },
    },
  })
  registerAggregate(api, {
    resource: 'finance.payment',
    path: '/writeoffs',
    db,
    list: {
      summary: 'The write-offs of a payment or a receivable visible to the caller',
      query: finance.WriteoffListQuery,
      response: z.array(finance.Writeoff),
      run: (m, ctx, query) => listWriteoffs(m, ctx, query),
    },
    commands: {
      reverse: {
        path: ':id/reverse',
        summary: 'Reverse a write-off (撤销核销): it no longer counts',
        access: 'writeoff',
        params: IdParams,
        response: finance.Writeoff,
        run: (m, ctx, { params }) => reverseWriteoff(m, ctx, deps, params.id!),
      },
    },
  })
}
