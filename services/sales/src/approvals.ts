import { approvalDecisionHandlers } from '@mosaic/service-kit'
import { closureDecision } from './modules/opportunities/opportunities.closure.js'

/** The sales service's one handler of `admin.approval.decided`, by document type. */
export const approvalHandlers = approvalDecisionHandlers('sales', {
  closure: closureDecision,
})
