import type { EntityManager } from 'typeorm'

// How a caller relates to a record (data scope or team membership) and whether that allows what they are about to do.

/** What a caller is about to do with a record: view, edit, or act as its owner (delete, transfer). */
export type RecordAccess = 'read' | 'write' | 'owner'
/** How a caller relates to a visible record: own data scope, or a write / read team member. */
export type AccessLevel = 'scope' | 'write' | 'read'
export type TeamAccess = 'read' | 'write'

const RANK: Record<AccessLevel, number> = { read: 1, write: 2, scope: 3 }
const NEEDED: Record<RecordAccess, number> = { read: 1, write: 2, owner: 3 }

export function accessSatisfies(level: AccessLevel, access: RecordAccess): boolean {
  return RANK[level] >= NEEDED[access]
}

/** The caller's memberships among the given teams, keyed `type:id`. */
export async function teamMemberships(
  m: EntityManager,
  refs: ReadonlyArray<{ type: string; id: string }>,
  userId: string,
): Promise<Map<string, TeamAccess>> {
  if (!refs.length) return new Map()
  const rows: Array<{ entity_type: string; entity_id: string; access: TeamAccess }> = await m.query(
    `SELECT entity_type, entity_id, access FROM team_member
     WHERE user_id = $1 AND (entity_type, entity_id) IN (SELECT * FROM unnest($2::varchar[], $3::uuid[]))`,
    [userId, refs.map((r) => r.type), refs.map((r) => r.id)],
  )
  return new Map(rows.map((r) => [`${r.entity_type}:${r.entity_id}`, r.access]))
}
