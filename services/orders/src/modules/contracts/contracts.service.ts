import { randomUUID } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import { priceWithTax } from '@mosaic/money'
import { orders, type ApprovalDecidedPayload } from '@mosaic/schemas'
import {
  applyApprovalDecision,
  assertNotAwaitingApproval,
  fieldError,
  issueNumber,
  listPage,
  liveRows,
  numberMatch,
  ownerOfCaller,
  presentBy,
  problem,
  publishEvent,
  requestApproval,
  textContains,
  uniqueOr,
  validationFailed,
  writeAudit,
  type AggregateContext,
  type ApprovalDecisionHandler,
  type CallerContext,
  type ListSpec,
  type RecordBase,
  type RecordContext,
  type WhereFragment,
  anyOfTerms,
} from '@mosaic/service-kit'
import { presentReceivable, receivablesOf } from '../receivables/receivables.js'
import { openTicketsOf } from '../tickets/contract-tickets.js'
import { quotes } from '../quotes/quotes.service.js'
import { assertCoversOrders } from '../sales-orders/sales-orders.quantities.js'
import { CLOSING, NOT_CLOSED } from '../closure/closure.js'
import { assertCoversReceived } from './contracts.closing.js'
import { contractDependants, dependantList } from './contracts.dependants.js'
import type { ContractRow } from './contracts.entity.js'
import { contracts } from './contracts.store.js'
import {
  resolveValues,
  sameValues,
  valuesOf,
  type ContractDeps,
  type ContractInput,
} from './contracts.values.js'

const presentRow = presentBy(
  orders.Contract.omit({ pendingChange: true, receivable: true, openTickets: true }),
)

const AUDIT_OF = { rejected: 'reject', withdrawn: 'withdraw' } as const
const EDITABLE: readonly string[] = orders.CONTRACT_EDITABLE_STATUSES
const PENDING = 'pending'
const IN_FORCE = 'approved'
const SIGNED: readonly string[] = orders.CONTRACT_SIGNED_STATUSES

interface ChangeDbRow {
  id: string
  contract_id: string
  status: orders.ContractChangeStatus
  reason: string
  base_revision: number
  proposed: orders.ContractValues
  total_before: string
  total_after: string
  approval_request_id: string | null
  created_at: Date
  created_by: string | null
  created_by_name: string | null
  decided_at: Date | null
  decided_by_name: string | null
  comment: string | null
}

/** The changes waiting for approval of these contracts, by contract. */
async function pendingChanges(m: EntityManager, ids: string[]) {
  if (!ids.length) return new Map<string, orders.PendingContractChange>()
  const rows = (await m.query(
    `SELECT id, contract_id, reason, total_after, created_at, created_by_name FROM contract_change
      WHERE contract_id = ANY($1::uuid[]) AND status = 'pending'`,
    [ids],
  )) as ChangeDbRow[]
  return new Map(
    rows.map((r) => [
      r.contract_id,
      {
        id: r.id,
        reason: r.reason,
        total: r.total_after,
        createdAt: r.created_at.toISOString(),
        createdByName: r.created_by_name,
      },
    ]),
  )
}

/**
 * Contracts as the API shows them, with the change each may have waiting, the money finance
 * reported and the tickets still open (one query each for all).
 */
export async function presentContracts(m: EntityManager, rows: ContractRow[]): Promise<orders.Contract[]> {
  const waiting = await pendingChanges(
    m,
    rows.filter((r) => r.status === IN_FORCE).map((r) => r.id),
  )
  const ids = rows.map((r) => r.id)
  const money = await receivablesOf(m, ids)
  const tickets = await openTicketsOf(m, ids)
  return rows.map((r) => ({
    ...presentRow(r),
    pendingChange: waiting.get(r.id) ?? null,
    receivable: presentReceivable(money.get(r.id)),
    openTickets: tickets.get(r.id) ?? [],
  }))
}

export async function presentContract(m: EntityManager, row: ContractRow): Promise<orders.Contract> {
  return (await presentContracts(m, [row]))[0]!
}

/** Number from its start, or any part of the contract's or the customer's name. */
function searchTerm(term: string): WhereFragment {
  return anyOfTerms([
    numberMatch('c.number', term, 'searchNumber'),
    textContains('c.name', term, 'searchName'),
    textContains('c.customer_name', term, 'searchCustomer'),
  ])
}

