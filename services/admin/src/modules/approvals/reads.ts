import type { EntityManager, SelectQueryBuilder } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { admin, Page } from '@mosaic/schemas'
import { COUNT_CAP, containsPattern, inScope, listPage, problem } from '@mosaic/service-kit'
import {
  ApprovalInstanceEntity,
  ApprovalTaskEntity,
  type ApprovalInstanceRow,
  type ApprovalTaskRow,
} from './approval.entities.js'

function documentOf(i: ApprovalInstanceRow): admin.ApprovalDocument {
  return {
    service: i.service,
    docType: i.docType,
    docId: i.docId,
    docNumber: i.docNumber,
    docTitle: i.docTitle,
    amount: i.amount,
    link: i.link,
  }
}

async function tasksOf(m: EntityManager, instanceIds: string[]): Promise<ApprovalTaskRow[]> {
  if (!instanceIds.length) return []
  return m
    .getRepository(ApprovalTaskEntity)
    .createQueryBuilder('t')
    .where('t.instance_id IN (:...ids)', { ids: instanceIds })
    .orderBy('t.created_at')
    .addOrderBy('t.assignee_name')
    .getMany()
}

/** Instances as the approval center shows them; each step's approvers carry their task's state. */
export async function presentInstances(
  m: EntityManager,
  rows: ApprovalInstanceRow[],
): Promise<admin.ApprovalInstance[]> {
  const tasks = await tasksOf(
    m,
    rows.map((r) => r.id),
  )
  return rows.map((i) => ({
    id: i.id,
    ...documentOf(i),
    status: i.status,
    flowVersion: i.flowVersion,
    currentStep: i.currentStep,
    steps: i.steps.map((s, index) => {
      const opened = tasks.filter((t) => t.instanceId === i.id && t.stepIndex === index)
      return {
        name: s.name,
        mode: s.mode,
        status: s.status,
        approvers: opened.length
          ? opened.map((t) => ({ userId: t.assigneeId, name: t.assigneeName, status: t.status }))
          : s.approvers.map((a) => ({ ...a, status: null })),
      }
    }),
    submitterId: i.submitterId,
    submitterName: i.submitterName,
    submittedAt: i.submittedAt.toISOString(),
    decidedAt: i.decidedAt?.toISOString() ?? null,
    history: i.history.map((h) => ({
      at: h.at,
      action: h.action,
      actorName: h.actorName,
      stepName: h.stepName,
      comment: h.comment,
    })),
  }))
}

export async function presentTasks(m: EntityManager, rows: ApprovalTaskRow[]): Promise<admin.ApprovalTask[]> {
  const ids = [...new Set(rows.map((t) => t.instanceId))]
  const instances = ids.length
    ? await m.getRepository(ApprovalInstanceEntity).createQueryBuilder('i').whereInIds(ids).getMany()
    : []
  const byId = new Map(instances.map((i) => [i.id, i]))
  return rows.map((t) => {
    const i = byId.get(t.instanceId)!
    return {
      id: t.id,
      instanceId: i.id,
      ...documentOf(i),
      stepName: i.steps[t.stepIndex]?.name ?? '',
      status: t.status,
      comment: t.comment,
      decidedAt: t.decidedAt?.toISOString() ?? null,
      submitterName: i.submitterName,
      submittedAt: i.submittedAt.toISOString(),
      instanceStatus: i.status,
    }
  })
}

/** The approval center is for staff: a portal user has no tasks and no submissions. */
export function staffId(p: Principal): string {
  if (p.kind !== 'staff') throw problem(403, 'http.forbidden')
  return p.userId
}

function search<T extends object>(qb: SelectQueryBuilder<T>, q: string | null | undefined) {
  if (q) qb.andWhere('(i.doc_number ILIKE :term OR i.doc_title ILIKE :term)', { term: containsPattern(q) })
  return qb
}

/**
 * The tasks a task list shows, unpaged: the caller's pending ones (待办) or the ones they decided
 * (已办). The list pages them; the dashboard's to-do line counts them.
 */
