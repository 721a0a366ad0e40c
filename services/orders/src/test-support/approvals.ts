import { randomUUID } from 'node:crypto'
import type { ApprovalDecidedPayload } from '@mosaic/schemas'
import { approvalHandlers } from '../approvals.js'
import type { OrdersHarness } from './harness.js'

/**
 * What admin answers once an approval flow ends, delivered through the service's handler: the
 * decision on the latest `orders.approval.requested` for `docId` (`over` replaces payload fields,
 * e.g. a stale `requestId` or a comment).
 */
export async function decideApproval(
  h: OrdersHarness,
  decider: { id: string },
  docType: ApprovalDecidedPayload['docType'],
  docId: string,
  outcome: ApprovalDecidedPayload['outcome'],
  over: Partial<ApprovalDecidedPayload> = {},
) {
  const [requested] = (await h.service.db.dataSource.query(
    `SELECT payload FROM outbox_event WHERE topic = 'orders.approval.requested'
       AND payload->>'docId' = $1 ORDER BY seq DESC LIMIT 1`,
    [docId],
  )) as Array<{ payload: { requestId: string } }>
  const requestId = over.requestId ?? requested?.payload.requestId
  if (!requestId) throw new Error(`no approval was requested for ${docId}`)
  const payload: ApprovalDecidedPayload = {
    requestId,
    instanceId: randomUUID(),
    service: 'orders',
    docType,
    docId,
    outcome,
    comment: null,
    decidedById: decider.id,
    decidedByName: '审批人',
    decidedAt: new Date().toISOString(),
    ...over,
  }
  await h.service.db.transaction((m) =>
    approvalHandlers['admin.approval.decided']!(m, {
      id: randomUUID(),
      topic: 'admin.approval.decided',
      source: 'admin',
      occurredAt: payload.decidedAt,
      actorId: decider.id,
      payload,
      notify: [],
    }),
  )
}
