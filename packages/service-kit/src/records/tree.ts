import type { EntityManager } from 'typeorm'

/** A record of a tree kept as `parent_id` links (departments, product categories). */
export interface TreeItem {
  id: string
  parentId: string | null
  sort: number
  name: string
}

export type TreeNode<T> = T & { children: Array<TreeNode<T>> }

/**
 * The items nested under their parents, siblings by `sort` then name; an item whose parent is not
 * among them is a root (so a tree never loses a branch).
 */
export function nestTree<T extends TreeItem>(items: readonly T[]): Array<TreeNode<T>> {
  const nodes = new Map(items.map((item) => [item.id, { ...item, children: [] as Array<TreeNode<T>> }]))
  const roots: Array<TreeNode<T>> = []
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  const sort = (list: Array<TreeNode<T>>) => {
    list.sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name))
    list.forEach((n) => sort(n.children))
  }
  sort(roots)
  return roots
}

/**
 * The live row `rootId` of `table` and every live row below it (`parent_id` links). UNION: the
 * walk ends even on a cycle. `table` is the service's own table name, never input.
 */
export async function descendantIds(m: EntityManager, table: string, rootId: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await m.query(
    `WITH RECURSIVE sub AS (
       SELECT id FROM ${table} WHERE id = $1 AND deleted_at IS NULL
       UNION
       SELECT t.id FROM ${table} t JOIN sub ON t.parent_id = sub.id WHERE t.deleted_at IS NULL
     ) SELECT id FROM sub`,
    [rootId],
  )
  return rows.map((r) => r.id)
}

/** `descendantIds` as a SQL condition on `column` (the row's category is `rootParam` or below it). */
export function inSubtreeSql(table: string, column: string, rootParam: string): string {
  return `${column} IN (WITH RECURSIVE sub AS (
       SELECT id FROM ${table} WHERE id = :${rootParam}
       UNION
       SELECT t.id FROM ${table} t JOIN sub ON t.parent_id = sub.id WHERE t.deleted_at IS NULL
     ) SELECT id FROM sub)`
}
