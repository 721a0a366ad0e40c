import { EntitySchema } from 'typeorm'
import type { admin } from '@mosaic/schemas'

/** A step of one instance: the flow version's step as it was at submission, with its resolved approvers. */
export interface InstanceStepRow {
  name: string
  approverKind: admin.ApproverKind
  approverId: string | null
  mode: admin.ApprovalMode
  amountAbove: string | null
  status: 'waiting' | 'pending' | 'approved' | 'rejected' | 'skipped'
  approvers: Array<{ userId: string; name: string }>
}

/** What happened to a submission (`HISTORY_ACTIONS`). */
export type HistoryAction = admin.ApprovalHistoryEntry['action']

export interface HistoryRow {
  at: string
  action: HistoryAction
  actorId: string | null
  actorName: string | null
  stepName: string | null
  comment: string | null
}

/** Not a RecordStore record: an instance changes only by the engine's transitions, never by an edit. */
export interface ApprovalInstanceRow {
  id: string
  requestId: string
  service: string
  docType: admin.ApprovalDocType
  docId: string
  docNumber: string
  docTitle: string
  amount: string | null
  link: string
  ownerId: string | null
  deptId: string | null
  flowId: string | null
  flowVersion: number
  status: admin.ApprovalStatus
  currentStep: number | null
  steps: InstanceStepRow[]
  history: HistoryRow[]
  submitterId: string
  submitterName: string
  submitterDeptId: string | null
  submittedAt: Date
  createdAt: Date
  decidedAt: Date | null
}

export const ApprovalInstanceEntity = new EntitySchema<ApprovalInstanceRow>({
  name: 'ApprovalInstance',
  tableName: 'approval_instance',
  columns: {
    id: { type: 'uuid', primary: true },
    requestId: { type: 'uuid', name: 'request_id' },
    service: { type: 'varchar', length: 20 },
    docType: { type: 'varchar', length: 40, name: 'doc_type' },
    docId: { type: 'uuid', name: 'doc_id' },
    docNumber: { type: 'varchar', length: 40, name: 'doc_number' },
    docTitle: { type: 'varchar', length: 300, name: 'doc_title' },
    amount: { type: 'varchar', length: 40, nullable: true },
    link: { type: 'varchar', length: 300 },
    ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
    deptId: { type: 'uuid', name: 'dept_id', nullable: true },
    flowId: { type: 'uuid', name: 'flow_id', nullable: true },
    flowVersion: { type: 'int', name: 'flow_version' },
    status: { type: 'varchar', length: 16 },
    currentStep: { type: 'int', name: 'current_step', nullable: true },
    steps: { type: 'jsonb' },
    history: { type: 'jsonb' },
    submitterId: { type: 'uuid', name: 'submitter_id' },
    submitterName: { type: 'varchar', length: 64, name: 'submitter_name' },
    submitterDeptId: { type: 'uuid', name: 'submitter_dept_id', nullable: true },
    submittedAt: { type: 'timestamptz', name: 'submitted_at' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    decidedAt: { type: 'timestamptz', name: 'decided_at', nullable: true },
  },
})

export interface ApprovalTaskRow {
  id: string
  instanceId: string
  stepIndex: number
  assigneeId: string
  assigneeName: string
  status: admin.TaskStatus
  comment: string | null
  createdAt: Date
  decidedAt: Date | null
}

export const ApprovalTaskEntity = new EntitySchema<ApprovalTaskRow>({
  name: 'ApprovalTask',
  tableName: 'approval_task',
  columns: {
    id: { type: 'uuid', primary: true },
    instanceId: { type: 'uuid', name: 'instance_id' },
    stepIndex: { type: 'int', name: 'step_index' },
    assigneeId: { type: 'uuid', name: 'assignee_id' },
    assigneeName: { type: 'varchar', length: 64, name: 'assignee_name' },
    status: { type: 'varchar', length: 16 },
    comment: { type: 'varchar', length: 500, nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    decidedAt: { type: 'timestamptz', name: 'decided_at', nullable: true },
  },
})
