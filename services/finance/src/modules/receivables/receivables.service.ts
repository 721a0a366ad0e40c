import type { EntityManager } from 'typeorm'
import { compareDecimal, sumMoney } from '@mosaic/money'
import type { finance } from '@mosaic/schemas'
import {
  fieldError,
  listPage,
  liveRows,
  numberMatch,
  preconditionFailed,
  problem,
  textContains,
  validationFailed,
  type AggregateContext,
  type CallerContext,
  type ListSpec,
  type WhereFragment,
  anyOfTerms,
  businessToday,
} from '@mosaic/service-kit'
import type { ReceivableRow } from './receivables.entity.js'
import { refreshReceivable } from './receivables.figures.js'
import { instalmentsOf, planText, writePlan, type InstalmentRow } from './receivables.instalments.js'
import { presentInstalment, presentReceivable } from './receivables.present.js'
import { receivables } from './receivables.store.js'

/** Contract number from its start (or digits anywhere), or part of the customer's or the owner's name. */
function searchTerm(term: string): WhereFragment {
  return anyOfTerms([
    numberMatch('r.contract_number', term, 'searchNumber'),
    textContains('r.customer_name', term, 'searchCustomer'),
    textContains('r.owner_name', term, 'searchOwner'),
  ])
}

/**
 * The receivables overview's filters under the caller's scope: the list pages what they select,
 * the dashboard counts the same rows (`listedRows`), so a to-do line equals the list's total.
 */
export function receivableListSpec(
  ctx: CallerContext,
): Omit<ListSpec<ReceivableRow, finance.ReceivableListQuery, unknown>, 'present'> {
  return {
    scope: receivables.scopeWhere(ctx.principal, 'r'),
    filters: { q: searchTerm },
    equal: ['status', 'customerId', 'contractId', 'ownerId', 'prepayStatus', 'retentionStatus'],
    flags: ['overdue'],
    ranges: { sign_date: ['signFrom', 'signTo'] },
  }
}

export function listReceivables(m: EntityManager, ctx: CallerContext, q: finance.ReceivableListQuery) {
  return listPage(liveRows(receivables, m, 'r'), q, {
    ...receivableListSpec(ctx),
    present: (rows) => rows.map(presentReceivable),
  })
}

/** The receivable (in the caller's scope, else 404) with its plan, cancelled instalments included. */
export async function receivablePlan(
  m: EntityManager,
  ctx: AggregateContext,
  id: string,
  timeZone: string,
): Promise<finance.ReceivablePlan> {
  const row = await receivables.get(m, id, ctx)
  return planOf(m, row, timeZone)
}

async function planOf(
  m: EntityManager,
  row: ReceivableRow,
  timeZone: string,
): Promise<finance.ReceivablePlan> {
  const today = businessToday(timeZone)
  const rows = await instalmentsOf(m, [row.id], { withCancelled: true })
  return { receivable: presentReceivable(row), instalments: rows.map((r) => presentInstalment(r, today)) }
}

/**
 * Replaces the plan (If-Match: the receivable's version). The amounts must sum to the contract
 * total, an instalment kept may not go below what is written off against it, one removed must have
 * nothing written off and no live invoice; a cancelled receivable's plan is read-only.
 */
export async function updatePlan(
  m: EntityManager,
  ctx: AggregateContext,
  id: string,
  version: number,
  body: finance.PlanUpdate,
  timeZone: string,
): Promise<finance.ReceivablePlan> {
  const row = await receivables.get(m, id, ctx, { access: 'write', lock: true })
  if (row.version !== version) throw preconditionFailed(presentReceivable(row))
  if (row.status === 'cancelled') throw problem(409, 'finance.receivable.cancelled')
  const current = await instalmentsOf(m, [id])
  checkPlan(row, current, body)
  const before = planText(current)
  const plan = body.instalments.map((i) => ({ ...i, id: i.id ?? null, note: i.note ?? null }))
  await writePlan(m, id, current, plan)
  const after = planText(await instalmentsOf(m, [id]))
  await receivables.update(
    m,
    ctx,
    id,
    version,
    {},
    {
      action: 'plan_update',
      extraDiff: before === after ? {} : { plan: { before, after } },
    },
  )
  // The row is locked since `get` above.
  await refreshReceivable(m, id, businessToday(timeZone))
  return planOf(m, await receivables.get(m, id), timeZone)
}

function checkPlan(row: ReceivableRow, current: InstalmentRow[], body: finance.PlanUpdate) {
  const byId = new Map(current.map((c) => [c.id, c]))
  const errors: ReturnType<typeof fieldError>[] = []
  const seen = new Set<string>()
  body.instalments.forEach((input, n) => {
    if (!input.id) return
    const existing = byId.get(input.id)
    if (!existing) errors.push(fieldError(`instalments.${n}.id`, 'finance.plan.unknown_instalment'))
    else if (seen.has(input.id))
      errors.push(fieldError(`instalments.${n}.id`, 'finance.plan.duplicate_instalment'))
    else if (compareDecimal(input.amount, existing.matched) < 0)
      errors.push(
        fieldError(`instalments.${n}.amount`, 'finance.plan.below_matched', { matched: existing.matched }),
      )
    seen.add(input.id)
  })
  for (const removed of current.filter((c) => !seen.has(c.id))) {
    if (compareDecimal(removed.matched, '0') > 0)
      errors.push(
        fieldError('instalments', 'finance.plan.removed_matched', {
          seq: removed.seq,
          matched: removed.matched,
        }),
      )
    else if (removed.invoiced)
      errors.push(fieldError('instalments', 'finance.plan.removed_invoiced', { seq: removed.seq }))
  }
  const sum = sumMoney(body.instalments.map((i) => i.amount))
  if (compareDecimal(sum, row.total) !== 0)
    errors.push(fieldError('instalments', 'finance.plan.sum_mismatch', { sum, total: row.total }))
  if (errors.length) throw validationFailed(errors)
}
