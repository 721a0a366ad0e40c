import { z } from 'zod'
import { Id } from '../common.js'
import { optionalText } from './common.js'

export const TRANSFERABLE = ['customer', 'lead', 'opportunity'] as const
export const OLD_OWNER_OPTIONS = ['remove', 'read', 'write'] as const

/** Owner change (变更所属人), single or bulk; the same body previews (dry run) and commits. */
export const TransferRequest = z.strictObject({
  entityType: z.enum(TRANSFERABLE),
  ids: z.array(Id).min(1).max(200),
  toOwnerId: Id,
  /** For customers: which related records move with it. Quotes and contracts follow via events (orders service). */
  cascade: z
    .strictObject({
      contacts: z.boolean().default(true),
      opportunities: z.boolean().default(true),
      quotes: z.boolean().default(false),
      contracts: z.boolean().default(false),
    })
    .default({ contacts: true, opportunities: true, quotes: false, contracts: false }),
  /** The previous owner stays as a read or write team member, or is removed. */
  oldOwner: z.enum(OLD_OWNER_OPTIONS).default('remove'),
  reason: optionalText(500),
})
export type TransferRequest = z.input<typeof TransferRequest>

export const TransferChange = z.object({
  entityType: z.string(),
  id: Id,
  title: z.string(),
  /** The record the user selected that this change follows from. */
  rootId: Id,
  fromOwnerId: z.string().nullable(),
  fromOwnerName: z.string().nullable(),
  /** owner: the owner changes; team: the old owner becomes a team member. Quotes/contracts: requested of orders. */
  change: z.enum(['owner', 'team', 'requested']),
  /** The record's status where it has one (a quote's: draft, submitted…). */
  status: z.string().optional(),
})
export type TransferChange = z.infer<typeof TransferChange>

export const TransferProblem = z.object({
  id: Id,
  title: z.string().nullable(),
  status: z.number().int(),
  /** English text of `code`; the UI shows `code` + `params` in the reader's language. */
  detail: z.string(),
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
})

export const TransferPreview = z.object({
  toOwner: z.object({ id: Id, name: z.string() }),
  changes: z.array(TransferChange),
  /** Selected records that would be refused (not found, no permission, locked, limit). */
  problems: z.array(TransferProblem),
  /** The new owner's customer count against their limit (null = no limit). */
  customerLimit: z.object({
    owned: z.number().int(),
    adding: z.number().int(),
    limit: z.number().int().nullable(),
  }),
})
export type TransferPreview = z.infer<typeof TransferPreview>

/** Records whose owner actually changed (the selected ones and what cascaded from them). */
export const TransferResult = TransferPreview.extend({ transferred: z.number().int() })
export type TransferResult = z.infer<typeof TransferResult>

export const TRANSFER_CASCADES = ['contacts', 'opportunities', 'quotes', 'contracts'] as const
export type TransferCascade = (typeof TRANSFER_CASCADES)[number]
/** What the transfer form may offer, per record type: only cascades something will carry out. */
export const TransferOptions = z.object({
  cascades: z.record(z.enum(TRANSFERABLE), z.array(z.enum(TRANSFER_CASCADES))),
})
export type TransferOptions = z.infer<typeof TransferOptions>
