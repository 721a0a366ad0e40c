import { z } from 'zod'
import { Id, IsoDateTime, PageQuery } from '../common.js'
import { Money, optionalText } from '../sales/common.js'

/**
 * The approval engine (SPEC §5, lives in admin). A service submits a document by publishing
 * `<service>.approval.requested`; admin picks the flow of the document's type, resolves each step's
 * approvers and opens tasks; the decision goes back as `admin.approval.decided`. A document keeps
 * the flow version it started with: editing a flow writes a new version.
 */
export const APPROVAL_DOC_TYPES = [
  'quote',
  'contract',
  'contract-change',
  'closure',
  'closure-override',
  'payment',
] as const
export const ApprovalDocType = z.enum(APPROVAL_DOC_TYPES)
export type ApprovalDocType = z.infer<typeof ApprovalDocType>

/** Who approves a step: users holding a role, one named user, or the submitter's department head. */
export const APPROVER_KINDS = ['role', 'user', 'dept-head'] as const
export const ApproverKind = z.enum(APPROVER_KINDS)
export type ApproverKind = z.infer<typeof ApproverKind>

/** `any`: the first approval completes the step; `all`: every approver must approve. */
export const APPROVAL_MODES = ['any', 'all'] as const
export const ApprovalMode = z.enum(APPROVAL_MODES)
export type ApprovalMode = z.infer<typeof ApprovalMode>

/** Maximum steps in one flow. */
export const APPROVAL_STEPS_MAX = 10

/** A step as the flow editor sends it. `amountAbove`: the step applies only to amounts above it. */
export const ApprovalStepInput = z.strictObject({
  name: z.string().trim().min(1).max(50),
  approverKind: ApproverKind,
  /** The role (kind `role`) or the user (kind `user`); absent for `dept-head`. */
  approverId: Id.nullable().optional(),
  mode: ApprovalMode.default('any'),
  amountAbove: Money.nullable().optional(),
})
export type ApprovalStepInput = z.input<typeof ApprovalStepInput>

/** A stored step, with the approver's name for the screen. */
export const ApprovalStep = z.object({
  name: z.string(),
  approverKind: ApproverKind,
  approverId: Id.nullable(),
  approverName: z.string().nullable(),
  mode: ApprovalMode,
  amountAbove: z.string().nullable(),
})
export type ApprovalStep = z.infer<typeof ApprovalStep>

/** The current version of a document type's flow. A disabled flow approves submissions at once. */
export const ApprovalFlow = z.object({
  id: Id,
  docType: ApprovalDocType,
  version: z.number().int().positive(),
  enabled: z.boolean(),
  steps: z.array(ApprovalStep),
  updatedAt: IsoDateTime,
  updatedByName: z.string().nullable(),
})
export type ApprovalFlow = z.infer<typeof ApprovalFlow>

/** `PUT /approval-flows/:docType`: writes a new version; `version` is the one the editor read. */
export const ApprovalFlowUpdate = z.strictObject({
  version: z.number().int().min(0),
  enabled: z.boolean(),
  steps: z.array(ApprovalStepInput).max(APPROVAL_STEPS_MAX),
})
export type ApprovalFlowUpdate = z.input<typeof ApprovalFlowUpdate>

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const
export const ApprovalStatus = z.enum(APPROVAL_STATUSES)
export type ApprovalStatus = z.infer<typeof ApprovalStatus>

export const TASK_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const
export const TaskStatus = z.enum(TASK_STATUSES)
export type TaskStatus = z.infer<typeof TaskStatus>

/** What the approval center shows of the document (a snapshot taken at submission). */
export const ApprovalDocument = z.object({
  service: z.string(),
  docType: ApprovalDocType,
  docId: Id,
  docNumber: z.string(),
  docTitle: z.string(),
  amount: z.string().nullable(),
  /** The document's page in the shell, e.g. `/sales/quotes?open=<id>`. */
  link: z.string(),
})
export type ApprovalDocument = z.infer<typeof ApprovalDocument>

