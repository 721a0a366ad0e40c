import { approvalDecisionHandlers } from '@mosaic/service-kit'
import { contractDecisionHandlers } from './modules/contracts/contracts.service.js'
import { quoteDecision } from './modules/quotes/quotes.lifecycle.js'
import { orderClosureDecision } from './modules/sales-orders/sales-orders.service.js'

/**
 * The orders service's one handler of `admin.approval.decided`, by document type: each document
 * module supplies its decision (quotes, contracts and their changes, an order's closure).
 */
export const approvalHandlers = approvalDecisionHandlers('orders', {
  quote: quoteDecision,
  ...contractDecisionHandlers,
  closure: orderClosureDecision,
})
