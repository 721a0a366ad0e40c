import { randomUUID } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import { admin, type ApprovalRequestedPayload } from '@mosaic/schemas'
import { compareDecimal, isDecimalText } from '@mosaic/money'
import { problem, publishEvent, type RecordContext } from '@mosaic/service-kit'
import { notify } from '../notifications/notifications.service.js'
import { currentFlow } from './flows.service.js'
import {
  ApprovalInstanceEntity,
  ApprovalTaskEntity,
  type ApprovalInstanceRow,
  type ApprovalTaskRow,
  type HistoryAction,
  type InstanceStepRow,
} from './approval.entities.js'

type Approver = { userId: string; name: string }
type Actor = { id: string | null; name: string | null }

const now = () => new Date()

function entry(action: HistoryAction, actor: Actor, step: string | null, comment: string | null) {
  return {
    at: now().toISOString(),
    action,
    actorId: actor.id,
    actorName: actor.name,
    stepName: step,
    comment,
  }
}

/** A step with `amountAbove` applies only to an amount above it; an unknown amount is above nothing. */
export function stepApplies(amountAbove: string | null, amount: string | null): boolean {
  if (amountAbove === null) return true
  if (amount === null || !isDecimalText(amount, 10)) return false
  return compareDecimal(amount, amountAbove) > 0
}

const enabledUsers = (where: string) =>
  `SELECT id AS "userId", display_name AS name FROM app_user
    WHERE ${where} AND enabled AND deleted_at IS NULL ORDER BY display_name, id`

async function usersOfRole(m: EntityManager, roleId: string): Promise<Approver[]> {
  return m.query(
    enabledUsers(
      '$1 = ANY(role_ids) AND EXISTS (SELECT 1 FROM role r WHERE r.id = $1 AND r.deleted_at IS NULL)',
    ),
    [roleId],
  )
}

/**
 * The head of the submitter's department: its leader, or, when it has none (or the leader is the
 * submitter, or cannot sign in), the nearest department above with one.
 */
async function deptHead(m: EntityManager, deptId: string | null, submitterId: string): Promise<Approver[]> {
  const seen = new Set<string>()
  for (let id = deptId; id && !seen.has(id);) {
    seen.add(id)
    const [dept]: Array<{ parent_id: string | null; leader_user_id: string | null }> = await m.query(
      'SELECT parent_id, leader_user_id FROM dept WHERE id = $1',
      [id],
    )
    if (!dept) break
    if (dept.leader_user_id && dept.leader_user_id !== submitterId) {
      const leader: Approver[] = await m.query(enabledUsers('id = $1'), [dept.leader_user_id])
      if (leader.length) return leader
    }
    id = dept.parent_id
  }
  return []
}

async function resolveApprovers(m: EntityManager, inst: ApprovalInstanceRow, step: InstanceStepRow) {
  switch (step.approverKind) {
    case 'role':
      return step.approverId ? usersOfRole(m, step.approverId) : []
    case 'user':
      return step.approverId ? m.query(enabledUsers('id = $1'), [step.approverId]) : []
    case 'dept-head':
      return deptHead(m, inst.submitterDeptId, inst.submitterId)
  }
}

async function superAdmins(m: EntityManager): Promise<Approver[]> {
  const [role] = await m.query("SELECT id FROM role WHERE code = 'super_admin' AND deleted_at IS NULL")
  return role ? usersOfRole(m, role.id) : []
}

const label = (inst: ApprovalInstanceRow) => admin.APPROVAL_DOC_TYPE_LABELS[inst.docType]

async function notifyAssignees(
  m: EntityManager,
  inst: ApprovalInstanceRow,
  step: InstanceStepRow,
  to: Approver[],
) {
  const doc = label(inst)
  await notify(
    m,
    to.map((a) => ({
      userId: a.userId,
      kind: 'approval_task',
      title: {
        zh: `待审批${doc.zh}：${inst.docNumber}`,
        en: `A ${doc.en} to approve: ${inst.docNumber}`,
      },
      body: {
        zh: `${inst.submitterName} 提交的“${inst.docTitle}”等待您审批（${step.name}）`,
        en: `"${inst.docTitle}" submitted by ${inst.submitterName} waits for your approval (${step.name})`,
      },
      link: '/approvals',
      entityType: 'approval',
      entityId: inst.id,
    })),
    { source: 'admin' },
  )
}

