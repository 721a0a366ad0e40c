import { orders } from '@mosaic/schemas'
import { registerAggregate, type ApiRouter, type Database } from '@mosaic/service-kit'
import {
  createQuote,
  listQuotes,
  presentQuote,
  quotes,
  removeQuote,
  updateQuote,
  type QuoteDeps,
} from './quotes.service.js'
import { moveQuote, submitQuote } from './quotes.lifecycle.js'

export function registerQuoteRoutes(api: ApiRouter, db: Database, deps: QuoteDeps) {
  registerAggregate(api, {
    resource: 'orders.quote',
    path: '/quotes',
    db,
    store: quotes,
    response: orders.Quote,
    present: async (_m, row) => presentQuote(row),
    list: {
      summary: 'Quotes in the caller’s data scope, newest first (a number typed from its start: by number)',
      query: orders.QuoteListQuery,
      run: (m, ctx, query) => listQuotes(m, ctx, query),
    },
    create: {
      summary: 'Draft a quote (number, customer snapshot and totals by the service)',
      body: orders.QuoteCreate,
      run: (m, ctx, body) => createQuote(m, ctx, deps, body),
    },
    update: {
      body: orders.QuoteUpdate,
      apply: (m, ctx, id, version, body) => updateQuote(m, ctx, deps, id, version, body),
    },
    remove: removeQuote,
    bulk: { edit: orders.QuoteBulkEdit },
    actions: {
      submit: {
        summary:
          'Submit a draft or rejected quote for approval (提交审批): pending and locked until the decision',
        run: (m, ctx, id, version) => submitQuote(m, ctx, deps.timeZone, id, version),
      },
      send: {
        summary: 'Send an approved quote to the customer',
        access: 'update',
        run: (m, ctx, id, version) => moveQuote(m, ctx, id, version, 'send'),
      },
      accept: {
        summary: 'Mark a sent quote accepted by the customer',
        access: 'update',
        run: (m, ctx, id, version) => moveQuote(m, ctx, id, version, 'accept'),
      },
    },
  })
}
