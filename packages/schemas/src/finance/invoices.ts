import { z } from 'zod'
import { bulkEditOf } from '../workbench/bulk.js'
import { Id, PageQuery, RecordMeta } from '../common.js'
import { DateOnly, OwnerFields, PositiveMoney, dictValue, optionalText } from '../sales/common.js'

/** An invoice (发票, SPEC §4.2): `requested` → `issued` → `mailed`, or `voided` with a reason. */
export const INVOICE_STATUSES = ['requested', 'issued', 'mailed', 'voided'] as const
export const InvoiceStatus = z.enum(INVOICE_STATUSES)
export type InvoiceStatus = z.infer<typeof InvoiceStatus>

export const Invoice = z.object({
  ...RecordMeta,
  receivableId: Id,
  contractId: Id,
  contractNumber: z.string(),
  contractName: z.string(),
  customerId: Id,
  customerName: z.string(),
  ...OwnerFields,
  /** The instalment it bills, when linked. */
  instalmentId: Id.nullable(),
  instalmentSeq: z.number().int().nullable(),
  /** Dictionary `invoice_type` (专票 / 普票). */
  type: z.string(),
  title: z.string(),
  taxNumber: z.string().nullable(),
  amount: z.string(),
  status: InvoiceStatus,
  invoiceNumber: z.string().nullable(),
  issueDate: z.string().nullable(),
  /** Dictionary `courier_company`. */
  courier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  mailedOn: z.string().nullable(),
  remark: z.string().nullable(),
  voidReason: z.string().nullable(),
})
export type Invoice = z.infer<typeof Invoice>

/** An invoice request; the amount may not exceed what is left to invoice on the contract. */
export const InvoiceCreate = z.strictObject({
  receivableId: Id,
  instalmentId: Id.nullable().optional(),
  type: dictValue,
  title: z.string().trim().min(1).max(200),
  taxNumber: optionalText(40),
  amount: PositiveMoney,
  remark: optionalText(500),
})
export type InvoiceCreate = z.input<typeof InvoiceCreate>

/** Edits while requested (the amount too, within what is left); later only the remark. */
export const InvoiceUpdate = z.strictObject({
  instalmentId: Id.nullable().optional(),
  type: dictValue.optional(),
  title: z.string().trim().min(1).max(200).optional(),
  taxNumber: optionalText(40),
  amount: PositiveMoney.optional(),
  remark: optionalText(500),
})
export type InvoiceUpdate = z.input<typeof InvoiceUpdate>

/** 批量修改 of invoice requests: the invoice type, through the invoice's edit rule. */
export const InvoiceBulkEdit = bulkEditOf(InvoiceUpdate.pick({ type: true }))
export type InvoiceBulkEdit = z.input<typeof InvoiceBulkEdit>

/** Issuing (开具): the number printed on the invoice and its date. */
export const InvoiceIssue = z.strictObject({
  invoiceNumber: z.string().trim().min(1).max(40),
  issueDate: DateOnly,
})
export type InvoiceIssue = z.input<typeof InvoiceIssue>

/** Mailing (邮寄): courier from the dictionary and the tracking number. */
export const InvoiceMail = z.strictObject({
  courier: dictValue,
  trackingNumber: z.string().trim().min(1).max(60),
  mailedOn: DateOnly.optional(),
})
export type InvoiceMail = z.input<typeof InvoiceMail>

export const InvoiceVoid = z.strictObject({ reason: z.string().trim().min(1).max(500) })
export type InvoiceVoid = z.input<typeof InvoiceVoid>

export const InvoiceListQuery = PageQuery.extend({
  /** Customer name (any part), contract number or invoice number (from the start). */
  q: optionalText(100),
  status: InvoiceStatus.optional(),
  type: dictValue.optional(),
  receivableId: Id.optional(),
  contractId: Id.optional(),
  customerId: Id.optional(),
})
export type InvoiceListQuery = z.infer<typeof InvoiceListQuery>