/** Signed and in effect at some point (`signed=true`), or never (`signed=false`). */
function signedFilter(signed: 'true' | 'false'): WhereFragment {
  const sql = 'c.status IN (:...signedStatuses)'
  return { sql: signed === 'true' ? sql : `NOT ${sql}`, params: { signedStatuses: SIGNED } }
}

/**
 * The contracts list's filters under the caller's scope: the list pages what they select, the
 * dashboard counts and sums the same rows (`listedRows`), so a figure equals the list's total.
 */
export function contractListSpec(
  ctx: CallerContext,
): Omit<ListSpec<ContractRow, orders.ContractListQuery, unknown>, 'present'> {
  return {
    scope: contracts.scopeWhere(ctx.principal, 'c'),
    filters: { q: searchTerm, signed: signedFilter },
    equal: ['status', 'customerId', 'ownerId'],
    ranges: { sign_date: ['signFrom', 'signTo'], created_at: ['createdFrom', 'createdTo'] },
  }
}

export function listContracts(m: EntityManager, ctx: CallerContext, q: orders.ContractListQuery) {
  return listPage(liveRows(contracts, m, 'c'), q, {
    ...contractListSpec(ctx),
    present: (rows) => presentContracts(m, rows),
  })
}

/**
 * A quote's line as a contract line: the quote's price excludes tax, a contract's includes it, so
 * the price becomes price × (100 + rate) / 100, half-up to cents (decision §69).
 */
const lineFromQuote = (line: orders.QuoteLine): orders.ContractLineInput => ({
  productId: line.productId,
  quantity: line.quantity,
  unitPrice: priceWithTax(line.unitPrice, line.taxRate),
  discountPercent: line.discountPercent,
  taxRate: line.taxRate,
})

/** The quote a contract is created from: in the caller's scope and approved, sent or accepted. */
async function sourceQuote(m: EntityManager, ctx: CallerContext, quoteId: string) {
  const quote = await quotes.find(m, quoteId)
  const visible = quote && !quote.deletedAt && (await quotes.accessOf(m, ctx.principal, quote))
  if (!quote || !visible) throw validationFailed([fieldError('quoteId', 'orders.contract.quote_unknown')])
  if (!(orders.CONTRACT_SOURCE_QUOTE_STATUSES as readonly string[]).includes(quote.status))
    throw validationFailed([fieldError('quoteId', 'orders.contract.quote_not_usable')])
  return quote
}

export async function createContract(
  m: EntityManager,
  ctx: AggregateContext,
  deps: ContractDeps,
  input: orders.ContractCreate,
) {
  const { quoteId, ...fields } = input
  const body: ContractInput = { ...fields }
  let quote: { id: string; number: string } | null = null
  if (quoteId) {
    const source = await sourceQuote(m, ctx, quoteId)
    quote = source
    body.customerId ??= source.customerId
    if (body.contactId === undefined && body.customerId === source.customerId)
      body.contactId = source.contactId
    body.lines ??= source.lines.map(lineFromQuote)
  }
  const values = await resolveValues(m, ctx, deps, null, body)
  const row: Omit<ContractRow, keyof RecordBase> = {
    ...values,
    quoteId: quote?.id ?? null,
    quoteNumber: quote?.number ?? null,
    number: await issueNumber(m, 'contract', { timeZone: deps.timeZone }),
    status: 'draft',
    revision: 0,
    approvalRequestId: null,
    ...ownerOfCaller(ctx.principal),
    endReason: null,
    ...NOT_CLOSED,
  }
  return contracts.create(m, ctx, row)
}

/** Editing is for drafts and rejected contracts; a pending one is locked, one in force is changed. */
function assertEditable(row: ContractRow) {
  assertNotAwaitingApproval(row, PENDING)
  if (!EDITABLE.includes(row.status)) throw problem(409, 'orders.contract.not_editable')
}

export async function updateContract(
  m: EntityManager,
  ctx: AggregateContext,
  deps: ContractDeps,
  id: string,
  version: number,
  input: orders.ContractUpdate,
) {
  const row = await contracts.get(m, id, ctx, { access: 'write' })
  assertEditable(row)
  const values = await resolveValues(m, ctx, deps, valuesOf(row), input)
  return contracts.update(m, ctx, id, version, values as Partial<ContractRow>)
}

