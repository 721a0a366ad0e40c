import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import { teamMemberships, type AccessLevel, type RecordAccess } from './access.js'
import type { RecordBase } from './columns.js'
import type { RecordTypeOptions } from './record-type.js'
import { inScope, indexedScopeWhere, type TeamScope } from './scope.js'

/** Whose team counts for this row: its own, its parent's, or none. */
function teamRef<T extends RecordBase>(o: RecordTypeOptions<T>, row: T) {
  const team = o.team
  if (!team) return null
  if (team === true) return { rowId: row.id, type: o.entityType, id: row.id }
  const type = team.typeField ? (row[team.typeField] as unknown as string) : team.entityType
  const id = row[team.idField] as unknown as string | null
  return type && id ? { rowId: row.id, type, id } : null
}

/** Data scope first (no query), then one team_member query for the rows outside it. */
export async function accessMapOf<T extends RecordBase>(
  m: EntityManager,
  o: RecordTypeOptions<T>,
  principal: Principal,
  rows: T[],
): Promise<Map<string, AccessLevel>> {
  const out = new Map<string, AccessLevel>()
  const scope = o.scope
  const outside = rows.filter((r) => scope && !inScope(principal, r, scope))
  for (const r of rows) if (!outside.includes(r)) out.set(r.id, 'scope')
  const refs = outside.map((r) => teamRef(o, r)).filter((r) => r !== null)
  if (refs.length) {
    const members = await teamMemberships(m, refs, principal.userId)
    for (const ref of refs) {
      const access = members.get(`${ref.type}:${ref.id}`)
      if (access) out.set(ref.rowId, access)
    }
  }
  return out
}

/** `indexedScopeWhere` over the entity's own column names, widened by the team the options name. */
export function scopeFilterOf<T extends RecordBase>(
  o: RecordTypeOptions<T>,
  principal: Principal,
  alias: string,
  access: RecordAccess,
) {
  const scope = o.scope
  if (!scope) return null
  const columns = o.entity.options.columns as Record<string, { name?: string }>
  const column = (prop: string) => `${alias}.${columns[prop]?.name ?? prop}`
  const t = o.team
  const team: TeamScope | undefined =
    !t || access === 'owner'
      ? undefined
      : t === true
        ? { entityType: o.entityType, id: `${alias}.id`, access }
        : t.typeField
          ? { typeColumn: column(t.typeField), id: column(t.idField), access }
          : { entityType: t.entityType ?? o.entityType, id: column(t.idField), access }
  return indexedScopeWhere(
    principal,
    {
      owner: scope.owner ? column(scope.owner) : undefined,
      dept: scope.dept ? column(scope.dept) : undefined,
      unownedShared: scope.unownedShared,
    },
    team,
  )
}