export function taskRows(
  m: EntityManager,
  p: Principal,
  q: Omit<admin.TaskListQuery, 'limit' | 'cursor' | 'page'>,
) {
  const qb = m
    .getRepository(ApprovalTaskEntity)
    .createQueryBuilder('t')
    .innerJoin('approval_instance', 'i', 'i.id = t.instance_id')
    .where('t.assignee_id = :me', { me: staffId(p) })
  if (q.box === 'todo') qb.andWhere("t.status = 'pending'")
  else qb.andWhere("t.status IN ('approved', 'rejected')")
  if (q.docType) qb.andWhere('i.doc_type = :docType', { docType: q.docType })
  return search(qb, q.q)
}

/** 待办: the caller's pending tasks, newest first; 已办: the ones they decided, latest decision first. */
export async function listTasks(
  m: EntityManager,
  p: Principal,
  q: admin.TaskListQuery,
): Promise<Page<admin.ApprovalTask>> {
  return listPage(taskRows(m, p, q), q, {
    sort: q.box === 'done' ? { sortColumn: 'decided_at', sortProperty: 'decidedAt' } : undefined,
    present: (rows) => presentTasks(m, rows),
  })
}

/** 我发起的: the caller's submissions, newest first. */
export async function listMine(
  m: EntityManager,
  p: Principal,
  q: admin.InstanceListQuery,
): Promise<Page<admin.ApprovalInstance>> {
  const qb = m
    .getRepository(ApprovalInstanceEntity)
    .createQueryBuilder('i')
    .where('i.submitter_id = :me', { me: staffId(p) })
  search(qb, q.q)
  return listPage(qb, q, { equal: ['status', 'docType'], present: (rows) => presentInstances(m, rows) })
}

/** The header's badge: the caller's pending tasks (capped like list totals). */
export async function approvalCounts(m: EntityManager, p: Principal): Promise<{ todo: number }> {
  const [{ n }] = await m.query(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM approval_task
        WHERE assignee_id = $1 AND status = 'pending' LIMIT $2) todo`,
    [staffId(p), COUNT_CAP],
  )
  return { todo: n }
}

/**
 * Who may read a submission: its submitter, anyone it was assigned to, and whoever's data scope
 * covers the document's owner or department (as for the document itself).
 */
async function readable(m: EntityManager, p: Principal, i: ApprovalInstanceRow): Promise<boolean> {
  if (i.submitterId === p.userId) return true
  if (inScope(p, i, { owner: 'ownerId', dept: 'deptId' })) return true
  const [assigned] = await m.query(
    'SELECT 1 FROM approval_task WHERE instance_id = $1 AND assignee_id = $2 LIMIT 1',
    [i.id, p.userId],
  )
  return Boolean(assigned)
}

/** One submission; one the caller may not read is a 404 like a missing one. */
export async function readInstance(m: EntityManager, p: Principal, id: string): Promise<ApprovalInstanceRow> {
  staffId(p)
  const row = await m.getRepository(ApprovalInstanceEntity).findOneBy({ id })
  if (!row || !(await readable(m, p, row))) throw problem(404, 'admin.approval.not_found')
  return row
}

export async function getApproval(m: EntityManager, p: Principal, id: string) {
  const [presented] = await presentInstances(m, [await readInstance(m, p, id)])
  return presented!
}

/** Every submission of one document, newest first: those the caller may read. */
export async function documentApprovals(
  m: EntityManager,
  p: Principal,
  q: { docType: admin.ApprovalDocType; docId: string },
): Promise<admin.ApprovalInstance[]> {
  staffId(p)
  const rows = await m
    .getRepository(ApprovalInstanceEntity)
    .createQueryBuilder('i')
    .where('i.doc_type = :docType AND i.doc_id = :docId', q)
    .orderBy('i.created_at', 'DESC')
    .addOrderBy('i.id', 'DESC')
    .getMany()
  const shown: ApprovalInstanceRow[] = []
  for (const row of rows) if (await readable(m, p, row)) shown.push(row)
  if (rows.length && !shown.length) throw problem(404, 'admin.approval.not_found')
  return presentInstances(m, shown)
}