const link = (id: string) => `/sales/contracts?open=${id}`

/** 提交审核: a draft or rejected contract waits for approval of its total; locked meanwhile. */
export async function submitContract(
  m: EntityManager,
  ctx: AggregateContext,
  id: string,
  version: number,
  body: orders.ContractSubmit,
) {
  const row = await contracts.get(m, id, ctx, { access: 'write' })
  assertNotAwaitingApproval(row, PENDING)
  if (!EDITABLE.includes(row.status)) throw problem(409, 'orders.contract.not_submittable')
  const comment = body.comment ?? null
  const requestId = await requestApproval(m, 'orders', ctx.principal, {
    docType: 'contract',
    docId: row.id,
    docNumber: row.number,
    docTitle: `${row.name} (${row.customerName})`,
    amount: row.total,
    link: link(row.id),
    ownerId: row.ownerId,
    deptId: row.deptId,
    comment,
  })
  return contracts.update(
    m,
    ctx,
    id,
    version,
    { status: PENDING, approvalRequestId: requestId },
    { action: 'submit', note: comment ?? undefined },
  )
}

/** Keeps the values now in force as revision `row.revision`. */
async function keepRevision(
  m: EntityManager,
  row: ContractRow,
  by: { changeId: string | null; reason: string | null; name: string | null },
) {
  await m.query(
    `INSERT INTO contract_revision (id, contract_id, revision, "values", change_id, reason, created_by_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [randomUUID(), row.id, row.revision, JSON.stringify(valuesOf(row)), by.changeId, by.reason, by.name],
  )
}

const identity = (row: ContractRow) => ({
  id: row.id,
  number: row.number,
  name: row.name,
  customerId: row.customerId,
  customerName: row.customerName,
  ownerId: row.ownerId,
  ownerName: row.ownerName,
  deptId: row.deptId,
})

const terms = (row: ContractRow) => ({
  amounts: {
    total: row.total,
    subtotal: row.subtotal,
    taxTotal: row.taxTotal,
    prepayRatio: row.prepayRatio,
    retentionRatio: row.retentionRatio,
    warrantyMonths: row.warrantyMonths,
  },
  invoiceInfo: { type: row.invoiceType, title: row.invoiceTitle, taxNumber: row.invoiceTaxNumber },
  signDate: row.signDate,
  startDate: row.startDate,
  endDate: row.endDate,
  lines: row.lines.map((l) => ({
    productId: l.productId,
    productName: l.productName,
    quantity: l.quantity,
    total: l.total,
  })),
})

/** `contract`: the decision on a submitted contract; approved → in force as revision 1, published. */
export const decideContract: ApprovalDecisionHandler = async (m, decided) => {
  const moved = await applyApprovalDecision(m, contracts, decided, {
    pending: PENDING,
    approved: IN_FORCE,
    rejected: 'rejected',
    withdrawn: 'draft',
    also: (row, d) => (d.outcome === 'approved' ? { revision: row.revision + 1 } : {}),
  })
  if (!moved || decided.outcome !== 'approved') return
  await keepRevision(m, moved, { changeId: null, reason: null, name: decided.decidedByName })
  await publishEvent(m, {
    topic: 'orders.contract.approved',
    payload: { ...identity(moved), revision: moved.revision, ...terms(moved) },
  })
}

const presentChange = (r: ChangeDbRow): orders.ContractChange => ({
  id: r.id,
  contractId: r.contract_id,
  status: r.status,
  reason: r.reason,
  baseRevision: r.base_revision,
  proposed: r.proposed,
  totalBefore: r.total_before,
  totalAfter: r.total_after,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  createdByName: r.created_by_name,
  decidedAt: r.decided_at?.toISOString() ?? null,
  decidedByName: r.decided_by_name,
  comment: r.comment,
})

/**
 * 变更: proposes new values for a contract in force. The change waits for approval as
 * `contract-change` (amount: the new total) while the contract stays as it is; one at a time.
 */
export async function changeContract(
  m: EntityManager,
  ctx: AggregateContext,
  deps: ContractDeps,
  id: string,
  input: orders.ContractChangeCreate,
) {
  const row = await contracts.get(m, id, ctx, { access: 'write', lock: true })
  assertNotAwaitingApproval(row, PENDING)
  assertNotAwaitingApproval(row, CLOSING)
  if (row.status !== IN_FORCE) throw problem(409, 'orders.contract.not_in_force')
  if ((await pendingChanges(m, [row.id])).size) throw problem(409, 'orders.contract.change_pending')
  const { reason, ...fields } = input
  const current = valuesOf(row)
  const proposed = await resolveValues(m, ctx, deps, current, fields)
  if (sameValues(current, proposed)) throw problem(409, 'orders.contract.change_empty')
  // The contract row is locked: no order can be made from it until this transaction ends.
  await assertCoversOrders(m, row.id, proposed.lines, row.lines)
  await assertCoversReceived(m, row.id, proposed.total)
  const changeId = randomUUID()
  const requestId = await requestApproval(m, 'orders', ctx.principal, {
    docType: 'contract-change',
    docId: changeId,
    docNumber: row.number,
    docTitle: `${row.name} (${row.customerName})`,
    amount: proposed.total,
    link: link(row.id),
    ownerId: row.ownerId,
    deptId: row.deptId,
    comment: reason,
  })
  const [saved] = (await uniqueOr(
    m.query(
      `INSERT INTO contract_change (id, contract_id, status, reason, base_revision, proposed, total_before,
         total_after, approval_request_id, created_by, created_by_name)
       VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [
        changeId,
        row.id,
        reason,
        row.revision,
        JSON.stringify(proposed),
        row.total,
        proposed.total,
        requestId,
        ctx.actor.id,
        ctx.actor.name,
      ],
    ),
    'contract_change_pending_uq',
    () => problem(409, 'orders.contract.change_pending'),
  )) as ChangeDbRow[]
  await writeAudit(m, ctx, {
    action: 'submit',
    entityType: 'contract',
    entityId: row.id,
    entityTitle: contracts.options.title(row),
    note: reason,
  })
  return presentChange(saved!)
}

