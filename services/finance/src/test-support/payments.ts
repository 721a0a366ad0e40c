import { randomUUID } from 'node:crypto'
import type { ApprovalDecidedPayload } from '@mosaic/schemas'
import { deliverApprovalDecision } from '@mosaic/service-kit/testing'
import { financeApprovalHandlers } from '../approvals.js'
import type { FinanceHarness } from './harness.js'

/** POST /payments with an Idempotency-Key (a fresh one unless given). */
export const recordPayment = (
  h: FinanceHarness,
  token: string,
  body: Record<string, unknown>,
  key?: string,
) => h.call('POST', '/payments', { token, body, headers: { 'Idempotency-Key': key ?? randomUUID() } })

/** A payment body against `receivableId`: by transfer, paid 2026-03-01. */
export const paymentBody = (receivableId: string, amount: string, over: Record<string, unknown> = {}) => ({
  receivableId,
  amount,
  paidOn: '2026-03-01',
  method: 'transfer',
  payer: '华东制造有限公司',
  ...over,
})

/** Admin's decision on the latest finance submission for the payment, through finance's handler. */
export const decidePayment = (
  h: FinanceHarness,
  decider: { id: string },
  paymentId: string,
  outcome: ApprovalDecidedPayload['outcome'],
  over: Partial<ApprovalDecidedPayload> = {},
) =>
  deliverApprovalDecision(
    {
      service: h.service,
      name: 'finance',
      handlers: financeApprovalHandlers(h.config.BUSINESS_TIME_ZONE),
    },
    decider,
    'payment',
    paymentId,
    outcome,
    over,
  )
