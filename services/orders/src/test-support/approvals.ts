import type { ApprovalDecidedPayload } from '@mosaic/schemas'
import { deliverApprovalDecision } from '@mosaic/service-kit/testing'
import { approvalHandlers } from '../approvals.js'
import type { OrdersHarness } from './harness.js'

/** Admin's decision on the latest orders submission for `docId`, through orders' handler. */
export const decideApproval = (
  h: OrdersHarness,
  decider: { id: string },
  docType: ApprovalDecidedPayload['docType'],
  docId: string,
  outcome: ApprovalDecidedPayload['outcome'],
  over: Partial<ApprovalDecidedPayload> = {},
) =>
  deliverApprovalDecision(
    { service: h.service, name: 'orders', handlers: approvalHandlers },
    decider,
    docType,
    docId,
    outcome,
    over,
  )
