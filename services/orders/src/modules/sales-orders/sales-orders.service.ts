import type { EntityManager } from 'typeorm'
import { compareDecimal } from '@mosaic/money'
import { can } from '@mosaic/permissions'
import { orders } from '@mosaic/schemas'
import {
  assertNotAwaitingApproval,
  canModifyClosed,
  closureRuleFor,
  fieldError,
  issueNumber,
  listPage,
  liveRows,
  numberMatch,
  ownerOfCaller,
  presentBy,
  problem,
  publishEvent,
  textContains,
  validationFailed,
  type AggregateContext,
  type ApprovalDecisionHandler,
  type CallerContext,
  type DomainDeps,
  type RecordBase,
  type RecordContext,
  type WhereFragment,
  anyOfTerms,
} from '@mosaic/service-kit'
import type { ContractRow } from '../contracts/contracts.entity.js'
import { contracts } from '../contracts/contracts.store.js'
import { closeRecord, closureDecision, reopenRecord, type Closable } from '../closure/closure.js'
import { closePreconditions } from './sales-orders.closing.js'
import type { SalesOrderRow } from './sales-orders.entity.js'
import { lockContract, orderLinesFrom, remainingOf } from './sales-orders.quantities.js'
import { salesOrders } from './sales-orders.store.js'

export const presentSalesOrder = presentBy(orders.SalesOrder)

const LINES_EDITABLE: readonly string[] = orders.ORDER_LINES_EDITABLE_STATUSES
const CANCELLABLE: readonly string[] = orders.ORDER_CANCELLABLE_STATUSES
const DELETABLE: readonly string[] = orders.ORDER_DELETABLE_STATUSES

/** Number from its start, or any part of the customer's or the contract's name. */
function searchTerm(term: string): WhereFragment {
  return anyOfTerms([
    numberMatch('o.number', term, 'searchNumber'),
    textContains('o.customer_name', term, 'searchCustomer'),
    textContains('o.contract_name', term, 'searchContract'),
  ])
}

export function listSalesOrders(m: EntityManager, ctx: CallerContext, q: orders.SalesOrderListQuery) {
  return listPage(liveRows(salesOrders, m, 'o'), q, {
    scope: salesOrders.scopeWhere(ctx.principal, 'o'),
    filters: { q: searchTerm },
    equal: ['status', 'customerId', 'contractId', 'ownerId'],
    ranges: { created_at: ['createdFrom', 'createdTo'] },
    present: async (rows) => rows.map(presentSalesOrder),
  })
}

/**
 * The contract an order is made from, locked for the rest of the transaction: visible to the
 * caller and in force (approved). Unknown, out of scope or not approved: 422 on `contractId`.
 */
async function sourceContract(m: EntityManager, ctx: CallerContext, contractId: string) {
  const contract = await lockContract(m, contractId)
  const visible = contract && !contract.deletedAt && (await contracts.accessOf(m, ctx.principal, contract))
  if (!contract || !visible)
    throw validationFailed([fieldError('contractId', 'orders.order.contract_unknown')])
  if (contract.status !== 'approved')
    throw validationFailed([fieldError('contractId', 'orders.order.contract_not_approved')])
  return contract
}

/** What is left to order of each product of a contract the caller sees (the create dialog's defaults). */
export async function contractRemaining(
  m: EntityManager,
  ctx: CallerContext,
  contractId: string,
): Promise<orders.ContractRemaining> {
  const contract = await contracts.get(m, contractId, ctx)
  return { contractId: contract.id, lines: await remainingOf(m, contract) }
}

/** Lines for what is still open of each product: the order a create without lines makes. */
async function remainingLines(
  m: EntityManager,
  contract: ContractRow,
): Promise<orders.SalesOrderLineInput[]> {
  const lines = (await remainingOf(m, contract))
    .filter((r) => compareDecimal(r.remaining, '0') > 0)
    .map((r) => ({ productId: r.productId, quantity: r.remaining }))
  if (!lines.length) throw validationFailed([fieldError('lines', 'orders.order.nothing_left')])
  return lines
}

/**
 * A pending order from an approved contract: the contract's row is locked (SELECT … FOR UPDATE)
 * before its live orders are summed, so concurrent creations can never exceed a line's quantity.
 */
