import { randomUUID } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { admin, ApprovalDecidedPayload, EventTopic } from '@mosaic/schemas'
import { problem } from '../errors.js'
import { defineHandlers, type EventHandlers } from '../events/inbox.js'
import { publishEvent } from '../events/outbox.js'
import type { RecordBase } from '../records/columns.js'
import type { RecordStore } from '../records/record-store.js'

/**
 * The owning side of the approval engine (decision §61). A service submits a document by
 * publishing `<service>.approval.requested` in the transaction that moves the document to its
 * pending status; admin runs the flow and answers with `admin.approval.decided`, which the
 * service applies here. The document keeps the submission's request id while it waits: a
 * decision for another (older) submission, or one delivered twice, changes nothing.
 */
type RequestTopic = Extract<EventTopic, `${string}.approval.requested`>
export type ApprovalService = RequestTopic extends `${infer S}.approval.requested` ? S : never

/** What the approval center shows of the document, and whose scope may read its history. */
export interface ApprovalSubmission {
  docType: admin.ApprovalDocType
  docId: string
  docNumber: string
  docTitle: string
  /** Decimal text; the flow's amount conditions read it. */
  amount: string | null
  /** The document's page in the shell. */
  link: string
  ownerId: string | null
  deptId: string | null
  comment?: string | null
}

/** Publishes the submission (in the caller's transaction) and returns its request id. */
export async function requestApproval(
  m: EntityManager,
  service: ApprovalService,
  submitter: Principal,
  submission: ApprovalSubmission,
): Promise<string> {
  const requestId = randomUUID()
  await publishEvent(m, {
    topic: `${service}.approval.requested` as RequestTopic,
    payload: {
      requestId,
      service,
      ...submission,
      comment: submission.comment ?? null,
      submitterId: submitter.userId,
      submitterName: submitter.displayName ?? submitter.username,
      submitterDeptId: submitter.deptId,
    },
  })
  return requestId
}

export type ApprovalDecisionHandler = (m: EntityManager, decided: ApprovalDecidedPayload) => Promise<void>

/**
 * The service's one handler of `admin.approval.decided`: decisions for other services are
 * ignored, the rest go to the handler of their document type.
 */
export function approvalDecisionHandlers(
  service: ApprovalService,
  byDocType: Partial<Record<admin.ApprovalDocType, ApprovalDecisionHandler>>,
): EventHandlers {
  return defineHandlers({
    'admin.approval.decided': async (decided, { m }) => {
      if (decided.service !== service) return
      await byDocType[decided.docType]?.(m, decided)
    },
  })
}

/** A document that can wait for approval. */
export interface Approvable extends RecordBase {
  status: string
  approvalRequestId: string | null
}

/** The status a document moves to on each outcome, and what else changes with it. */
export interface DecisionMoves<T extends Approvable> {
  /** The status the document waits in. */
  pending: T['status']
  approved: T['status']
  rejected: T['status']
  withdrawn: T['status']
  /** Further changes on an outcome (e.g. the approved version becomes the effective one). */
  also?: (row: T, decided: ApprovalDecidedPayload) => Partial<T> | Promise<Partial<T>>
}

const AUDIT_OF_OUTCOME = { approved: 'approve', rejected: 'reject', withdrawn: 'withdraw' } as const

/**
 * Moves the document the decision is about, if it still waits on that very submission. Audited as
 * the decider, with the comment as the note. Returns the document after the move, or null when
 * the decision was stale (another submission, already applied, document gone).
 */
export async function applyApprovalDecision<T extends Approvable>(
  m: EntityManager,
  store: RecordStore<T>,
  decided: ApprovalDecidedPayload,
  moves: DecisionMoves<T>,
): Promise<T | null> {
  const row = await store.find(m, decided.docId, undefined, { lock: true })
  if (!row || row.status !== moves.pending || row.approvalRequestId !== decided.requestId) return null
  const patch = {
    status: moves[decided.outcome],
    approvalRequestId: null,
    ...(await moves.also?.(row, decided)),
  } as Partial<T>
  const actor = { id: decided.decidedById, name: decided.decidedByName }
  return store.update(m, { actor }, row.id, row.version, patch, {
    action: AUDIT_OF_OUTCOME[decided.outcome],
    note: decided.comment ?? undefined,
  })
}

/** A document waiting for approval is locked: every edit is refused until the decision. */
export function assertNotAwaitingApproval(row: Approvable, pendingStatus: string): void {
  if (row.status === pendingStatus) throw problem(409, 'record.awaiting_approval')
}
