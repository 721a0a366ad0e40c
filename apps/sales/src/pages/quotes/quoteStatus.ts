import { computed } from 'vue'
import { orders } from '@mosaic/schemas'
import { useText, type TagType } from '@mosaic/ui'

/** A quote's status as a tag type. */
export const QUOTE_STATUS_TAGS = {
  draft: 'info',
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  sent: 'primary',
  accepted: 'success',
  expired: 'info',
} as const satisfies Record<orders.QuoteStatus, TagType>

/** Each status's label in the reader's language. */
export function useQuoteStatusLabels() {
  const { t } = useText()
  return computed(() =>
    Object.fromEntries(orders.QUOTE_STATUSES.map((s) => [s, t(`sales.quote.statuses.${s}`)])),
  )
}
