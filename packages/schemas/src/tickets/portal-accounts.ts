import { z } from 'zod'
import { Id, PageQuery, RecordMeta } from '../common.js'
import { optionalText } from '../sales/common.js'

/** Login names: letters, digits and . _ @ - (an e-mail address works); compared case-insensitively. */
export const PortalAccountName = z
  .string()
  .trim()
  .min(3)
  .max(60)
  .regex(/^[A-Za-z0-9._@-]+$/, 'validation.portal_account_name')
/** An initial or reset password: 8–72 characters. */
export const PortalPassword = z.string().min(8, 'validation.password_short').max(72)

/** A customer account (客户账号, SPEC §3.2): a contact's login to the customer portal. */
export const PortalAccount = z.object({
  ...RecordMeta,
  customerId: Id,
  customerName: z.string(),
  contactId: Id,
  contactName: z.string(),
  account: z.string(),
  displayName: z.string(),
  enabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
})
export type PortalAccount = z.infer<typeof PortalAccount>

/** The customer and contact names are looked up by the service (the contact must be the customer's). */
export const PortalAccountCreate = z.strictObject({
  customerId: Id,
  contactId: Id,
  account: PortalAccountName,
  password: PortalPassword,
  displayName: z.string().trim().min(1).max(100),
  enabled: z.boolean().optional(),
})
export type PortalAccountCreate = z.input<typeof PortalAccountCreate>

export const PortalAccountUpdate = z.strictObject({
  displayName: z.string().trim().min(1).max(100).optional(),
  enabled: z.boolean().optional(),
})
export type PortalAccountUpdate = z.input<typeof PortalAccountUpdate>

/** A new password set by staff; the account's open sessions end. */
export const PortalPasswordReset = z.strictObject({ password: PortalPassword })
export type PortalPasswordReset = z.input<typeof PortalPasswordReset>

export const PortalAccountListQuery = PageQuery.extend({
  customerId: Id.optional(),
  /** Account or display name (any part). */
  q: optionalText(60),
  enabled: z.enum(['true', 'false']).optional(),
})
export type PortalAccountListQuery = z.infer<typeof PortalAccountListQuery>
