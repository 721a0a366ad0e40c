import { approvalDecisionHandlers } from '@mosaic/service-kit'
import { paymentDecision } from './modules/payments/payments.service.js'

/**
 * The finance service's one handler of `admin.approval.decided`, by document type. `timeZone`
 * is the business day's, which decides what a refreshed receivable counts as overdue.
 */
export const financeApprovalHandlers = (timeZone: string) =>
  approvalDecisionHandlers('finance', { payment: paymentDecision(timeZone) })
