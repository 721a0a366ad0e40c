import { randomUUID } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import { admin, type FieldError } from '@mosaic/schemas'
import {
  diffRecords,
  fieldError,
  namesOf,
  problem,
  validationFailed,
  writeAudit,
  type RecordContext,
} from '@mosaic/service-kit'

/** A flow step as stored (the approver's name is looked up when presented: renames show at once). */
export interface StoredStep {
  name: string
  approverKind: admin.ApproverKind
  approverId: string | null
  mode: admin.ApprovalMode
  amountAbove: string | null
}

export interface FlowRow {
  id: string
  doc_type: admin.ApprovalDocType
  version: number
  enabled: boolean
  steps: StoredStep[]
  created_at: Date
  created_by_name: string | null
}

const FLOW_COLUMNS = 'id, doc_type, version, enabled, steps, created_at, created_by_name'

/** The current flow of a document type: its newest version (null when never saved). */
export async function currentFlow(m: EntityManager, docType: admin.ApprovalDocType): Promise<FlowRow | null> {
  const [row] = await m.query(
    `SELECT ${FLOW_COLUMNS} FROM approval_flow WHERE doc_type = $1 ORDER BY version DESC LIMIT 1`,
    [docType],
  )
  return (row as FlowRow | undefined) ?? null
}

async function presentFlows(m: EntityManager, rows: FlowRow[]): Promise<admin.ApprovalFlow[]> {
  const names = await namesOf(
    m,
    rows.flatMap((r) => r.steps.flatMap((s) => (s.approverId ? [s.approverId] : []))),
  )
  return rows.map((r) => ({
    id: r.id,
    docType: r.doc_type,
    version: r.version,
    enabled: r.enabled,
    steps: r.steps.map((s) => ({
      ...s,
      approverName: s.approverId ? (names.get(s.approverId) ?? null) : null,
    })),
    updatedAt: r.created_at.toISOString(),
    updatedByName: r.created_by_name,
  }))
}

const order = (docType: string) => admin.APPROVAL_DOC_TYPES.indexOf(docType as admin.ApprovalDocType)

/** The current flow of every document type that has one (data initialisation writes the defaults). */
export async function listFlows(m: EntityManager): Promise<admin.ApprovalFlow[]> {
  const rows: FlowRow[] = await m.query(
    `SELECT DISTINCT ON (doc_type) ${FLOW_COLUMNS} FROM approval_flow ORDER BY doc_type, version DESC`,
  )
  rows.sort((a, b) => order(a.doc_type) - order(b.doc_type))
  return presentFlows(m, rows)
}

/** Every saved version of a document type's flow, newest first. */
export async function flowVersions(
  m: EntityManager,
  docType: admin.ApprovalDocType,
): Promise<admin.ApprovalFlow[]> {
  const rows: FlowRow[] = await m.query(
    `SELECT ${FLOW_COLUMNS} FROM approval_flow WHERE doc_type = $1 ORDER BY version DESC`,
    [docType],
  )
  return presentFlows(m, rows)
}

/** The approver of each step must exist: a live role, or a live enabled user; a department head names none. */
async function checkApprovers(m: EntityManager, steps: StoredStep[]) {
  const errors: FieldError[] = []
  for (const [i, step] of steps.entries()) {
    const field = `steps.${i}.approverId`
    if (step.approverKind === 'dept-head') continue
    if (!step.approverId) {
      errors.push(fieldError(field, 'admin.approval.approver_required'))
      continue
    }
    const [found] =
      step.approverKind === 'role'
        ? await m.query('SELECT 1 FROM role WHERE id = $1 AND deleted_at IS NULL', [step.approverId])
        : await m.query('SELECT 1 FROM app_user WHERE id = $1 AND enabled AND deleted_at IS NULL', [
            step.approverId,
          ])
    if (!found)
      errors.push(
        fieldError(
          field,
          step.approverKind === 'role' ? 'admin.approval.unknown_role' : 'admin.approval.unknown_user',
        ),
      )
  }
  if (errors.length) throw validationFailed(errors)
}

export function storedSteps(steps: admin.ApprovalFlowUpdate['steps']): StoredStep[] {
  return steps.map((s) => ({
    name: s.name.trim(),
    approverKind: s.approverKind,
    // A department head is found when the step opens; an id sent along (a kind switched in the editor) means nothing.
    approverId: s.approverKind === 'dept-head' ? null : (s.approverId ?? null),
    mode: s.mode ?? 'any',
    amountAbove: s.amountAbove ?? null,
  }))
}

