import { z } from 'zod'
import { Id, IsoDateTime } from '../common.js'
import { APPROVAL_STATUSES, ApprovalDocType } from '../admin/approvals.js'

/**
 * `<service>.approval.requested`: a document was submitted for approval. `requestId` names this
 * submission; the document keeps it while it waits, so a late or repeated decision for an older
 * submission is ignored. Admin creates at most one instance per `requestId`.
 */
export const ApprovalRequestedPayload = z.object({
  requestId: Id,
  service: z.string().min(1).max(20),
  docType: ApprovalDocType,
  docId: Id,
  docNumber: z.string().max(40),
  docTitle: z.string().max(300),
  /** Decimal text; the flow's amount conditions read it. */
  amount: z.string().nullable(),
  link: z.string().max(300),
  submitterId: Id,
  submitterName: z.string(),
  submitterDeptId: Id.nullable(),
  /** The document's owner and department: whose data scope may read its approval history. */
  ownerId: Id.nullable(),
  deptId: Id.nullable(),
  comment: z.string().nullable().default(null),
})
export type ApprovalRequestedPayload = z.infer<typeof ApprovalRequestedPayload>

/** `admin.approval.decided`: the final outcome of a submission (the owning service moves the document). */
export const ApprovalDecidedPayload = z.object({
  requestId: Id,
  instanceId: Id,
  service: z.string(),
  docType: ApprovalDocType,
  docId: Id,
  outcome: z.enum(APPROVAL_STATUSES.filter((s) => s !== 'pending') as ['approved', 'rejected', 'withdrawn']),
  comment: z.string().nullable(),
  decidedById: Id.nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: IsoDateTime,
})
export type ApprovalDecidedPayload = z.infer<typeof ApprovalDecidedPayload>
