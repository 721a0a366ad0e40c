import { z } from 'zod'
import { Id, IsoDate, IsoDateTime } from '../common.js'
import { EMAIL_PATTERN, MONEY_PATTERN, PHONE_PATTERN } from '../patterns.js'

export const optionalText = (max: number) => z.string().trim().max(max).nullable().optional()
/** A dictionary value; membership is checked by the service against the live dictionary. */
export const dictValue = z.string().trim().min(1).max(40)
export const optionalDict = dictValue.nullable().optional()
export const phone = z.string().trim().regex(PHONE_PATTERN, 'validation.phone').nullable().optional()
export const email = z
  .email({ pattern: EMAIL_PATTERN, error: 'validation.email' })
  .max(120)
  .nullable()
  .optional()
/** Money as a decimal string with at most 2 decimals (never a JS float). */
export const Money = z.string().trim().regex(MONEY_PATTERN, 'validation.money')
/** Money above zero (a payment, a write-off, an invoice): "0" or "0.00" is refused. */
export const PositiveMoney = Money.refine((v) => /[1-9]/.test(v), { message: 'validation.money_positive' })
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
export { BulkIds, BulkResult } from '../workbench/bulk.js'

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
