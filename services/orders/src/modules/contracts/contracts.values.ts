import type { EntityManager } from 'typeorm'
import { roundMoney } from '@mosaic/money'
import { orders } from '@mosaic/schemas'
import {
  fieldError,
  validationFailed,
  type CallerContext,
  type DomainDeps,
  type ServiceClient,
} from '@mosaic/service-kit'
import { customerSnapshot } from '../lines/customers.js'
import { priceLines } from '../lines/lines.js'
import type { ContractRow } from './contracts.entity.js'
import { CONTRACT_SCAN_MEDIA_TYPES, contractScans } from './contracts.store.js'

export interface ContractDeps extends DomainDeps {
  serviceClient: ServiceClient
}

/** The editable input, as create, update and a change send it (all optional: a patch). */
export type ContractInput = Partial<Omit<orders.ContractUpdate, 'customerId'>> & { customerId?: string }

/** The row's business values: what a revision keeps and a change proposes. */
export function valuesOf(row: ContractRow | orders.ContractValues): orders.ContractValues {
  const out: Record<string, unknown> = {}
  for (const key of orders.CONTRACT_VALUE_FIELDS) out[key] = (row as Record<string, unknown>)[key] ?? null
  return orders.ContractValues.parse(out)
}

/** Plain text fields copied as sent (null clears, undefined leaves as is). */
const PLAIN = [
  'name',
  'paymentMethod',
  'warrantyMonths',
  'invoiceType',
  'invoiceTitle',
  'invoiceTaxNumber',
  'invoiceAddressPhone',
  'invoiceBank',
  'invoiceAccount',
  'deliveryDate',
  'consignee',
  'consigneePhone',
  'deliveryAddress',
  'signDate',
  'startDate',
  'endDate',
  'remark',
] as const satisfies readonly (keyof orders.ContractValues)[]

/**
 * The contract's values after `input` is applied to `base` (the stored values, or empty for a new
 * draft): dictionaries and dates checked, the customer snapshot read again when the customer or
 * contact changes, scans accepted as PDF or images, lines priced with tax-included unit prices.
 */
export async function resolveValues(
  m: EntityManager,
  ctx: CallerContext,
  deps: ContractDeps,
  base: orders.ContractValues | null,
  input: ContractInput,
): Promise<orders.ContractValues> {
  await deps.dicts.assert([
    { field: 'paymentMethod', type: 'payment_method', value: input.paymentMethod },
    { field: 'invoiceType', type: 'invoice_type', value: input.invoiceType },
  ])
  const next: Record<string, unknown> = { ...(base ?? {}) }
  for (const key of PLAIN) if (input[key] !== undefined) next[key] = input[key]
  for (const key of ['prepayRatio', 'retentionRatio'] as const)
    if (input[key] !== undefined) next[key] = input[key] === null ? null : roundMoney(input[key])
  const start = next.startDate as string | null | undefined
  const end = next.endDate as string | null | undefined
  if (start && end && end < start)
    throw validationFailed([fieldError('endDate', 'orders.contract.end_before_start')])

  const customerId = input.customerId ?? base?.customerId
  if (!customerId) throw validationFailed([fieldError('customerId', 'orders.contract.customer_required')])
  if (!base || input.customerId !== undefined || input.contactId !== undefined) {
    const contactId =
      input.contactId !== undefined
        ? input.contactId
        : input.customerId !== undefined && input.customerId !== base?.customerId
          ? null
          : (base?.contactId ?? null)
    const card = await customerSnapshot(deps.serviceClient, ctx.principal, { customerId, contactId })
    Object.assign(next, {
      customerId,
      customerName: card.customerName,
      contactId: card.contactId,
      contactName: card.contactName,
      contactPhone: card.contactPhone,
    })
  }
  if (input.attachments !== undefined || !base)
    next.attachments = await contractScans.accept(
      m,
      ctx,
      input.attachments ?? [],
      'attachments',
      CONTRACT_SCAN_MEDIA_TYPES,
    )
  if (input.lines) Object.assign(next, await priceLines(m, input.lines, 'tax-included'))
  else if (!base) throw validationFailed([fieldError('lines', 'orders.contract.lines_required')])
  for (const key of orders.CONTRACT_VALUE_FIELDS) if (next[key] === undefined) next[key] = null
  return orders.ContractValues.parse(next)
}

/** Two sets of values hold the same business content (a change that changes nothing is refused). */
export function sameValues(a: orders.ContractValues, b: orders.ContractValues): boolean {
  return JSON.stringify(valuesOf(a)) === JSON.stringify(valuesOf(b))
}
