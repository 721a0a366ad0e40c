import { randomUUID } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { finance } from '@mosaic/schemas'
import {
  conflict,
  fieldError,
  listPage,
  notFound,
  scopeWhere,
  textContains,
  validationFailed,
  type WhereFragment,
} from '@mosaic/service-kit'
import { computeStatement } from './statements.compute.js'
import { presentResponse, StatementResponseEntity, type StatementResponseRow } from './statements.entity.js'

type Period = { from: string; to: string }

/** The statement with the latest answer for the same customer and period, stale when the figures moved since. */
export async function statementOf(
  m: EntityManager,
  customerId: string,
  { from, to }: Period,
): Promise<finance.Statement> {
  const figures = await computeStatement(m, customerId, from, to)
  const latest = await m
    .getRepository(StatementResponseEntity)
    .createQueryBuilder('s')
    .where('s.customer_id = :customerId AND s.period_from = :from AND s.period_to = :to', {
      customerId,
      from,
      to,
    })
    .orderBy('s.responded_at', 'DESC')
    .addOrderBy('s.id', 'DESC')
    .getOne()
  return {
    ...figures,
    response: latest ? presentResponse(latest) : null,
    responseStale: !!latest && latest.digest !== figures.digest,
  }
}

/**
 * Records a contact's answer (the tickets service passes it on from the portal). It answers the
 * figures the contact saw: a digest that is not the current one means they changed meanwhile
 * (409 `finance.statement.changed`, the portal reloads). A dispute must say what is wrong.
 */
export async function respondToStatement(
  m: EntityManager,
  customerId: string,
  body: finance.InternalStatementRespond,
): Promise<finance.StatementResponse> {
  const note = body.note?.trim() || null
  const errors = [
    ...(body.from > body.to ? [fieldError('to', 'validation.period_order')] : []),
    ...(body.status === 'disputed' && !note ? [fieldError('note', 'validation.dispute_note')] : []),
    ...(note && note.length > 1000 ? [fieldError('note', 'validation.too_long', { maximum: 1000 })] : []),
  ]
  if (errors.length) throw validationFailed(errors)
  const figures = await computeStatement(m, customerId, body.from, body.to)
  if (figures.digest !== body.digest) throw conflict('finance.statement.changed')
  const row: StatementResponseRow = {
    id: randomUUID(),
    customerId,
    customerName: figures.customerName,
    periodFrom: body.from,
    periodTo: body.to,
    status: body.status,
    note,
    accountId: body.accountId,
    respondentName: body.respondentName,
    respondedAt: new Date(),
    digest: figures.digest,
    outstandingAtEnd: figures.totals.outstandingAtEnd,
    receivedInPeriod: figures.totals.receivedInPeriod,
    invoicedInPeriod: figures.totals.invoicedInPeriod,
  }
  await m.getRepository(StatementResponseEntity).insert(row)
  return presentResponse(row)
}

/**
 * Which customers' statements and answers a staff member sees: all with scope `all`; otherwise
 * those with a live receivable the caller may see (owner, or department for dept scope): the
 * receivables are where finance keeps a customer's owner. Null: no limit.
 */
export function customerScope(p: Principal, customerColumn: string): WhereFragment | null {
  const scope = scopeWhere(p, { owner: 'sr.owner_id', dept: 'sr.dept_id' })
  if (!scope) return null
  return {
    sql: `EXISTS (SELECT 1 FROM receivable sr WHERE sr.customer_id = ${customerColumn}
            AND sr.deleted_at IS NULL AND ${scope.sql})`,
    params: scope.params,
  }
}

/** Staff read of a statement: the customer must be in the caller's scope, else 404 like any record. */
export async function staffStatement(
  m: EntityManager,
  p: Principal,
  query: finance.StaffStatementQuery,
): Promise<finance.Statement> {
  const scope = scopeWhere(p, { owner: 'r.owner_id', dept: 'r.dept_id' })
  if (scope) {
    const visible: unknown = await m
      .createQueryBuilder()
      .select('r.id')
      .from('receivable', 'r')
      .where('r.customer_id = :customerId AND r.deleted_at IS NULL', { customerId: query.customerId })
      .andWhere(scope.sql, scope.params)
      .limit(1)
      .getRawOne()
    if (!visible) throw notFound('finance.statement.no_customer')
  }
  return statementOf(m, query.customerId, query)
}

export function listResponses(m: EntityManager, p: Principal, query: finance.StatementResponseListQuery) {
  return listPage(m.getRepository(StatementResponseEntity).createQueryBuilder('s'), query, {
    scope: customerScope(p, 's.customer_id'),
    filters: { q: (term) => textContains('s.customer_name', term, 'searchCustomer') },
    equal: ['customerId', 'status'],
    sort: { sortColumn: 'responded_at', sortProperty: 'respondedAt' },
    present: (rows) => withStaleness(m, rows),
  })
}

/**
 * Marks each answer whose statement's figures have changed since. The statement is computed once
 * per customer and period on the page (a page rarely holds more than a few periods of a customer).
 */
async function withStaleness(
  m: EntityManager,
  rows: StatementResponseRow[],
): Promise<finance.StatementResponseListItem[]> {
  const digests = new Map<string, string>()
  for (const r of rows) {
    const key = `${r.customerId}/${r.periodFrom}/${r.periodTo}`
    if (!digests.has(key))
      digests.set(key, (await computeStatement(m, r.customerId, r.periodFrom, r.periodTo)).digest)
  }
  return rows.map((r) => ({
    ...presentResponse(r),
    stale: digests.get(`${r.customerId}/${r.periodFrom}/${r.periodTo}`) !== r.digest,
  }))
}
