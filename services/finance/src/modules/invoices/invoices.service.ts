import type { EntityManager } from 'typeorm'
import { compareDecimal, roundMoney } from '@mosaic/money'
import { finance, type AuditAction } from '@mosaic/schemas'
import {
  fieldError,
  listPage,
  liveRows,
  numberMatch,
  presentBy,
  problem,
  textContains,
  validationFailed,
  type AggregateContext,
  type CallerContext,
  type DomainDeps,
  type RecordContext,
  type WhereFragment,
  anyOfTerms,
  businessToday,
} from '@mosaic/service-kit'
import { refreshReceivable } from '../receivables/receivables.figures.js'
import { partyOf, type ReceivableParty } from '../receivables/receivables.party.js'
import type { InvoiceRow } from './invoices.entity.js'
import {
  assertInstalment,
  assertWithinUninvoiced,
  instalmentSeqs,
  lockBilledReceivable,
} from './invoices.receivable.js'
import { invoices } from './invoices.store.js'

const presentRow = presentBy(finance.Invoice.omit({ instalmentSeq: true }))

/** Invoices as the API shows them, with the seq of the instalment each bills (one query for all). */
export async function presentInvoices(m: EntityManager, rows: InvoiceRow[]): Promise<finance.Invoice[]> {
  const seqs = await instalmentSeqs(m, [
    ...new Set(rows.flatMap((r) => (r.instalmentId ? [r.instalmentId] : []))),
  ])
  return rows.map((r) => ({
    ...presentRow(r),
    instalmentSeq: r.instalmentId ? (seqs.get(r.instalmentId) ?? null) : null,
  }))
}

export const presentInvoice = async (m: EntityManager, row: InvoiceRow) =>
  (await presentInvoices(m, [row]))[0]!

/** Any part of the customer's name, or the contract's or the invoice's number (see numberMatch). */
function searchTerm(term: string): WhereFragment {
  return anyOfTerms([
    textContains('v.customer_name', term, 'searchCustomer'),
    numberMatch('v.contract_number', term, 'searchContract'),
    numberMatch('v.invoice_number', term, 'searchInvoice'),
  ])
}

export function listInvoices(m: EntityManager, ctx: CallerContext, q: finance.InvoiceListQuery) {
  return listPage(liveRows(invoices, m, 'v'), q, {
    scope: invoices.scopeWhere(ctx.principal, 'v'),
    filters: { q: searchTerm },
    equal: ['status', 'type', 'receivableId', 'contractId', 'customerId'],
    present: (rows) => presentInvoices(m, rows),
  })
}

/** A receivable still billable: a cancelled contract takes no new invoice amounts. */
function assertOpen(r: ReceivableParty) {
  if (r.status === 'cancelled')
    throw validationFailed([fieldError('receivableId', 'finance.invoice.receivable_cancelled')])
}

function positiveAmount(amount: string) {
  const value = roundMoney(amount)
  if (compareDecimal(value, '0') <= 0)
    throw validationFailed([fieldError('amount', 'finance.invoice.amount_positive')])
  return value
}

/**
 * 申请开票: against a receivable the caller sees and that is not cancelled, for at most what is
 * left to invoice. The receivable is locked first, so concurrent requests are checked one by one.
 */
export async function createInvoice(
  m: EntityManager,
  ctx: AggregateContext,
  deps: DomainDeps,
  input: finance.InvoiceCreate,
) {
  const amount = positiveAmount(input.amount)
  await deps.dicts.assert([{ field: 'type', type: 'invoice_type', value: input.type }])
  const r = await lockBilledReceivable(m, ctx.principal, input.receivableId)
  assertOpen(r)
  const instalmentId = input.instalmentId ?? null
  await assertInstalment(m, r.id, instalmentId)
  await assertWithinUninvoiced(m, r, amount)
  const row = await invoices.create(m, ctx, {
    ...partyOf(r),
    receivableId: r.id,
    contractName: r.contractName,
    instalmentId,
    type: input.type,
    title: input.title,
    taxNumber: input.taxNumber ?? null,
    amount,
    status: 'requested',
    invoiceNumber: null,
    issueDate: null,
    courier: null,
    trackingNumber: null,
    mailedOn: null,
    remark: input.remark ?? null,
    voidReason: null,
  })
  await refreshReceivable(m, r.id, businessToday(deps.timeZone))
  return row
}

/**
 * The invoice for a write, its receivable locked first (the order every invoice write of a
 * contract takes), then the invoice row itself.
 */
async function lockForWrite(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  access: 'write' | 'owner',
  withDeleted = false,
) {
  const seen = await invoices.get(m, id, ctx, { access, withDeleted })
  const receivable = await lockBilledReceivable(m, undefined, seen.receivableId)
  const row = await invoices.get(m, id, ctx, { access, withDeleted, lock: true })
  return { row, receivable }
}

const REQUEST_FIELDS = ['instalmentId', 'type', 'title', 'taxNumber', 'amount'] as const

