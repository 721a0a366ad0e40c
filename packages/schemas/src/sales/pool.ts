import { z } from 'zod'
import { Id, IsoDateTime, PageQuery } from '../common.js'
import { dictValue, optionalText } from './common.js'

/** A customer in the public pool (公海客户): no owner. */
export const PoolCustomer = z.object({
  id: Id,
  version: z.number().int(),
  number: z.string(),
  name: z.string(),
  contactName: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.string(),
  source: z.string().nullable(),
  level: z.string().nullable(),
  industry: z.string().nullable(),
  poolEnteredAt: z.string().nullable(),
  previousOwnerName: z.string().nullable(),
  /** Why it is here: released by hand, recycled by a rule, never owned. */
  poolReason: z.string().nullable(),
  /** The words typed by whoever released it (`poolReason` 'released'); null otherwise. */
  poolReasonText: z.string().nullable(),
})
export type PoolCustomer = z.infer<typeof PoolCustomer>

export const PoolListQuery = PageQuery.extend({
  q: optionalText(100),
  status: dictValue.optional(),
  source: dictValue.optional(),
  level: dictValue.optional(),
})
export type PoolListQuery = z.infer<typeof PoolListQuery>

export const PoolAssign = z.strictObject({ ids: z.array(Id).min(1).max(200), ownerId: Id })

export const RECYCLE_REASONS = ['no_followup', 'no_deal'] as const
export const RecycleCandidate = z.object({
  customerId: Id,
  number: z.string(),
  name: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  level: z.string().nullable(),
  reason: z.enum(RECYCLE_REASONS),
  /** The clock the rule measures from (last follow-up, last deal, or when the owner got it). */
  since: z.string(),
  days: z.number().int(),
  limitDays: z.number().int(),
})
export type RecycleCandidate = z.infer<typeof RecycleCandidate>

/** "What would be recycled at `at` (default: tomorrow) and why". */
export const RecyclePreviewQuery = z.object({ at: IsoDateTime.optional() })
export const RecyclePreview = z.object({
  at: z.string(),
  enabled: z.boolean(),
  items: z.array(RecycleCandidate),
})
export type RecyclePreview = z.infer<typeof RecyclePreview>
export const RecycleRun = z.object({
  at: z.string(),
  recycled: z.array(RecycleCandidate),
  warned: z.number().int(),
})
export type RecycleRun = z.infer<typeof RecycleRun>