const OUTCOME_TEXT = {
  approved: { zh: '已通过', en: 'approved' },
  rejected: { zh: '已驳回', en: 'rejected' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
} as const

async function notifySubmitter(
  m: EntityManager,
  inst: ApprovalInstanceRow,
  outcome: 'approved' | 'rejected',
  comment: string | null,
) {
  const doc = label(inst)
  const text = OUTCOME_TEXT[outcome]
  await notify(
    m,
    [
      {
        userId: inst.submitterId,
        kind: `approval_${outcome}`,
        title: {
          zh: `${doc.zh}审批${text.zh}：${inst.docNumber}`,
          en: `Your ${doc.en} ${inst.docNumber} was ${text.en}`,
        },
        body: comment ? { zh: `意见：${comment}`, en: `Comment: ${comment}` } : null,
        link: inst.link,
        entityType: inst.docType,
        entityId: inst.docId,
      },
    ],
    { source: 'admin' },
  )
}

async function save(m: EntityManager, inst: ApprovalInstanceRow) {
  await m.getRepository(ApprovalInstanceEntity).update(
    { id: inst.id },
    {
      status: inst.status,
      currentStep: inst.currentStep,
      steps: inst.steps,
      history: inst.history,
      decidedAt: inst.decidedAt,
    },
  )
}

/**
 * The final outcome: the instance is closed, its open tasks cancelled, the owning service told
 * (`admin.approval.decided`, in this transaction) and the submitter notified of a decision.
 */
async function finish(
  m: EntityManager,
  inst: ApprovalInstanceRow,
  outcome: 'approved' | 'rejected' | 'withdrawn',
  by: Actor,
  comment: string | null,
) {
  inst.status = outcome
  inst.decidedAt = now()
  await save(m, inst)
  await m.query(
    `UPDATE approval_task SET status = 'cancelled', decided_at = now() WHERE instance_id = $1 AND status = 'pending'`,
    [inst.id],
  )
  await publishEvent(m, {
    topic: 'admin.approval.decided',
    actorId: by.id,
    payload: {
      requestId: inst.requestId,
      instanceId: inst.id,
      service: inst.service,
      docType: inst.docType,
      docId: inst.docId,
      outcome,
      comment,
      decidedById: by.id,
      decidedByName: by.name,
      decidedAt: inst.decidedAt.toISOString(),
    },
  })
  if (outcome !== 'withdrawn') await notifySubmitter(m, inst, outcome, comment)
}

const SYSTEM: Actor = { id: null, name: null }

/**
 * Opens the first applicable step at or after `from`: its approvers are resolved now (a change of
 * roles or leaders reaches the steps not yet open). No step left: the instance is approved.
 */
async function advance(
  m: EntityManager,
  inst: ApprovalInstanceRow,
  from: number,
  last: Actor,
  comment: string | null,
) {
  const index = inst.steps.findIndex((s, i) => i >= from && s.status === 'waiting')
  if (index < 0) {
    inst.currentStep = null
    return finish(m, inst, 'approved', last, comment)
  }
  const step = inst.steps[index]!
  let approvers: Approver[] = await resolveApprovers(m, inst, step)
  if (!approvers.length) {
    approvers = await superAdmins(m)
    inst.history.push(entry('fallback', SYSTEM, step.name, null))
  }
  inst.currentStep = index
  if (!approvers.length) {
    // Not even an administrator can sign in: nobody could ever decide, so the step does not hold the document.
    step.status = 'skipped'
    inst.history.push(entry('auto-approved', SYSTEM, step.name, null))
    return advance(m, inst, index + 1, last, comment)
  }
  step.status = 'pending'
  step.approvers = approvers
  await m.getRepository(ApprovalTaskEntity).insert(
    approvers.map((a) => ({
      id: randomUUID(),
      instanceId: inst.id,
      stepIndex: index,
      assigneeId: a.userId,
      assigneeName: a.name.slice(0, 64),
      status: 'pending' as const,
      comment: null,
      createdAt: now(),
      decidedAt: null,
    })),
  )
  await save(m, inst)
  await notifyAssignees(m, inst, step, approvers)
}

/**
 * `<service>.approval.requested`: one instance per `requestId` (a redelivery or a replay adds
 * nothing). The document keeps the current flow version's steps; steps whose amount condition
 * does not hold are skipped; nothing to approve (no flow, a disabled one, no applicable step)
 * approves at once.
 */
export async function receiveApprovalRequest(m: EntityManager, p: ApprovalRequestedPayload): Promise<void> {
  const flow = await currentFlow(m, p.docType)
  const steps: InstanceStepRow[] = (flow?.enabled ? flow.steps : []).map((s) => ({
    ...s,
    status: stepApplies(s.amountAbove, p.amount) ? 'waiting' : 'skipped',
    approvers: [],
  }))
  const submitter = { id: p.submitterId, name: p.submitterName.slice(0, 64) }
  const id = randomUUID()
  const inserted: unknown[] = await m.query(
    `INSERT INTO approval_instance
       (id, request_id, service, doc_type, doc_id, doc_number, doc_title, amount, link, owner_id, dept_id,
        flow_id, flow_version, status, steps, history, submitter_id, submitter_name, submitter_dept_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'pending', $14, $15, $16, $17, $18)
     ON CONFLICT (request_id) DO NOTHING RETURNING id`,
    [
      id,
      p.requestId,
      p.service,
      p.docType,
      p.docId,
      p.docNumber,
      p.docTitle,
      p.amount,
      p.link,
      p.ownerId,
      p.deptId,
      flow?.id ?? null,
      flow?.version ?? 0,
      JSON.stringify(steps),
      JSON.stringify([entry('submitted', submitter, null, p.comment)]),
      submitter.id,
      submitter.name,
      p.submitterDeptId,
    ],
  )
  if (!inserted.length) return
  const inst = await m.getRepository(ApprovalInstanceEntity).findOneByOrFail({ id })
  if (!inst.steps.some((s) => s.status === 'waiting')) {
    inst.history.push(entry('auto-approved', SYSTEM, null, null))
    return finish(m, inst, 'approved', SYSTEM, null)
  }
  await advance(m, inst, 0, SYSTEM, null)
}

/** The instance row, locked for this transaction: concurrent decisions on it take turns. */
async function lockInstance(m: EntityManager, id: string): Promise<ApprovalInstanceRow | null> {
  return m
    .getRepository(ApprovalInstanceEntity)
    .createQueryBuilder('i')
    .where('i.id = :id', { id })
    .setLock('pessimistic_write')
    .getOne()
}

function refuseUnlessPending(inst: ApprovalInstanceRow) {
  if (inst.status !== 'pending') throw problem(409, 'admin.approval.not_pending', { status: inst.status })
}

/**
 * Approve or reject one of the caller's tasks. Someone else's task is a 404 like a missing one;
 * a task or instance already decided is a 409.
 */
export async function decideTask(
  m: EntityManager,
  ctx: RecordContext,
  taskId: string,
  decision: 'approved' | 'rejected',
  comment: string | null,
): Promise<ApprovalTaskRow> {
  const tasks = m.getRepository(ApprovalTaskEntity)
  const mine = await tasks.findOneBy({ id: taskId })
  if (!mine || mine.assigneeId !== ctx.actor.id) throw problem(404, 'admin.approval.task_not_found')
  const inst = await lockInstance(m, mine.instanceId)
  if (!inst) throw problem(404, 'admin.approval.task_not_found')
  // Read again under the lock: a decision committed meanwhile counts.
  const task = await tasks.findOneByOrFail({ id: taskId })
  refuseUnlessPending(inst)
  if (task.status !== 'pending') throw problem(409, 'admin.approval.task_not_pending')

  const actor: Actor = { id: ctx.actor.id, name: task.assigneeName }
  const step = inst.steps[task.stepIndex]!
  await tasks.update({ id: task.id }, { status: decision, comment, decidedAt: now() })
  inst.history.push(entry(decision, actor, step.name, comment))
  if (decision === 'rejected') {
    step.status = 'rejected'
    await finish(m, inst, 'rejected', actor, comment)
  } else {
    const [{ open }] = await m.query(
      `SELECT count(*)::int AS open FROM approval_task WHERE instance_id = $1 AND step_index = $2 AND status = 'pending'`,
      [inst.id, task.stepIndex],
    )
    if (step.mode === 'any' || open === 0) {
      step.status = 'approved'
      await m.query(
        `UPDATE approval_task SET status = 'cancelled', decided_at = now()
          WHERE instance_id = $1 AND step_index = $2 AND status = 'pending'`,
        [inst.id, task.stepIndex],
      )
      await advance(m, inst, task.stepIndex + 1, actor, comment)
    } else await save(m, inst)
  }
  return tasks.findOneByOrFail({ id: taskId })
}

/** The submitter takes a pending submission back; its open tasks are cancelled. */
export async function withdrawInstance(
  m: EntityManager,
  actor: Actor,
  inst: ApprovalInstanceRow,
  comment: string | null,
): Promise<void> {
  if (inst.submitterId !== actor.id) throw problem(403, 'admin.approval.not_submitter')
  refuseUnlessPending(inst)
  const by = { id: actor.id, name: inst.submitterName }
  inst.history.push(entry('withdrawn', by, null, comment))
  await finish(m, inst, 'withdrawn', by, comment)
}

export { lockInstance }
