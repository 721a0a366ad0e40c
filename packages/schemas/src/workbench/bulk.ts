import { z } from 'zod'
import { Id } from '../common.js'

/**
 * Bulk operations (批量操作, SPEC §0): one request per chunk of ids, one audited operation per record,
 * one result per record. The client sends at most `BULK_IDS_MAX` ids per request and shows progress
 * over its chunks; a refused record is reported with its code and leaves nothing behind.
 */
export const BULK_IDS_MAX = 200
export const BulkIds = z.array(Id).min(1).max(BULK_IDS_MAX)

export const BulkResult = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      title: z.string().nullable(),
      status: z.number().int().optional(),
      /** English text of `code`; the UI shows `code` + `params` in the reader's language. */
      error: z.string().optional(),
      code: z.string().optional(),
      params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
      /** The record's field a refusal is about (a value its dictionary does not hold): `code` is that field's. */
      field: z.string().optional(),
    }),
  ),
  succeeded: z.number().int(),
  failed: z.number().int(),
})
export type BulkResult = z.infer<typeof BulkResult>

/** `POST <list>/bulk-delete`: each record through its own deletion rule (guards answer per record). */
export const BulkDeleteBody = z.strictObject({ ids: BulkIds })
export type BulkDeleteBody = z.input<typeof BulkDeleteBody>

/**
 * `POST <list>/bulk-edit`: the same change applied to every record (批量修改), each record updated at
 * its current version through the resource's own update rule. `changes` holds only the fields the
 * resource allows in bulk (its `bulkEditable` list); anything else is a 400 naming the field.
 */
export const BulkEditBody = z.strictObject({
  ids: BulkIds,
  changes: z.record(z.string().max(60), z.unknown()),
})
export type BulkEditBody = z.input<typeof BulkEditBody>

/**
 * A resource's `bulk-edit` body (its contract's `BulkEdit` body and the route's check): `changes`
 * is the given fields picked from the resource's Update schema — so each value is checked exactly
 * as a single edit checks it — strict (another field is a 400 naming it), and at least one of them.
 */
export function bulkEditOf<S extends z.ZodRawShape>(fields: z.ZodObject<S>) {
  const changes = fields
    .partial()
    .strict()
    .refine((c) => Object.values(c).some((v) => v !== undefined), {
      message: 'validation.bulk_field_required',
      // Only of a valid object: an unknown field is answered alone.
      when: (payload) => !payload.issues.length,
    })
  return z.strictObject({ ids: BulkIds, changes })
}
