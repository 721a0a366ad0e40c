import type { Principal } from '@mosaic/permissions'
import type { WhereFragment } from './search.js'

/** Which columns (SQL, qualified with the alias) hold a record's owner and department. */
export interface ScopeColumns {
  owner?: string
  dept?: string
  /** Rows without an owner are everyone's (a queue nobody has taken yet, e.g. unassigned tickets). */
  unownedShared?: boolean
}

/** Which properties of a loaded row hold its owner and department. */
export interface ScopeFields<T> {
  owner?: keyof T & string
  dept?: keyof T & string
  /** Rows whose owner is null are in every caller's scope: a shared queue (unassigned tickets). */
  unownedShared?: boolean
}

function deptIds(p: Principal): string[] {
  return p.scopeDeptIds?.length ? p.scopeDeptIds : p.deptId ? [p.deptId] : []
}

/** True when the principal's data scope covers the row. Service principals see everything. */
export function inScope<T>(p: Principal, row: T, fields: ScopeFields<T>): boolean {
  if (p.kind === 'service' || p.dataScope === 'all') return true
  const owner = fields.owner ? (row[fields.owner] as unknown) : undefined
  if (owner !== undefined && owner === p.userId) return true
  if (fields.unownedShared && owner === null) return true
  if (p.dataScope === 'self' || !fields.dept) return false
  return deptIds(p).includes(row[fields.dept] as unknown as string)
}

/**
 * The same rule as `inScope`, as a WHERE fragment for list queries (named parameters, TypeORM
 * style). Returns null when the principal sees everything. The team part is a correlated EXISTS:
 * the plainest statement of the rule, which `indexedScopeWhere` states in a form indexes serve.
 */
export function scopeWhere(p: Principal, columns: ScopeColumns, team?: TeamScope): WhereFragment | null {
  return buildScopeWhere(p, columns, team, existsTeamClause)
}

/**
 * `scopeWhere` for list queries over big tables: the team part becomes `id = ANY(ARRAY(…))`, an
 * uncorrelated sub-select Postgres runs once, so owner, department and team each use their own
 * index and are OR-ed as bitmaps. A correlated `EXISTS` inside an OR forces a scan of every live
 * row (1 s for a rep's count at a million customers; with this form a few milliseconds).
 * A team whose record type is a column keeps the EXISTS as a recheck of the type.
 */
export function indexedScopeWhere(
  p: Principal,
  columns: ScopeColumns,
  team?: TeamScope,
): WhereFragment | null {
  return buildScopeWhere(p, columns, team, (t, access) => {
    const type = 'typeColumn' in t ? '' : ' AND tm.entity_type = :scopeEntityType'
    const ids =
      `${t.id} = ANY(ARRAY(SELECT tm.entity_id FROM team_member tm` +
      ` WHERE tm.user_id = :scopeUserId${type}${access}))`
    return 'typeColumn' in t ? `(${ids} AND ${existsTeamClause(t, access)})` : ids
  })
}

type TeamClause = (team: TeamScope, access: string) => string

const existsTeamClause: TeamClause = (team, access) => {
  const type = 'typeColumn' in team ? team.typeColumn : ':scopeEntityType'
  return (
    `EXISTS (SELECT 1 FROM team_member tm WHERE tm.entity_type = ${type}` +
    ` AND tm.entity_id = ${team.id} AND tm.user_id = :scopeUserId${access})`
  )
}

function buildScopeWhere(
  p: Principal,
  columns: ScopeColumns,
  team: TeamScope | undefined,
  teamClause: TeamClause,
): WhereFragment | null {
  if (p.kind === 'service' || p.dataScope === 'all') return null
  const parts: string[] = []
  const params: Record<string, unknown> = {}
  if (columns.owner) {
    parts.push(`${columns.owner} = :scopeUserId`)
    params.scopeUserId = p.userId
    if (columns.unownedShared) parts.push(`${columns.owner} IS NULL`)
  }
  if (p.dataScope !== 'self' && columns.dept && deptIds(p).length) {
    parts.push(`${columns.dept} IN (:...scopeDeptIds)`)
    params.scopeDeptIds = deptIds(p)
  }
  if (team) {
    parts.push(teamClause(team, team.access === 'write' ? ` AND tm.access = 'write'` : ''))
    params.scopeUserId = p.userId
    if ('entityType' in team) params.scopeEntityType = team.entityType
  }
  if (parts.length < 2) return { sql: parts.length ? `(${parts[0]})` : '1 = 0', params }
  // Each alternative on its own, for lists that page them branch by branch (owner index, team ids).
  const anyOf = parts.map((sql) => ({ sql, params }))
  return { sql: `(${parts.join(' OR ')})`, params, anyOf }
}

/**
 * Widens a scope filter to records shared with the caller (team members, kit table `team_member`):
 * `id` is the qualified column holding the id whose team counts (the record's own, or its parent's),
 * the team's record type is a literal or a column, and `access` is the least membership that counts.
 */
export type TeamScope = { id: string; access?: 'read' | 'write' } & (
  { entityType: string } | { typeColumn: string }
)
