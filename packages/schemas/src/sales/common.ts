import { z } from 'zod'
import { Id, IsoDate, IsoDateTime } from '../common.js'

export const optionalText = (max: number) => z.string().trim().max(max).nullable().optional()
/** A dictionary value; membership is checked by the service against the live dictionary. */
export const dictValue = z.string().trim().min(1).max(40)
export const optionalDict = dictValue.nullable().optional()
export const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,30}$/, 'Invalid phone number')
  .nullable()
  .optional()
export const email = z.email().max(120).nullable().optional()
/** Money as a decimal string with at most 2 decimals (never a JS float). */
export const Money = z
  .string()
  .trim()
  .regex(/^\d{1,16}(\.\d{1,2})?$/, 'Amount: up to 16 digits and 2 decimals')
/** A calendar date, YYYY-MM-DD. */
export const DateOnly = IsoDate
export const optionalDateTime = IsoDateTime.nullable().optional()

/** How the caller may act on a record: own scope, or as a read/write team member. */
export const Access = z.enum(['scope', 'write', 'read'])
export type Access = z.infer<typeof Access>

export const OwnerFields = {
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  deptId: z.string().nullable(),
}

export const CreatedRange = {
  createdFrom: IsoDateTime.optional(),
  createdTo: IsoDateTime.optional(),
}

/** One result per record of a bulk operation (bulk transfer, assign, delete). */
export const BulkResult = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      title: z.string().nullable(),
      status: z.number().int().optional(),
      error: z.string().optional(),
    }),
  ),
  succeeded: z.number().int(),
  failed: z.number().int(),
})
export type BulkResult = z.infer<typeof BulkResult>

export const BulkIds = z.array(Id).min(1).max(200)

export { Attachment } from '../attachments.js'

/** A sales user as the service knows them (replicated from admin). */
export const DirectoryUser = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  deptId: z.string().nullable(),
  enabled: z.boolean(),
})
export type DirectoryUser = z.infer<typeof DirectoryUser>
export const DirectoryQuery = z.object({ q: optionalText(64), limit: z.coerce.number().int().optional() })
