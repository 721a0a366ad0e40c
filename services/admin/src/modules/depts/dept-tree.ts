import type { EntityManager } from 'typeorm'
import type { admin } from '@mosaic/schemas'

/** The department and every department below it (live ones only). UNION: terminates even on a cycle. */
export async function descendantDeptIds(m: EntityManager, rootId: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await m.query(
    `WITH RECURSIVE sub AS (
       SELECT id FROM dept WHERE id = $1 AND deleted_at IS NULL
       UNION
       SELECT d.id FROM dept d JOIN sub ON d.parent_id = sub.id WHERE d.deleted_at IS NULL
     ) SELECT id FROM sub`,
    [rootId],
  )
  return rows.map((r) => r.id)
}

export function buildTree(depts: admin.Dept[]): admin.DeptNode[] {
  const nodes = new Map(depts.map((d) => [d.id, { ...d, children: [] as admin.DeptNode[] }]))
  const roots: admin.DeptNode[] = []
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  const sort = (list: admin.DeptNode[]) => {
    list.sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name))
    list.forEach((n) => sort(n.children))
  }
  sort(roots)
  return roots
}