/** Edits while requested (the amount within what is left besides itself); afterwards only the remark. */
export async function updateInvoice(
  m: EntityManager,
  ctx: AggregateContext,
  deps: DomainDeps,
  id: string,
  version: number,
  input: finance.InvoiceUpdate,
) {
  const { row, receivable } = await lockForWrite(m, ctx, id, 'write')
  const touches = REQUEST_FIELDS.some((k) => input[k] !== undefined)
  if (touches && row.status !== 'requested') throw problem(409, 'finance.invoice.not_editable')
  await deps.dicts.assert([{ field: 'type', type: 'invoice_type', value: input.type }])
  const patch: Partial<InvoiceRow> = {}
  if (input.type !== undefined) patch.type = input.type
  if (input.title !== undefined) patch.title = input.title
  if (input.taxNumber !== undefined) patch.taxNumber = input.taxNumber
  if (input.remark !== undefined) patch.remark = input.remark
  if (input.instalmentId !== undefined) {
    await assertInstalment(m, receivable.id, input.instalmentId)
    patch.instalmentId = input.instalmentId
  }
  if (input.amount !== undefined) {
    patch.amount = positiveAmount(input.amount)
    assertOpen(receivable)
    await assertWithinUninvoiced(m, receivable, patch.amount, row.id)
  }
  const after = await invoices.update(m, ctx, id, version, patch)
  await refreshReceivable(m, receivable.id, businessToday(deps.timeZone))
  return after
}

/** One state change: `from` the states allowed (else 409 `refusal`), audited as `action`. */
async function move(
  m: EntityManager,
  ctx: AggregateContext,
  deps: DomainDeps,
  id: string,
  version: number,
  step: {
    allowed: (status: finance.InvoiceStatus) => boolean
    refusal:
      'finance.invoice.not_issuable' | 'finance.invoice.not_mailable' | 'finance.invoice.already_voided'
    patch: Partial<InvoiceRow>
    action: AuditAction
    note?: string
  },
) {
  const { row, receivable } = await lockForWrite(m, ctx, id, 'write')
  if (!step.allowed(row.status)) throw problem(409, step.refusal)
  const after = await invoices.update(m, ctx, id, version, step.patch, {
    action: step.action,
    note: step.note,
  })
  await refreshReceivable(m, receivable.id, businessToday(deps.timeZone))
  return after
}

/** 开具: requested → issued with the printed number and date. */
export const issueInvoice = (
  m: EntityManager,
  ctx: AggregateContext,
  deps: DomainDeps,
  id: string,
  version: number,
  body: finance.InvoiceIssue,
) =>
  move(m, ctx, deps, id, version, {
    allowed: (s) => s === 'requested',
    refusal: 'finance.invoice.not_issuable',
    patch: { status: 'issued', invoiceNumber: body.invoiceNumber, issueDate: body.issueDate },
    action: 'issue',
    note: body.invoiceNumber,
  })

/** 邮寄: issued → mailed, by a courier of the dictionary, on the business day unless told. */
export async function mailInvoice(
  m: EntityManager,
  ctx: AggregateContext,
  deps: DomainDeps,
  id: string,
  version: number,
  body: finance.InvoiceMail,
) {
  await deps.dicts.assert([{ field: 'courier', type: 'courier_company', value: body.courier }])
  return move(m, ctx, deps, id, version, {
    allowed: (s) => s === 'issued',
    refusal: 'finance.invoice.not_mailable',
    patch: {
      status: 'mailed',
      courier: body.courier,
      trackingNumber: body.trackingNumber,
      mailedOn: body.mailedOn ?? businessToday(deps.timeZone),
    },
    action: 'mail',
    note: body.trackingNumber,
  })
}

/** 作废: any invoice not yet void, with a reason; its amount no longer counts as invoiced. */
export const voidInvoice = (
  m: EntityManager,
  ctx: AggregateContext,
  deps: DomainDeps,
  id: string,
  version: number,
  body: finance.InvoiceVoid,
) =>
  move(m, ctx, deps, id, version, {
    allowed: (s) => s !== 'voided',
    refusal: 'finance.invoice.already_voided',
    patch: { status: 'voided', voidReason: body.reason },
    action: 'void',
    note: body.reason,
  })

/** DELETE: only a requested invoice (an issued one is voided instead), to the recycle bin. */
export async function removeInvoice(
  m: EntityManager,
  ctx: RecordContext,
  deps: DomainDeps,
  id: string,
  version: number,
) {
  const { row, receivable } = await lockForWrite(m, ctx, id, 'owner')
  if (row.status !== 'requested') throw problem(409, 'finance.invoice.not_deletable')
  await invoices.softDelete(m, ctx, id, version)
  await refreshReceivable(m, receivable.id, businessToday(deps.timeZone))
}

/** Out of the recycle bin, the amount counts again: it must still fit what is left to invoice. */
export async function restoreInvoice(m: EntityManager, ctx: RecordContext, deps: DomainDeps, id: string) {
  const { row, receivable } = await lockForWrite(m, ctx, id, 'owner', true)
  if (row.deletedAt && row.status !== 'voided') {
    assertOpen(receivable)
    await assertWithinUninvoiced(m, receivable, row.amount, row.id)
  }
  const after = await invoices.restore(m, ctx, id)
  await refreshReceivable(m, receivable.id, businessToday(deps.timeZone))
  return after
}
