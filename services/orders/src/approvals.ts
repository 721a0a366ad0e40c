import { approvalDecisionHandlers } from '@mosaic/service-kit'
import { contractDecisionHandlers } from './modules/contracts/contracts.service.js'
import { quoteDecision } from './modules/quotes/quotes.lifecycle.js'

/**
 * The orders service's one handler of `admin.approval.decided`, by document type: each document
 * module supplies its decision (quotes here; contracts and contract changes beside it).
 */
export const approvalHandlers = approvalDecisionHandlers('orders', {
  quote: quoteDecision,
  ...contractDecisionHandlers,
})