export async function createSalesOrder(
  m: EntityManager,
  ctx: AggregateContext,
  deps: DomainDeps,
  input: orders.SalesOrderCreate,
) {
  const contract = await sourceContract(m, ctx, input.contractId)
  const priced = await orderLinesFrom(m, contract, input.lines ?? (await remainingLines(m, contract)))
  const row: Omit<SalesOrderRow, keyof RecordBase> = {
    number: await issueNumber(m, 'order', { timeZone: deps.timeZone }),
    status: 'pending',
    contractId: contract.id,
    contractNumber: contract.number,
    contractName: contract.name,
    customerId: contract.customerId,
    customerName: contract.customerName,
    ...ownerOfCaller(ctx.principal),
    deliveryDate: input.deliveryDate !== undefined ? input.deliveryDate : contract.deliveryDate,
    consignee: input.consignee !== undefined ? input.consignee : contract.consignee,
    consigneePhone: input.consigneePhone !== undefined ? input.consigneePhone : contract.consigneePhone,
    deliveryAddress: input.deliveryAddress !== undefined ? input.deliveryAddress : contract.deliveryAddress,
    remark: input.remark ?? null,
    lines: priced.lines,
    subtotal: priced.subtotal,
    taxTotal: priced.taxTotal,
    total: priced.total,
    shippedPercent: 0,
    cancelReason: null,
    closedAt: null,
    closedBy: null,
    closeNote: null,
    closeDate: null,
    locked: false,
    pendingClosure: null,
    approvalRequestId: null,
  }
  return salesOrders.create(m, ctx, row)
}

/**
 * A closed order may change only when its rule does not lock it, or for the rule's roles within
 * its day window (the same window as reopening); otherwise 409.
 */
async function assertModifiable(m: EntityManager, ctx: AggregateContext, row: SalesOrderRow) {
  assertNotAwaitingApproval(row, 'closing')
  if (row.status === 'cancelled') throw problem(409, 'orders.order.not_editable')
  if (row.status !== 'completed') return
  const rule = await closureRuleFor(m, 'order')
  if (row.locked && !canModifyClosed(rule, ctx.principal, row.closedAt ?? new Date(0), new Date()))
    throw problem(409, 'orders.order.closed_locked')
}

/**
 * An edit: delivery details and the remark while the order is live (a closed one as the rule
 * allows); lines only before anything ships, under the same contract lock and cap as creation.
 */
export async function updateSalesOrder(
  m: EntityManager,
  ctx: AggregateContext,
  id: string,
  version: number,
  input: orders.SalesOrderUpdate,
) {
  const row = await salesOrders.get(m, id, ctx, { access: 'write', lock: true })
  await assertModifiable(m, ctx, row)
  const { lines, ...fields } = input
  const patch: Partial<SalesOrderRow> = {}
  for (const [key, value] of Object.entries(fields))
    if (value !== undefined) (patch as Record<string, unknown>)[key] = value
  if (lines) {
    if (!LINES_EDITABLE.includes(row.status)) throw problem(409, 'orders.order.lines_locked')
    const contract = await lockContract(m, row.contractId)
    if (!contract) throw validationFailed([fieldError('contractId', 'orders.order.contract_unknown')])
    const priced = await orderLinesFrom(m, contract, lines, row.id)
    Object.assign(patch, {
      lines: priced.lines,
      subtotal: priced.subtotal,
      taxTotal: priced.taxTotal,
      total: priced.total,
    })
  }
  return salesOrders.update(m, ctx, id, version, patch)
}

/** 确认: a pending order is confirmed and may then ship. */
export async function confirmSalesOrder(
  m: EntityManager,
  ctx: AggregateContext,
  id: string,
  version: number,
) {
  const row = await salesOrders.get(m, id, ctx, { access: 'write', lock: true })
  if (row.status !== 'pending') throw problem(409, 'orders.order.not_confirmable')
  return salesOrders.update(m, ctx, id, version, { status: 'confirmed' }, { action: 'advance' })
}

/** Live shipments of the order (in transit or delivered). */
async function liveShipmentCount(m: EntityManager, orderId: string, withCancelled = false) {
  const [{ n }] = (await m.query(
    `SELECT count(*)::int AS n FROM shipment WHERE order_id = $1 ${withCancelled ? '' : "AND status <> 'cancelled'"}`,
    [orderId],
  )) as [{ n: number }]
  return n
}

