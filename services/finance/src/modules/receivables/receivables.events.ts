import type { EntityManager } from 'typeorm'
import type { ContractApprovedPayload, ContractChangedPayload, ContractVoidedPayload } from '@mosaic/schemas'
import { defineHandlers, SYSTEM_ACTOR, type RecordContext, businessToday } from '@mosaic/service-kit'
import { refreshReceivable } from './receivables.figures.js'
import { cancelPlan, instalmentsOf, planText, writePlan } from './receivables.instalments.js'
import { planFor, replan, type PlanTerms } from './receivables.plan.js'
import { receivables } from './receivables.store.js'

/** Contract events move receivables as the system (the orders user is not finance's actor). */
const SYSTEM: RecordContext = { actor: SYSTEM_ACTOR }

type ContractState = ContractApprovedPayload | ContractChangedPayload

const termsOf = (c: ContractState): PlanTerms => ({
  total: c.amounts.total,
  prepayRatio: c.amounts.prepayRatio,
  retentionRatio: c.amounts.retentionRatio,
  warrantyMonths: c.amounts.warrantyMonths,
  signDate: c.signDate,
  startDate: c.startDate,
  endDate: c.endDate,
})

/** The contract's snapshot on the receivable. */
const snapshotOf = (c: ContractState) => ({
  contractNumber: c.number,
  contractName: c.name,
  contractRevision: c.revision,
  customerId: c.customerId,
  customerName: c.customerName,
  ownerId: c.ownerId,
  ownerName: c.ownerName,
  deptId: c.deptId,
  signDate: c.signDate,
  startDate: c.startDate,
  endDate: c.endDate,
  total: c.amounts.total,
  prepayRatio: c.amounts.prepayRatio,
  retentionRatio: c.amounts.retentionRatio,
  warrantyMonths: c.amounts.warrantyMonths,
  invoiceType: c.invoiceInfo?.type ?? null,
  invoiceTitle: c.invoiceInfo?.title ?? null,
  invoiceTaxNumber: c.invoiceInfo?.taxNumber ?? null,
})

/** The contract's receivable, locked for the rest of the event's transaction. */
const receivableOf = async (m: EntityManager, contractId: string) =>
  receivables.repo(m).findOne({ where: { contractId }, lock: { mode: 'pessimistic_write' } })

/** A new receivable's figures until `refreshReceivable` computes them. */
const EMPTY_FIGURES = {
  received: '0.00',
  invoiced: '0.00',
  prepayAmount: '0.00',
  prepayDueDate: null,
  prepayStatus: 'none',
  retentionAmount: '0.00',
  retentionReleaseDate: null,
  retentionStatus: 'none',
  instalmentsPaid: 0,
  instalmentCount: 0,
  overdue: false,
  overdueAmount: '0.00',
  paymentCount: 0,
  invoiceCount: 0,
  progressedAt: null,
} as const

/**
 * A contract came into force: its receivable and plan. A redelivery or an older event finding the
 * receivable does nothing; a concurrent twin fails on the unique contract_id and its retry finds it.
 */
async function contractApproved(m: EntityManager, c: ContractApprovedPayload, today: string) {
  if (await receivableOf(m, c.id)) return
  const row = await receivables.create(m, SYSTEM, {
    ...snapshotOf(c),
    contractId: c.id,
    status: 'open',
    ...EMPTY_FIGURES,
  })
  const plan = planFor(termsOf(c), today).map((p) => ({ ...p, id: null }))
  await writePlan(m, row.id, [], plan)
  await refreshReceivable(m, row.id, today)
}

/**
 * An approved change: a newer revision replaces the snapshot and the total, and the plan is made
 * again from the new terms keeping what is written off (`replan`, decision 77). An older or the
 * same revision (a redelivery, events crossing) changes nothing.
 */
async function contractChanged(m: EntityManager, c: ContractChangedPayload, today: string) {
  const row = await receivableOf(m, c.id)
  if (!row || c.revision <= row.contractRevision) return
  const current = await instalmentsOf(m, [row.id])
  const before = planText(current)
  await writePlan(m, row.id, current, replan(current, planFor(termsOf(c), today)))
  const after = planText(await instalmentsOf(m, [row.id]))
  await receivables.update(m, SYSTEM, row.id, row.version, snapshotOf(c), {
    action: 'change',
    note: c.reason,
    extraDiff: before === after ? {} : { plan: { before, after } },
  })
  await refreshReceivable(m, row.id, today)
}

/** The audit action of a contract's end. */
const END_ACTION = { voided: 'void', terminated: 'terminate' } as const

/** Voided or terminated: the receivable is cancelled, its open instalments with it. */
async function contractVoided(m: EntityManager, c: ContractVoidedPayload, today: string) {
  const row = await receivableOf(m, c.id)
  if (!row || row.status === 'cancelled') return
  const current = await instalmentsOf(m, [row.id])
  await cancelPlan(m, row.id)
  const after = await instalmentsOf(m, [row.id])
  await receivables.update(
    m,
    SYSTEM,
    row.id,
    row.version,
    { status: 'cancelled' },
    {
      action: END_ACTION[c.kind],
      note: c.reason,
      extraDiff: { plan: { before: planText(current), after: planText(after) } },
    },
  )
  await refreshReceivable(m, row.id, today)
}

/** Finance's handlers of the contract events (the business day from `timeZone`). */
export function contractHandlers(timeZone: string) {
  return defineHandlers({
    'orders.contract.approved': (c, { m }) => contractApproved(m, c, businessToday(timeZone)),
    'orders.contract.changed': (c, { m }) => contractChanged(m, c, businessToday(timeZone)),
    'orders.contract.voided': (c, { m }) => contractVoided(m, c, businessToday(timeZone)),
  })
}
