import type { EntityManager } from 'typeorm'
import {
  attachmentPolicy,
  assertNotAwaitingApproval,
  definedOnly,
  issueNumber,
  listPage,
  liveRows,
  nameOrNumber,
  ownerOfCaller,
  presentBy,
  problem,
  RecordStore,
  type AggregateContext,
  type CallerContext,
  type DomainDeps,
  type RecordBase,
  type RecordContext,
  type ServiceClient,
} from '@mosaic/service-kit'
import { orders } from '@mosaic/schemas'
import { customerSnapshot } from '../lines/customers.js'
import { priceLines } from '../lines/lines.js'
import { QuoteEntity, type QuoteRow } from './quotes.entity.js'

export const presentQuote = presentBy(orders.Quote)

/**
 * Quotes (报价单): owner-scoped like the sales records (a rep sees their own, a manager their
 * department, an admin all). Editable while a draft or rejected; locked while pending approval
 * (quotes.lifecycle.ts moves the status).
 */
export const quotes: RecordStore<QuoteRow> = new RecordStore<QuoteRow>({
  entityType: 'quote',
  entity: QuoteEntity,
  title: (q) => `${q.number} (${q.customerName})`,
  // The totals are not: a version brought back brings its lines and their totals together.
  systemFields: ['number', 'status', 'ownerId', 'ownerName', 'deptId'],
  internalFields: ['approvalRequestId'],
  scope: { owner: 'ownerId', dept: 'deptId' },
  present: async (_m, row) => presentQuote(row),
  // Bringing back an earlier version is an edit: only where editing is.
  checkRestore: async (m, _ctx, _patch, id) => assertEditable(await quotes.get(m, id)),
})

/** Files sent with quotes: as visible as the quotes carrying them; PDF or images (as contract scans). */
export const quoteFiles = attachmentPolicy([{ store: quotes }])
const QUOTE_FILE_TYPES = Object.keys(orders.CONTRACT_SCAN_TYPES)

/** The stored files a quote refers to (never the client's claim about them). */
function acceptFiles(m: EntityManager, ctx: RecordContext, list: orders.QuoteCreate['attachments']) {
  return quoteFiles.accept(m, ctx, list ?? [], 'attachments', QUOTE_FILE_TYPES)
}

/** Edits (and version restores) only in draft or rejected; a quote pending approval is locked. */
export function assertEditable(row: QuoteRow): void {
  assertNotAwaitingApproval(row, 'pending')
  if (!orders.QUOTE_EDITABLE.includes(row.status)) throw problem(409, 'orders.quote.not_editable')
}

/** Only drafts are deleted. */
export async function removeQuote(m: EntityManager, ctx: RecordContext, id: string, version: number) {
  const row = await quotes.get(m, id, ctx, { access: 'owner' })
  assertNotAwaitingApproval(row, 'pending')
  if (row.status !== 'draft') throw problem(409, 'orders.quote.not_draft')
  await quotes.softDelete(m, ctx, id, version)
}

export interface QuoteDeps extends DomainDeps {
  serviceClient: ServiceClient
}

export function listQuotes(m: EntityManager, ctx: CallerContext, q: orders.QuoteListQuery) {
  return listPage(liveRows(quotes, m, 'q'), q, {
    scope: quotes.scopeWhere(ctx.principal, 'q'),
    filters: { q: (term) => nameOrNumber('q', term, { name: 'customer_name' }) },
    equal: ['status', 'customerId', 'ownerId'],
    ranges: { created_at: ['createdFrom', 'createdTo'] },
    present: async (rows) => rows.map(presentQuote),
  })
}

export async function createQuote(
  m: EntityManager,
  ctx: AggregateContext,
  deps: QuoteDeps,
  input: orders.QuoteCreate,
) {
  const snapshot = await customerSnapshot(deps.serviceClient, ctx.principal, input)
  const priced = await priceLines(m, input.lines)
  const row: Omit<QuoteRow, keyof RecordBase> = {
    number: await issueNumber(m, 'quote', { timeZone: deps.timeZone }),
    status: 'draft',
    customerId: input.customerId,
    ...snapshot,
    validUntil: input.validUntil ?? null,
    remark: input.remark ?? null,
    ...ownerOfCaller(ctx.principal),
    ...priced,
    attachments: await acceptFiles(m, ctx, input.attachments),
    approvalRequestId: null,
  }
  return quotes.create(m, ctx, row)
}

/** An edit of a draft or rejected quote; a new customer re-checks the contact and opportunity with it. */
export async function updateQuote(
  m: EntityManager,
  ctx: RecordContext,
  deps: QuoteDeps,
  id: string,
  version: number,
  input: orders.QuoteUpdate,
) {
  const row = await quotes.get(m, id, ctx, { access: 'write' })
  assertEditable(row)
  const { lines, customerId, contactId, opportunityId, attachments, ...rest } = input
  const patch: Partial<QuoteRow> = definedOnly(rest) as Partial<QuoteRow>
  if (customerId !== undefined || contactId !== undefined || opportunityId !== undefined) {
    const ref = {
      customerId: customerId ?? row.customerId,
      contactId: contactId !== undefined ? contactId : row.contactId,
      opportunityId: opportunityId !== undefined ? opportunityId : row.opportunityId,
    }
    Object.assign(
      patch,
      { customerId: ref.customerId },
      await customerSnapshot(deps.serviceClient, ctx.principal!, ref),
    )
  }
  if (lines) Object.assign(patch, await priceLines(m, lines))
  if (attachments !== undefined) patch.attachments = await acceptFiles(m, ctx, attachments)
  return quotes.update(m, ctx, id, version, patch)
}
