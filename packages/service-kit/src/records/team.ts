import type { EntityManager } from 'typeorm'
import { conflict, notFound } from '../errors.js'
import { writeAudit } from './audit.js'
import type { TeamAccess } from './access.js'
import type { RecordBase } from './columns.js'
import type { RecordStore } from './record-store.js'
import type { RecordContext } from './record-type.js'

/** A team member (协作人) as the API shows them; `addedBy` is the adder's display name. */
export interface TeamMember {
  userId: string
  userName: string
  access: TeamAccess
  addedAt: string
  addedBy: string | null
}

interface MemberRow {
  user_id: string
  user_name: string
  access: TeamAccess
  added_at: Date
  added_by: string | null
}

const toMember = (r: MemberRow): TeamMember => ({
  userId: r.user_id,
  userName: r.user_name,
  access: r.access,
  addedAt: new Date(r.added_at).toISOString(),
  addedBy: r.added_by,
})

async function memberRows(m: EntityManager, entityType: string, id: string, userId?: string) {
  const rows: MemberRow[] = await m.query(
    `SELECT user_id, user_name, access, added_at, added_by FROM team_member
     WHERE entity_type = $1 AND entity_id = $2 ${userId ? 'AND user_id = $3' : ''}
     ORDER BY added_at, user_name`,
    userId ? [entityType, id, userId] : [entityType, id],
  )
  return rows
}

/** The record's team; the caller must be able to see the record. */
export async function listTeam<T extends RecordBase>(
  m: EntityManager,
  store: RecordStore<T>,
  id: string,
  ctx?: RecordContext,
): Promise<TeamMember[]> {
  await store.get(m, id, ctx)
  return (await memberRows(m, store.entityType, id)).map(toMember)
}

/** Team management is for records with their own team; the others share their parent's. */
function assertOwnTeam<T extends RecordBase>(store: RecordStore<T>) {
  if (store.options.team !== true) throw new Error(`${store.entityType} records have no team of their own`)
}

function ownerOf<T extends RecordBase>(store: RecordStore<T>, row: T): unknown {
  const field = store.options.scope?.owner
  return field ? row[field] : undefined
}

/**
 * Shares the record with a user. Managing the team is an owner's act (data scope, not membership),
 * audited on the record itself as 'team_add'.
 */
export async function addTeamMember<T extends RecordBase>(
  m: EntityManager,
  ctx: RecordContext,
  store: RecordStore<T>,
  id: string,
  member: { userId: string; userName: string; access: TeamAccess },
): Promise<TeamMember> {
  assertOwnTeam(store)
  const row = await store.get(m, id, ctx, { access: 'owner', lock: true })
  if (ownerOf(store, row) === member.userId) {
    throw conflict('team.owner_has_full_access', undefined, [
      { field: 'userId', message: 'This user is the owner' },
    ])
  }
  const inserted: MemberRow[] = await m.query(
    `INSERT INTO team_member (entity_type, entity_id, user_id, user_name, access, added_by)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
     RETURNING user_id, user_name, access, added_at, added_by`,
    [store.entityType, id, member.userId, member.userName, member.access, ctx.actor.name],
  )
  if (!inserted.length) {
    throw conflict('team.already_member', undefined, [{ field: 'userId', message: 'Already a team member' }])
  }
  await audit(m, ctx, store, row, 'team_add', null, inserted[0]!)
  return toMember(inserted[0]!)
}

export async function updateTeamMember<T extends RecordBase>(
  m: EntityManager,
  ctx: RecordContext,
  store: RecordStore<T>,
  id: string,
  userId: string,
  access: TeamAccess,
): Promise<TeamMember> {
  assertOwnTeam(store)
  const row = await store.get(m, id, ctx, { access: 'owner', lock: true })
  const [before] = await memberRows(m, store.entityType, id, userId)
  if (!before) throw notFound('team.member_not_found')
  if (before.access === access) return toMember(before)
  await m.query(
    'UPDATE team_member SET access = $4 WHERE entity_type = $1 AND entity_id = $2 AND user_id = $3',
    [store.entityType, id, userId, access],
  )
  const after = { ...before, access }
  await audit(m, ctx, store, row, 'team_update', before, after)
  return toMember(after)
}

export async function removeTeamMember<T extends RecordBase>(
  m: EntityManager,
  ctx: RecordContext,
  store: RecordStore<T>,
  id: string,
  userId: string,
): Promise<void> {
  assertOwnTeam(store)
  const row = await store.get(m, id, ctx, { access: 'owner', lock: true })
  const [before] = await memberRows(m, store.entityType, id, userId)
  if (!before) throw notFound('team.member_not_found')
  await m.query('DELETE FROM team_member WHERE entity_type = $1 AND entity_id = $2 AND user_id = $3', [
    store.entityType,
    id,
    userId,
  ])
  await audit(m, ctx, store, row, 'team_remove', before, null)
}

async function audit<T extends RecordBase>(
  m: EntityManager,
  ctx: RecordContext,
  store: RecordStore<T>,
  row: T,
  action: 'team_add' | 'team_update' | 'team_remove',
  before: MemberRow | null,
  after: MemberRow | null,
) {
  // As data, not text: the member's id (the reader's UI names it) and their access level.
  await writeAudit(m, ctx, {
    action,
    entityType: store.entityType,
    entityId: row.id,
    entityTitle: store.options.title(row),
    diff: {
      teamMember: { before: before?.user_id ?? null, after: after?.user_id ?? null },
      teamAccess: { before: before?.access ?? null, after: after?.access ?? null },
    },
  })
}
