import { approvalDecisionHandlers, type ApprovalDecisionHandler } from '@mosaic/service-kit'
import { contractClosureDecision } from './modules/contracts/contracts.closing.js'
import { contractDecisionHandlers } from './modules/contracts/contracts.service.js'
import { contracts } from './modules/contracts/contracts.store.js'
import { quoteDecision } from './modules/quotes/quotes.lifecycle.js'
import { orderClosureDecision } from './modules/sales-orders/sales-orders.service.js'

/**
 * A close of an order or of a contract (`closure`, `closure-override`): the document is whichever
 * table holds the submission's docId (ids are uuids, decision 86); orders' closes are the older
 * and the default.
 */
const closureOf: ApprovalDecisionHandler = async (m, decided) =>
  (await contracts.find(m, decided.docId))
    ? contractClosureDecision(m, decided)
    : orderClosureDecision(m, decided)

/**
 * The orders service's one handler of `admin.approval.decided`, by document type: each document
 * module supplies its decision (quotes, contracts and their changes, an order's or a contract's
 * close, regular or forced).
 */
export const approvalHandlers = approvalDecisionHandlers('orders', {
  quote: quoteDecision,
  ...contractDecisionHandlers,
  closure: closureOf,
  'closure-override': closureOf,
})
