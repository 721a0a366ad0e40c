import type { Principal } from '@mosaic/permissions'

/** Which columns (SQL, qualified with the alias) hold a record's owner and department. */
export interface ScopeColumns {
  owner?: string
  dept?: string
}

/** Which properties of a loaded row hold its owner and department. */
export interface ScopeFields<T> {
  owner?: keyof T & string
  dept?: keyof T & string
}

function deptIds(p: Principal): string[] {
  return p.scopeDeptIds?.length ? p.scopeDeptIds : p.deptId ? [p.deptId] : []
}

/** True when the principal's data scope covers the row. Service principals see everything. */
export function inScope<T>(p: Principal, row: T, fields: ScopeFields<T>): boolean {
  if (p.kind === 'service' || p.dataScope === 'all') return true
  const owner = fields.owner ? (row[fields.owner] as unknown) : undefined
  if (owner !== undefined && owner === p.userId) return true
  if (p.dataScope === 'self' || !fields.dept) return false
  return deptIds(p).includes(row[fields.dept] as unknown as string)
}

/**
 * The same rule as `inScope`, as a WHERE fragment for list queries (named parameters, TypeORM
 * style). Returns null when the principal sees everything.
 */
export function scopeWhere(
  p: Principal,
  columns: ScopeColumns,
): { sql: string; params: Record<string, unknown> } | null {
  if (p.kind === 'service' || p.dataScope === 'all') return null
  const parts: string[] = []
  const params: Record<string, unknown> = {}
  if (columns.owner) {
    parts.push(`${columns.owner} = :scopeUserId`)
    params.scopeUserId = p.userId
  }
  if (p.dataScope !== 'self' && columns.dept && deptIds(p).length) {
    parts.push(`${columns.dept} IN (:...scopeDeptIds)`)
    params.scopeDeptIds = deptIds(p)
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : '1 = 0', params }
}
