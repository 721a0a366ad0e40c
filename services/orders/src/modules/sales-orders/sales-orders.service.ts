import type { EntityManager } from 'typeorm'
import { compareDecimal } from '@mosaic/money'
import { can } from '@mosaic/permissions'
import { orders, type admin } from '@mosaic/schemas'
import {
  applyApprovalDecision,
  assertNotAwaitingApproval,
  canModifyClosed,
  closureErrors,
  closureRuleFor,
  dayToIsoDate,
  fieldError,
  issueNumber,
  listPage,
  liveRows,
  localDay,
  numberMatch,
  ownerOfCaller,
  presentBy,
  problem,
  publishEvent,
  reopenRefusal,
  requestApproval,
  textContains,
  validationFailed,
  type AggregateContext,
  type ApprovalDecisionHandler,
  type CallerContext,
  type ClosurePrecondition,
  type DomainDeps,
  type RecordBase,
  type RecordContext,
  type WhereFragment,
} from '@mosaic/service-kit'
import type { ContractRow } from '../contracts/contracts.entity.js'
import { contracts } from '../contracts/contracts.store.js'
import type { PendingOrderClosure, SalesOrderRow } from './sales-orders.entity.js'
import { lockContract, orderLinesFrom, remainingOf } from './sales-orders.quantities.js'
import { salesOrders } from './sales-orders.store.js'

export const presentSalesOrder = presentBy(orders.SalesOrder)

const LINES_EDITABLE: readonly string[] = orders.ORDER_LINES_EDITABLE_STATUSES
const CANCELLABLE: readonly string[] = orders.ORDER_CANCELLABLE_STATUSES
const DELETABLE: readonly string[] = orders.ORDER_DELETABLE_STATUSES

/** The business day (YYYY-MM-DD) in the service's time zone. */
const today = (timeZone: string) => dayToIsoDate(localDay(new Date(), timeZone))

/** Number from its start, or any part of the customer's or the contract's name. */
function searchTerm(term: string): WhereFragment {
  const customer = textContains('o.customer_name', term, 'searchCustomer')
  const contract = textContains('o.contract_name', term, 'searchContract')
  const number = numberMatch('o.number', term, 'searchNumber')
  const parts = number ? [number, customer, contract] : [customer, contract]
  return {
    sql: `(${parts.map((p) => p.sql).join(' OR ')})`,
    params: Object.assign({}, ...parts.map((p) => p.params)) as Record<string, unknown>,
    anyOf: parts,
    order: number?.order,
  }
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

/**
 * What must hold before an order closes (结单), each in words when it does not: fully shipped now;
 * "fully paid" joins this list when finance lands (decision §72).
 */
export function closePreconditions(row: SalesOrderRow): ClosurePrecondition[] {
  const shipped = row.lines.every((l) => compareDecimal(l.shippedQuantity, l.quantity) >= 0)
  return [
    {
      ok: shipped && row.status === 'shipped',
      code: 'orders.order.not_fully_shipped',
      params: { percent: row.shippedPercent },
    },
  ]
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
 * 结单 under the `order` closure rule: its required fields and the service's preconditions (a 400
 * listing each unmet one); locked when the rule says so; audited and published. When the enabled
 * rule requires approval, the order waits as `closing` (locked) and the close is applied as asked
 * once approved (decision 73, as opportunities do: decision 64).
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
  const rule = await closureRuleFor(m, 'order')
  const errors = closureErrors(rule, input, closePreconditions(row))
  if (errors.length) throw validationFailed(errors)
  const closure: PendingOrderClosure = {
    closeNote: input.closeNote ?? null,
    closeDate: input.closeDate ?? today(deps.timeZone),
    requestedById: ctx.actor.id,
    requestedByName: ctx.actor.name,
  }
  if (rule.enabled && rule.approvalRequired) return requestClosure(m, ctx, row, version, closure)
  return applyClosure(m, ctx, row, version, closure, rule)
}

/** The order waits as `closing` with the requested close; the `closure` flow gets the submission. */
async function requestClosure(
  m: EntityManager,
  ctx: AggregateContext,
  row: SalesOrderRow,
  version: number,
  closure: PendingOrderClosure,
) {
  const approvalRequestId = await requestApproval(m, 'orders', ctx.principal, {
    docType: 'closure',
    docId: row.id,
    docNumber: row.number,
    docTitle: `${row.number} (${row.customerName})`,
    amount: row.total,
    link: `/sales/orders?open=${row.id}`,
    ownerId: row.ownerId,
    deptId: row.deptId,
    comment: closure.closeNote,
  })
  return salesOrders.update(
    m,
    ctx,
    row.id,
    version,
    { status: 'closing', pendingClosure: closure, approvalRequestId },
    { action: 'submit', note: closure.closeNote ?? undefined },
  )
}

/** Applies a close: the same update, audit and event whether direct or approved. */
async function applyClosure(
  m: EntityManager,
  ctx: RecordContext,
  row: SalesOrderRow,
  version: number,
  closure: PendingOrderClosure,
  rule: admin.ClosureRuleValues,
) {
  const closed = await salesOrders.update(
    m,
    ctx,
    row.id,
    version,
    {
      status: 'completed',
      closedAt: new Date(),
      closedBy: closure.requestedByName,
      closeNote: closure.closeNote,
      closeDate: closure.closeDate,
      locked: rule.enabled && rule.lockOnClose,
      pendingClosure: null,
      approvalRequestId: null,
    },
    { action: 'close', note: closure.closeNote ?? undefined },
  )
  await publishEvent(m, {
    topic: 'orders.order.closed',
    actorId: ctx.actor.id,
    payload: { ...eventIdentity(closed), closeDate: closed.closeDate!, closeNote: closed.closeNote },
  })
  return closed
}

/**
 * The order `closure` flow's decision. Audited as the decider with the comment (approve / reject /
 * withdraw); approved, the requested close is then applied as the requester's, exactly as a direct
 * close; rejected or withdrawn, the order is `shipped` again. A decision for another submission,
 * or one delivered twice, changes nothing.
 */
export const orderClosureDecision: ApprovalDecisionHandler = async (m, decided) => {
  const row = await applyApprovalDecision<SalesOrderRow>(m, salesOrders, decided, {
    pending: 'closing',
    approved: 'closing',
    rejected: 'shipped',
    withdrawn: 'shipped',
    also: () => (decided.outcome === 'approved' ? {} : { pendingClosure: null }),
  })
  if (!row || decided.outcome !== 'approved' || !row.pendingClosure) return
  const closure = row.pendingClosure
  const ctx: RecordContext = {
    actor: { id: closure.requestedById, name: closure.requestedByName ?? 'system' },
  }
  await applyClosure(m, ctx, row, row.version, closure, await closureRuleFor(m, 'order'))
}

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
  const rule = await closureRuleFor(m, 'order')
  const p = ctx.principal
  const denial = reopenRefusal(rule, p, row.closedAt, new Date(), can(p, 'orders.order.reopen'))
  if (denial) throw problem(403, denial.code, denial.params)
  return salesOrders.update(
    m,
    ctx,
    id,
    version,
    {
      status: 'shipped',
      closedAt: null,
      closedBy: null,
      closeNote: null,
      closeDate: null,
      locked: false,
    },
    { action: 'reopen', note: body.reason },
  )
}