/** `contract-change`: approved → the contract takes the values, revision +1 kept; otherwise kept as decided. */
export const decideContractChange: ApprovalDecisionHandler = async (m, decided) => {
  const [change] = (await m.query('SELECT * FROM contract_change WHERE id = $1 FOR UPDATE', [
    decided.docId,
  ])) as ChangeDbRow[]
  if (!change || change.status !== 'pending' || change.approval_request_id !== decided.requestId) return
  const row = await contracts.find(m, change.contract_id, undefined, { lock: true })
  // A contract no longer in force (ended meanwhile) takes no values: the change lapses as withdrawn.
  const outcome = decided.outcome === 'approved' && row?.status !== IN_FORCE ? 'withdrawn' : decided.outcome
  await m.query(
    `UPDATE contract_change SET status = $2, decided_at = $3, decided_by_name = $4, comment = $5
      WHERE id = $1`,
    [change.id, outcome, decided.decidedAt, decided.decidedByName, decided.comment],
  )
  if (!row) return
  const ctx: RecordContext = { actor: { id: decided.decidedById, name: decided.decidedByName ?? 'system' } }
  if (outcome !== 'approved') {
    await writeAudit(m, ctx, {
      action: AUDIT_OF[outcome],
      entityType: 'contract',
      entityId: row.id,
      entityTitle: contracts.options.title(row),
      note: decided.comment ?? change.reason,
    })
    return
  }
  const after = await contracts.update(
    m,
    ctx,
    row.id,
    row.version,
    { ...(change.proposed as Partial<ContractRow>), revision: row.revision + 1 },
    { action: 'change', note: change.reason },
  )
  await keepRevision(m, after, { changeId: change.id, reason: change.reason, name: decided.decidedByName })
  await publishEvent(m, {
    topic: 'orders.contract.changed',
    payload: {
      ...identity(after),
      changeId: change.id,
      reason: change.reason,
      revision: after.revision,
      previousRevision: row.revision,
      totalBefore: row.total,
      totalAfter: after.total,
      ...terms(after),
    },
  })
}

/** The handlers of the contract's two document types, for the service's approval map. */
export const contractDecisionHandlers = {
  contract: decideContract,
  'contract-change': decideContractChange,
} satisfies Partial<Record<ApprovalDecidedPayload['docType'], ApprovalDecisionHandler>>

