import { z } from 'zod'
import { finance, Id, pageOf } from '@mosaic/schemas'
import { type ApiRouter, type Database } from '@mosaic/service-kit'
import { listResponses, respondToStatement, staffStatement, statementOf } from './statements.service.js'

/**
 * Reconciliation statements (对账单). Staff (finance.statement.read) read a customer's statement and
 * the answers contacts gave; the tickets service reads and answers for the portal over the internal
 * routes (service tokens), naming the contact's account. Reads run without a transaction.
 */
export function registerStatementRoutes(api: ApiRouter, internal: ApiRouter, db: Database): void {
  api.route({
    method: 'get',
    path: '/statements',
    summary: 'A customer’s statement for a period, as the portal shows it, with its latest answer',
    tags: ['statements'],
    access: 'finance.statement.read',
    query: finance.StaffStatementQuery,
    response: finance.Statement,
    handler: ({ principal, query }) => staffStatement(db.dataSource.manager, principal, query),
  })
  api.route({
    method: 'get',
    path: '/statement-responses',
    summary:
      'Contacts’ answers to statements, newest first (customerId, status, q: part of the customer’s name)',
    tags: ['statements'],
    access: 'finance.statement.read',
    query: finance.StatementResponseListQuery,
    response: pageOf(finance.StatementResponseListItem),
    handler: ({ principal, query }) => listResponses(db.dataSource.manager, principal, query),
  })
  internal.route({
    method: 'get',
    path: '/customers/:id/statement',
    summary: 'A customer’s statement for a period with its latest answer (the portal’s 对账单)',
    tags: ['internal'],
    access: 'service',
    params: z.object({ id: Id }),
    query: finance.StatementQuery,
    response: finance.Statement,
    handler: ({ params, query }) => statementOf(db.dataSource.manager, params.id, query),
  })
  internal.route({
    method: 'post',
    path: '/customers/:id/statement-responses',
    summary: 'A contact confirms or disputes the statement whose digest they saw (409 when it changed)',
    tags: ['internal'],
    access: 'service',
    params: z.object({ id: Id }),
    body: finance.InternalStatementRespond,
    response: finance.StatementResponse,
    status: 201,
    handler: ({ params, body }) => db.transaction((m) => respondToStatement(m, params.id, body)),
  })
}
