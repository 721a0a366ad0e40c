import type { EntityManager } from 'typeorm'
import type { admin } from '@mosaic/schemas'
import { RecordStore, fieldError, problem, validationFailed, type RecordContext } from '@mosaic/service-kit'
import { DeptEntity, type DeptRow } from './dept.entity.js'
import { descendantDeptIds } from './dept-tree.js'
import { publishDeptChanged } from './dept-events.js'

export const depts = new RecordStore<DeptRow>({
  // Restoring a version runs the same parent checks as an edit, so it can never create a cycle.
  checkRestore: (m, _ctx, patch, id) => checkParent(m, patch.parentId, id),
  entityType: 'dept',
  entity: DeptEntity,
  title: (d) => d.name,
  present: async (_m, row) => presentDept(row),
  // Other services keep a replica of every department (names in records and audit trails).
  onChange: (m, row) => publishDeptChanged(m, row),
})

export function presentDept(d: DeptRow): admin.Dept {
  return {
    id: d.id,
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    name: d.name,
    parentId: d.parentId,
    leaderUserId: d.leaderUserId,
    sort: d.sort,
  }
}

export async function listDepts(m: EntityManager): Promise<admin.Dept[]> {
  const rows = await depts
    .repo(m)
    .createQueryBuilder('d')
    .where('d.deleted_at IS NULL')
    .orderBy('d.sort')
    .addOrderBy('d.name')
    .getMany()
  return rows.map(presentDept)
}

async function checkParent(m: EntityManager, parentId: string | null | undefined, selfId?: string) {
  if (!parentId) return
  const parent = await depts.find(m, parentId)
  if (!parent) throw validationFailed([fieldError('parentId', 'admin.dept.parent_missing')])
  if (selfId && (await descendantDeptIds(m, selfId)).includes(parentId)) {
    throw validationFailed([fieldError('parentId', 'admin.dept.parent_cycle')])
  }
}

async function checkLeader(m: EntityManager, leaderUserId: string | null | undefined) {
  if (!leaderUserId) return
  const [user] = await m.query('SELECT 1 FROM app_user WHERE id = $1 AND deleted_at IS NULL', [leaderUserId])
  if (!user) throw validationFailed([fieldError('leaderUserId', 'admin.dept.leader_missing')])
}

export async function createDept(m: EntityManager, ctx: RecordContext, input: admin.DeptCreate) {
  await checkParent(m, input.parentId)
  await checkLeader(m, input.leaderUserId)
  return depts.create(m, ctx, {
    name: input.name,
    parentId: input.parentId ?? null,
    leaderUserId: input.leaderUserId ?? null,
    sort: input.sort ?? 0,
  })
}

export async function updateDept(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  input: admin.DeptUpdate,
) {
  await checkParent(m, input.parentId, id)
  await checkLeader(m, input.leaderUserId)
  return depts.update(m, ctx, id, version, input)
}

/** A department with live sub-departments or members stays: move or delete those first. */
export async function deleteDept(m: EntityManager, ctx: RecordContext, id: string, version: number) {
  const [{ children }] = await m.query(
    'SELECT count(*)::int AS children FROM dept WHERE parent_id = $1 AND deleted_at IS NULL',
    [id],
  )
  const [{ members }] = await m.query(
    'SELECT count(*)::int AS members FROM app_user WHERE dept_id = $1 AND deleted_at IS NULL',
    [id],
  )
  if (children || members) {
    throw problem(409, 'admin.dept.in_use', { children, members })
  }
  await depts.softDelete(m, ctx, id, version)
}

export async function checkRestorable(m: EntityManager, row: DeptRow) {
  if (row.parentId && !(await depts.find(m, row.parentId))) {
    throw problem(409, 'admin.dept.parent_deleted')
  }
}