/** `fallback`: a step resolved to nobody and went to the super administrators. */
export const HISTORY_ACTIONS = [
  'submitted',
  'approved',
  'rejected',
  'withdrawn',
  'auto-approved',
  'fallback',
] as const
export const ApprovalHistoryEntry = z.object({
  at: IsoDateTime,
  action: z.enum(HISTORY_ACTIONS),
  actorName: z.string().nullable(),
  stepName: z.string().nullable(),
  comment: z.string().nullable(),
})
export type ApprovalHistoryEntry = z.infer<typeof ApprovalHistoryEntry>

export const InstanceStepStatus = z.enum(['waiting', 'pending', 'approved', 'rejected', 'skipped'])
/** A step of one instance: the flow version's step with its approvers resolved when it opened. */
export const ApprovalInstanceStep = z.object({
  name: z.string(),
  mode: ApprovalMode,
  status: InstanceStepStatus,
  approvers: z.array(z.object({ userId: Id, name: z.string(), status: TaskStatus.nullable() })),
})

/** One submission of one document. */
export const ApprovalInstance = z.object({
  id: Id,
  ...ApprovalDocument.shape,
  status: ApprovalStatus,
  flowVersion: z.number().int(),
  currentStep: z.number().int().nullable(),
  steps: z.array(ApprovalInstanceStep),
  submitterId: Id,
  submitterName: z.string(),
  submittedAt: IsoDateTime,
  decidedAt: IsoDateTime.nullable(),
  history: z.array(ApprovalHistoryEntry),
})
export type ApprovalInstance = z.infer<typeof ApprovalInstance>

/** A task in the approval center (the caller's own). */
export const ApprovalTask = z.object({
  id: Id,
  instanceId: Id,
  ...ApprovalDocument.shape,
  stepName: z.string(),
  status: TaskStatus,
  comment: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  submitterName: z.string(),
  submittedAt: IsoDateTime,
  instanceStatus: ApprovalStatus,
})
export type ApprovalTask = z.infer<typeof ApprovalTask>

/** 待办 (waiting for me) / 已办 (decided by me). */
export const TASK_BOXES = ['todo', 'done'] as const
export const TaskListQuery = PageQuery.extend({
  box: z.enum(TASK_BOXES).default('todo'),
  docType: ApprovalDocType.optional(),
  q: optionalText(100),
})
export type TaskListQuery = z.infer<typeof TaskListQuery>

/** 我发起的 (submitted by me). */
export const InstanceListQuery = PageQuery.extend({
  status: ApprovalStatus.optional(),
  docType: ApprovalDocType.optional(),
  q: optionalText(100),
})
export type InstanceListQuery = z.infer<typeof InstanceListQuery>

/** The header's badge. */
export const ApprovalCounts = z.object({ todo: z.number().int().min(0) })

/** The approval history of one document (every submission, newest first). */
export const DocumentHistoryQuery = z.strictObject({ docType: ApprovalDocType, docId: Id })

export const ApproveBody = z.strictObject({ comment: optionalText(500) })
/** A rejection says why. */
export const RejectBody = z.strictObject({ comment: z.string().trim().min(1).max(500) })
export const WithdrawBody = z.strictObject({ comment: optionalText(500) })

/** Document types as people say them (notification texts of the approval engine). */
export const APPROVAL_DOC_TYPE_LABELS: Record<ApprovalDocType, { zh: string; en: string }> = {
  quote: { zh: '报价单', en: 'quote' },
  contract: { zh: '合同', en: 'contract' },
  'contract-change': { zh: '合同变更', en: 'contract change' },
  closure: { zh: '关闭申请', en: 'closure request' },
  'closure-override': { zh: '强制关闭申请', en: 'closure override' },
  payment: { zh: '回款', en: 'payment' },
}
