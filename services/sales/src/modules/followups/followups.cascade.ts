import type { EntityManager } from 'typeorm'
import { updateReturning, writeAudit, type RecordContext } from '@mosaic/service-kit'

/**
 * A record's follow-ups go to the recycle bin with it and come back with it: the ones deleted at
 * the same moment as the record (so follow-ups deleted on their own stay deleted).
 */
export async function cascadeFollowUps(
  m: EntityManager,
  ctx: RecordContext,
  target: { type: 'lead' | 'opportunity'; id: string; title: string },
  at: Date,
  action: 'delete' | 'restore',
) {
  const rows =
    action === 'delete'
      ? await updateReturning<{ id: string; title: string }>(
          m,
          `UPDATE followup SET deleted_at = $3, deleted_by = $4
           WHERE target_type = $1 AND target_id = $2 AND deleted_at IS NULL
           RETURNING id, subject || ' (' || target_name || ')' AS title`,
          [target.type, target.id, at, ctx.actor.id],
        )
      : await updateReturning<{ id: string; title: string }>(
          m,
          `UPDATE followup SET deleted_at = NULL, deleted_by = NULL
           WHERE target_type = $1 AND target_id = $2 AND deleted_at = $3
           RETURNING id, subject || ' (' || target_name || ')' AS title`,
          [target.type, target.id, at],
        )
  const note = `${action === 'delete' ? 'Deleted' : 'Restored'} with ${target.type} ${target.title}`
  for (const r of rows) {
    await writeAudit(m, ctx, { action, entityType: 'followup', entityId: r.id, entityTitle: r.title, note })
  }
}