/** 取消: a pending or confirmed order with nothing shipped; its quantities go back to the contract. */
export async function cancelSalesOrder(
  m: EntityManager,
  ctx: AggregateContext,
  id: string,
  version: number,
  body: orders.SalesOrderCancel,
) {
  const row = await salesOrders.get(m, id, ctx, { access: 'write', lock: true })
  if (!CANCELLABLE.includes(row.status) || (await liveShipmentCount(m, row.id)))
    throw problem(409, 'orders.order.not_cancellable')
  return salesOrders.update(
    m,
    ctx,
    id,
    version,
    { status: 'cancelled', cancelReason: body.reason },
    { action: 'cancel', note: body.reason },
  )
}

/** DELETE: a pending or cancelled order that never had a shipment goes to the recycle bin. */
export async function removeSalesOrder(m: EntityManager, ctx: RecordContext, id: string, version: number) {
  const row = await salesOrders.get(m, id, ctx, { lock: true, access: 'owner' })
  if (!DELETABLE.includes(row.status) || (await liveShipmentCount(m, row.id, true)))
    throw problem(409, 'orders.order.not_deletable')
  await salesOrders.softDelete(m, ctx, id, version)
}

export const eventIdentity = (o: SalesOrderRow) => ({
  id: o.id,
  number: o.number,
  contractId: o.contractId,
  contractNumber: o.contractNumber,
  customerId: o.customerId,
  customerName: o.customerName,
  ownerId: o.ownerId,
  ownerName: o.ownerName,
  deptId: o.deptId,
  total: o.total,
})

/**
 * An order's close (结单) under the `order` rule (decisions 72, 73, 86): fully shipped and fully
 * paid; closed as `completed`; a refused close goes back to where it was asked from (`shipped` for
 * a regular close, any live status for a forced one).
 */
export const orderClosable: Closable<SalesOrderRow> = {
  rule: 'order',
  store: salesOrders,
  closedStatus: 'completed',
  openStatus: 'shipped',
  // A forced close may have closed an order not fully shipped: reopened, it is where its shipments put it.
  reopenStatus: (row) =>
    row.shippedPercent >= 100
      ? 'shipped'
      : row.lines.some((l) => compareDecimal(l.shippedQuantity, '0') > 0)
        ? 'partially_shipped'
        : 'confirmed',
  submission: (row) => ({
    docNumber: row.number,
    docTitle: `${row.number} (${row.customerName})`,
    amount: row.total,
    link: `/sales/orders?open=${row.id}`,
    ownerId: row.ownerId,
    deptId: row.deptId,
  }),
  preconditions: closePreconditions,
  published: async (m, ctx, closed) => {
    await publishEvent(m, {
      topic: 'orders.order.closed',
      actorId: ctx.actor.id,
      payload: { ...eventIdentity(closed), closeDate: closed.closeDate!, closeNote: closed.closeNote },
    })
  },
}

/**
 * 结单 under the `order` closure rule: its required fields and the preconditions (a 400 listing
 * each unmet one, unless a forced close's reason is given: then it waits for `closure-override`);
 * a rule requiring approval makes it wait as `closing` (decision 73); else closed at once.
 */
export async function closeSalesOrder(
  m: EntityManager,
  ctx: AggregateContext,
  deps: DomainDeps,
  id: string,
  version: number,
  input: orders.SalesOrderClose,
) {
  const row = await salesOrders.get(m, id, ctx, { access: 'write', lock: true })
  assertNotAwaitingApproval(row, 'closing')
  if (row.status === 'completed') throw problem(409, 'orders.order.already_closed')
  if (row.status === 'cancelled') throw problem(409, 'orders.order.not_closable')
  return closeRecord(m, ctx, orderClosable, row, version, input, deps.timeZone)
}

/** The order `closure` / `closure-override` flows' decision (the closure module's). */
export const orderClosureDecision: ApprovalDecisionHandler = closureDecision(orderClosable)

/** Reopening needs orders.order.reopen, the rule's roles and day window, and a reason; audited. */
export async function reopenSalesOrder(
  m: EntityManager,
  ctx: AggregateContext,
  id: string,
  version: number,
  body: orders.SalesOrderReopen,
) {
  const row = await salesOrders.get(m, id, ctx, { access: 'write', lock: true })
  if (row.status !== 'completed' || !row.closedAt) throw problem(409, 'orders.order.not_closed')
  const allowed = can(ctx.principal, 'orders.order.reopen')
  return reopenRecord(m, ctx, orderClosable, row, version, body.reason, allowed)
}
