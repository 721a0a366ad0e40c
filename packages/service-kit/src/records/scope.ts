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
  team?: TeamScope,
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
  if (team) {
    const access = team.access === 'write' ? ` AND tm.access = 'write'` : ''
    const type = 'typeColumn' in team ? team.typeColumn : ':scopeEntityType'
    parts.push(
      `EXISTS (SELECT 1 FROM team_member tm WHERE tm.entity_type = ${type}` +
        ` AND tm.entity_id = ${team.id} AND tm.user_id = :scopeUserId${access})`,
    )
    params.scopeUserId = p.userId
    if ('entityType' in team) params.scopeEntityType = team.entityType
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : '1 = 0', params }
}

/**
 * Widens a scope filter to records shared with the caller (team members, kit table `team_member`):
 * `id` is the qualified column holding the id whose team counts (the record's own, or its parent's),
 * the team's record type is a literal or a column, and `access` is the least membership that counts.
 */
export type TeamScope = { id: string; access?: 'read' | 'write' } & (
  { entityType: string } | { typeColumn: string }
)
