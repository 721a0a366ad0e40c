import { computed } from 'vue'
import { tickets } from '@mosaic/schemas'
import { useText, type TagType } from '@mosaic/ui'

/** The dictionaries the service screens read. */
export const DICT = { type: 'ticket_type', priority: 'ticket_priority' } as const

/** Status colours: open work is blue/orange, done is green/grey, a reopened ticket stands out. */
export const STATUS_TAGS: Record<tickets.TicketStatus, TagType> = {
  new: 'primary',
  assigned: 'primary',
  in_progress: 'warning',
  waiting_customer: 'info',
  resolved: 'success',
  closed: 'info',
  reopened: 'danger',
}

/** Status and channel labels in the reader's language. */
export function useTicketLabels() {
  const { t } = useText()
  return computed(() => ({
    status: Object.fromEntries(tickets.TICKET_STATUSES.map((s) => [s, t(`service.ticket.statuses.${s}`)])),
    channel: Object.fromEntries(tickets.TICKET_CHANNELS.map((c) => [c, t(`service.ticket.channels.${c}`)])),
  }))
}
