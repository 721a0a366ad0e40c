import type { EntityManager } from 'typeorm'

/**
 * Payments' own rule on their receivable (its party, lock and refresh: `receivables.party.ts`).
 *
 * What may still be recorded against a receivable: total − confirmed − pending payments (a
 * payment waiting for approval holds its share), computed by Postgres in numeric, never below 0.
 * `except` leaves one payment out (the one being restored).
 */
export async function recordableOf(m: EntityManager, receivableId: string, except?: string): Promise<string> {
  const [row] = (await m.query(
    `SELECT greatest(r.total - coalesce((SELECT sum(p.amount) FROM payment p
         WHERE p.receivable_id = r.id AND p.deleted_at IS NULL AND p.status IN ('pending', 'confirmed')
           AND p.id IS DISTINCT FROM $2::uuid), 0), 0)::numeric(18,2)::text AS open
       FROM receivable r WHERE r.id = $1`,
    [receivableId, except ?? null],
  )) as Array<{ open: string }>
  return row?.open ?? '0.00'
}
