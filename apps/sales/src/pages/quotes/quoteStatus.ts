import { orders } from '@mosaic/schemas'

/** A quote's status as a tag type (the quotes list, a customer's quotes, the quote's view). */
export const QUOTE_STATUS_TAGS = {
  draft: 'info',
  submitted: 'warning',
  approved: 'success',
  rejected: 'danger',
} as const satisfies Record<orders.QuoteStatus, string>

/** Each status's label in the reader's language. */
export const quoteStatusLabels = (t: (key: string) => string) =>
  Object.fromEntries(orders.QUOTE_STATUSES.map((s) => [s, t(`sales.quote.statuses.${s}`)]))
