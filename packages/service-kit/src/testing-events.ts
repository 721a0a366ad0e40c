import { randomUUID } from 'node:crypto'
import type { ApprovalDecidedPayload, EventPayloadInput, EventTopic } from '@mosaic/schemas'
import { signServiceToken } from './events/service-token.js'
import type { EventHandlers } from './events/inbox.js'
import type { Service } from './service.js'
import type { ApprovalService } from './approvals/approvals.js'

/**
 * What admin answers once an approval flow ends, delivered through the owning service's handler
 * (its `approvalDecisionHandlers` map): the decision on the latest `<service>.approval.requested`
 * for `docId`; `over` replaces payload fields (e.g. a stale `requestId` or a comment).
 */
export async function deliverApprovalDecision(
  target: { service: Service; name: ApprovalService; handlers: EventHandlers },
  decider: { id: string },
  docType: ApprovalDecidedPayload['docType'],
  docId: string,
  outcome: ApprovalDecidedPayload['outcome'],
  over: Partial<ApprovalDecidedPayload> = {},
) {
  const [requested] = (await target.service.db.dataSource.query(
    `SELECT payload FROM outbox_event WHERE topic = $1
       AND payload->>'docId' = $2 ORDER BY seq DESC LIMIT 1`,
    [`${target.name}.approval.requested`, docId],
  )) as Array<{ payload: { requestId: string } }>
  const requestId = over.requestId ?? requested?.payload.requestId
  if (!requestId) throw new Error(`no approval was requested for ${docId}`)
  const payload: ApprovalDecidedPayload = {
    requestId,
    instanceId: randomUUID(),
    service: target.name,
    docType,
    docId,
    outcome,
    comment: null,
    decidedById: decider.id,
    decidedByName: '审批人',
    decidedAt: new Date().toISOString(),
    ...over,
  }
  await target.service.db.transaction((m) =>
    target.handlers['admin.approval.decided']!(m, {
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

/**
 * Delivers an event to a running service's inbox (`POST <base>/internal/events`) as its source
 * service's dispatcher does: signed with that service's token. `id` defaults to a new one; send
 * the same id twice to test a redelivery. Answers the inbox's status and body.
 */
export async function postEvent<T extends EventTopic>(
  base: string,
  secret: string,
  topic: T,
  payload: EventPayloadInput<T>,
  opts: { id?: string; actorId?: string | null } = {},
): Promise<{ status: number; body: unknown }> {
  const source = topic.split('.')[0]!
  const res = await fetch(`${base}/internal/events`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await signServiceToken(secret, source)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      id: opts.id ?? randomUUID(),
      topic,
      source,
      occurredAt: new Date().toISOString(),
      actorId: opts.actorId ?? null,
      payload,
    }),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}