export async function listContractChanges(m: EntityManager, ctx: CallerContext, id: string) {
  await contracts.get(m, id, ctx)
  const rows = (await m.query(
    'SELECT * FROM contract_change WHERE contract_id = $1 ORDER BY created_at DESC, id',
    [id],
  )) as ChangeDbRow[]
  return rows.map(presentChange)
}

export async function listContractRevisions(m: EntityManager, ctx: CallerContext, id: string) {
  await contracts.get(m, id, ctx)
  const rows = (await m.query(
    `SELECT id, contract_id, revision, "values", change_id, reason, created_at, created_by_name
       FROM contract_revision WHERE contract_id = $1 ORDER BY revision`,
    [id],
  )) as Array<{
    id: string
    contract_id: string
    revision: number
    values: orders.ContractValues
    change_id: string | null
    reason: string | null
    created_at: Date
    created_by_name: string | null
  }>
  return rows.map((r): orders.ContractRevision => ({
    id: r.id,
    contractId: r.contract_id,
    revision: r.revision,
    values: r.values,
    changeId: r.change_id,
    reason: r.reason,
    createdAt: r.created_at.toISOString(),
    createdByName: r.created_by_name,
  }))
}

/** What the confirmation shows: the dependants and the actions the contract's state allows. */
export async function dependantsOf(
  m: EntityManager,
  ctx: CallerContext,
  id: string,
): Promise<orders.ContractDependants> {
  const row = await contracts.get(m, id, ctx)
  const dependants = await contractDependants(m, row.id)
  const free = dependants.length === 0
  return {
    dependants,
    canDelete: EDITABLE.includes(row.status) && free,
    canVoid: row.status === IN_FORCE && free,
    canTerminate: row.status === IN_FORCE,
  }
}

/**
 * DELETE: only a draft or rejected contract, and only when nothing depends on it; otherwise a 409
 * naming what does (the UI offers void / terminate). Goes to the recycle bin with its snapshot.
 */
export async function removeContract(m: EntityManager, ctx: RecordContext, id: string, version: number) {
  const row = await contracts.get(m, id, ctx, { lock: true, access: 'owner' })
  assertNotAwaitingApproval(row, PENDING)
  if (!EDITABLE.includes(row.status)) throw problem(409, 'orders.contract.not_deletable')
  const dependants = await contractDependants(m, row.id)
  if (dependants.length)
    throw problem(
      409,
      'orders.contract.has_dependants',
      { dependants: dependantList(dependants) },
      {
        dependants,
      },
    )
  await contracts.softDelete(m, ctx, id, version)
}

/** The audit action of each way a contract ends early. */
const AUDIT_OF_ENDING = { voided: 'void', terminated: 'terminate' } as const

/**
 * 作废 (void, nothing performed yet) or 终止 (terminate): a contract in force ends with a reason;
 * a change still waiting is withdrawn with it. Audited and published as `orders.contract.voided`.
 */
export async function endContract(
  m: EntityManager,
  ctx: AggregateContext,
  kind: 'voided' | 'terminated',
  id: string,
  version: number,
  body: orders.ContractEnd,
) {
  const row = await contracts.get(m, id, ctx, { access: 'write', lock: true })
  assertNotAwaitingApproval(row, PENDING)
  assertNotAwaitingApproval(row, CLOSING)
  if (row.status !== IN_FORCE) throw problem(409, 'orders.contract.not_in_force')
  if (kind === 'voided') {
    const dependants = await contractDependants(m, row.id)
    if (dependants.length)
      throw problem(
        409,
        'orders.contract.performed',
        { dependants: dependantList(dependants) },
        {
          dependants,
        },
      )
  }
  const after = await contracts.update(
    m,
    ctx,
    id,
    version,
    { status: kind, endReason: body.reason },
    { action: AUDIT_OF_ENDING[kind], note: body.reason },
  )
  await m.query(
    `UPDATE contract_change SET status = 'withdrawn', decided_at = now(), decided_by_name = $2, comment = $3
      WHERE contract_id = $1 AND status = 'pending'`,
    [row.id, ctx.actor.name, body.reason],
  )
  await publishEvent(m, {
    topic: 'orders.contract.voided',
    payload: { ...identity(after), kind, reason: body.reason, total: after.total },
  })
  return after
}
