import type { EntityManager } from 'typeorm'
import type { sales } from '@mosaic/schemas'

/**
 * Last/next follow-up times are derived data on the followed record (they feed pool recycling and
 * reminders), kept by plain SQL, not as an audited edit. They are visible fields, though, so a change
 * raises the record's version (its ETag): a browser holding the old version must not get a 304 for
 * it, and an edit based on the old values gets a 412. A customer counts its opportunities' follow-ups.
 */
const TABLE: Record<sales.FollowUpTarget, string> = {
  lead: 'lead',
  customer: 'customer',
  opportunity: 'opportunity',
}

/** A new follow-up: last = max(existing, contactedAt); when it is the latest, its plan sets the next time. */
export async function recordFollowUpTime(
  m: EntityManager,
  type: sales.FollowUpTarget,
  id: string,
  contactedAt: Date,
  nextFollowUpAt: Date | null,
) {
  await m.query(
    `UPDATE ${TABLE[type]} SET
       next_followup_at = CASE WHEN last_followup_at IS NULL OR $2 >= last_followup_at
                               THEN $3 ELSE next_followup_at END,
       last_followup_at = GREATEST(last_followup_at, $2),
       version = version + 1
     WHERE id = $1
       AND (last_followup_at IS NULL OR $2 >= last_followup_at)
       AND (last_followup_at IS DISTINCT FROM $2 OR next_followup_at IS DISTINCT FROM $3)`,
    [id, contactedAt, nextFollowUpAt],
  )
}

/** After an edit, delete or restore: recomputed from the live follow-ups (next stays when none is left). */
export async function refreshFollowUpTimes(m: EntityManager, type: sales.FollowUpTarget, id: string) {
  const filter = type === 'customer' ? 'f.customer_id = $1' : `f.target_type = '${type}' AND f.target_id = $1`
  await m.query(
    `UPDATE ${TABLE[type]} t SET
       last_followup_at = x.last,
       next_followup_at = CASE WHEN x.last IS NULL THEN t.next_followup_at ELSE x.next END,
       version = t.version + 1
     FROM (
       SELECT max(f.contacted_at) AS last,
              (array_agg(f.next_followup_at ORDER BY f.contacted_at DESC, f.created_at DESC))[1] AS next
       FROM followup f WHERE ${filter} AND f.deleted_at IS NULL
     ) x
     WHERE t.id = $1
       AND (t.last_followup_at IS DISTINCT FROM x.last
            OR (x.last IS NOT NULL AND t.next_followup_at IS DISTINCT FROM x.next))`,
    [id],
  )
}