async function insertFlow(
  m: EntityManager,
  ctx: RecordContext,
  docType: admin.ApprovalDocType,
  version: number,
  enabled: boolean,
  steps: StoredStep[],
): Promise<FlowRow | null> {
  // Two editors saving the same version at once: the unique (doc_type, version) lets one in.
  const [row] = await m.query(
    `INSERT INTO approval_flow (id, doc_type, version, enabled, steps, created_by, created_by_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (doc_type, version) DO NOTHING
     RETURNING ${FLOW_COLUMNS}`,
    [randomUUID(), docType, version, enabled, JSON.stringify(steps), ctx.actor.id, ctx.actor.name],
  )
  return (row as FlowRow | undefined) ?? null
}

/**
 * Saves a new version of a document type's flow. `version` is the one the editor read (0: none
 * yet); another version saved since is a 409. Instances in flight keep the steps they started with.
 */
export async function saveFlow(
  m: EntityManager,
  ctx: RecordContext,
  docType: admin.ApprovalDocType,
  input: admin.ApprovalFlowUpdate,
): Promise<admin.ApprovalFlow> {
  const steps = storedSteps(input.steps)
  await checkApprovers(m, steps)
  const current = await currentFlow(m, docType)
  const currentVersion = current?.version ?? 0
  if (input.version !== currentVersion)
    throw problem(409, 'admin.approval.flow_stale', { current: currentVersion })
  const row = await insertFlow(m, ctx, docType, currentVersion + 1, input.enabled, steps)
  if (!row) throw problem(409, 'admin.approval.flow_stale', { current: currentVersion + 1 })
  await writeAudit(m, ctx, {
    action: current ? 'update' : 'create',
    entityType: 'approval_flow',
    entityId: docType,
    entityTitle: `${docType} v${row.version}`,
    diff: diffRecords(current ? { enabled: current.enabled, steps: current.steps } : null, {
      enabled: row.enabled,
      steps: row.steps,
    }),
  })
  const [presented] = await presentFlows(m, [row])
  return presented!
}

/** The flows a new installation starts with (SPEC §5); role steps name built-in roles by code. */
type DefaultStep = Omit<StoredStep, 'approverId'> & { roleCode?: string }
const deptHead = (name: string): DefaultStep => ({
  name,
  approverKind: 'dept-head',
  mode: 'any',
  amountAbove: null,
})
const byRole = (name: string, roleCode: string, amountAbove: string | null = null): DefaultStep => ({
  name,
  approverKind: 'role',
  roleCode,
  mode: 'any',
  amountAbove,
})

export const DEFAULT_APPROVAL_FLOWS: Record<admin.ApprovalDocType, DefaultStep[]> = {
  quote: [byRole('销售经理审批', 'sales_manager')],
  contract: [deptHead('部门负责人审批'), byRole('总经理审批', 'super_admin', '1000000')],
  'contract-change': [deptHead('部门负责人审批')],
  closure: [deptHead('部门负责人审批')],
  'closure-override': [byRole('管理员审批', 'super_admin')],
  // Approval of a payment is optional (decision 80): up to 500,000.00 it is confirmed at once.
  payment: [byRole('大额回款审批', 'super_admin', '500000')],
}

/**
 * Writes the default flow of every document type that has none; a saved flow (any version) is
 * never touched, so running it again changes nothing.
 */
export async function ensureDefaultFlows(m: EntityManager, ctx: RecordContext) {
  const counts = { created: 0, existing: 0 }
  for (const docType of admin.APPROVAL_DOC_TYPES) {
    if (await currentFlow(m, docType)) {
      counts.existing++
      continue
    }
    const steps: StoredStep[] = []
    for (const { roleCode, ...step } of DEFAULT_APPROVAL_FLOWS[docType]) {
      if (!roleCode) {
        steps.push({ ...step, approverId: null })
        continue
      }
      const [role] = await m.query('SELECT id FROM role WHERE code = $1 AND deleted_at IS NULL', [roleCode])
      // A built-in role an administrator removed: the step would resolve to nobody; leave it out.
      if (role) steps.push({ ...step, approverId: role.id })
    }
    if (await insertFlow(m, ctx, docType, 1, true, steps)) counts.created++
    else counts.existing++
  }
  return counts
}
